import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/control/types.js';
import { CASE_NOW, startTestMock, type TestMock } from '../support/mock.js';
import { adjustment } from './helpers.js';

const FAULTS: FaultRuleInput[] = [
  { method: 'POST', route: '/inventory_adjustments', action: { type: 'error', status: 500, probability: 0.5 } },
  { route: '/inventory', probability: 0.3, action: { type: 'error', status: 500, code: 'BACKEND_FLAKY' } },
];

/** Runs one fixed request sequence and returns every response body. */
async function run(mock: TestMock): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < 24; i++) {
    const sku = i % 3 === 0 ? 'MUG-WHT' : 'TEE-BLK-M';
    bodies.push((await mock.post('/inventory_adjustments', adjustment(sku, 1 + (i % 4)))).text);
    bodies.push((await mock.get(`/inventory?cid=${sku}`)).text);
    if (i % 6 === 5) bodies.push((await mock.admin('POST', '/accounts', { generate: { skus: 4 } })).text);
    mock.running.admin.clock.advance(1_000);
  }
  bodies.push((await mock.get('/inventory_adjustments?limit=100')).text);
  return bodies;
}

describe('determinism', () => {
  it('gives byte-identical bodies for the same seed, faults and requests', async () => {
    const first = await startTestMock({ fixtureName: 'f0', clockAt: CASE_NOW, seed: 7, faults: FAULTS });
    const second = await startTestMock({ fixtureName: 'f0', clockAt: CASE_NOW, seed: 7, faults: FAULTS });
    try {
      const a = await run(first);
      const b = await run(second);
      expect(b).toEqual(a);

      // The 50% fault must have both failed and passed requests, or the test proves nothing.
      const errors = a.filter((body) => body.includes('"INJECTED_FAULT"')).length;
      expect(errors).toBeGreaterThan(3);
      expect(a.filter((body) => body.includes('"records_succeeded":1')).length).toBeGreaterThan(3);

      // After a reset the dice start over, so the run repeats exactly.
      await first.admin('POST', '/reset');
      expect(await run(first)).toEqual(a);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('differs for another seed', async () => {
    const first = await startTestMock({ fixtureName: 'f0', clockAt: CASE_NOW, seed: 7, faults: FAULTS });
    const other = await startTestMock({ fixtureName: 'f0', clockAt: CASE_NOW, seed: 8, faults: FAULTS });
    try {
      expect(await run(other)).not.toEqual(await run(first));
    } finally {
      await first.close();
      await other.close();
    }
  });
});

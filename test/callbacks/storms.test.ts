import { beforeAll, describe, expect, it } from 'vitest';
import { useMockWithReceiver } from '../support/harness.js';
import { CASE_NOW, type TestMock } from '../support/mock.js';
import { accountOf, messagesOf, register, runClock, settle } from './helpers.js';

const harness = useMockWithReceiver({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = harness.receiver;
let mock: TestMock;

beforeAll(() => {
  mock = harness.mock;
});

/** Builds a consumer's view: the last delivered available-to-sell of each SKU. */
function consumerView(): Map<string, number> {
  const view = new Map<string, number>();
  for (const attempt of receiver.ofType('skuInventoryChange')) {
    for (const record of attempt.body.data) view.set(record.customer_identifier, record.total_available_to_sell);
  }
  return view;
}

describe('storms through the control plane', () => {
  it('makes audited changes at the rate on the clock and stops by itself', async () => {
    await register(mock, receiver);
    const started = await mock.admin('POST', '/storms', { rate_per_s: 50, duration_s: 2, skus: ['TEE-BLK-M', 'MUG-WHT', 'LID-STD'], seed: 42 });
    expect(started.status).toBe(200);
    const id = started.body.storm_id;
    expect(started.body).toMatchObject({ account: 'acme-test', state: 'running', planned_changes: 100, changes_made: 0, skus: 3 });

    mock.advance(1_000);
    const halfway = await mock.admin('GET', `/storms/${id}`);
    expect(halfway.body.changes_made + halfway.body.changes_failed).toBe(50);
    expect(halfway.body.state).toBe('running');

    mock.advance(1_000);
    const finished = await mock.admin('GET', `/storms/${id}`);
    expect(finished.body.state).toBe('completed');
    expect(finished.body.changes_made).toBe(100);
    expect(finished.body.changes_failed).toBe(0);
    expect(finished.body.finished_at).toBe('2026-12-04T12:00:02.000000Z');

    const audit = await mock.get('/inventory_adjustments?limit=100');
    expect(audit.body.total).toBe(100);
    expect(audit.body.data.every((entry: { adjusted_by: string }) => entry.adjusted_by === `storm:${id}`)).toBe(true);

    await runClock(mock, 60_000);
    const view = consumerView();
    for (const cid of ['TEE-BLK-M', 'MUG-WHT', 'LID-STD']) {
      const res = await mock.get(`/inventory?cid=${cid}`);
      expect(view.get(cid)).toBe(res.body.data[0].total_available_to_sell);
    }
    expect(messagesOf(mock).every((message) => message.state === 'delivered')).toBe(true);
  });

  it('repeats the same changes for the same seed', async () => {
    const run = async () => {
      mock.running.mock.reset();
      mock.setClock(CASE_NOW);
      await mock.admin('POST', '/storms', { rate_per_s: 20, duration_s: 1, skus: 4, seed: 7 });
      mock.advance(1_000);
      const audit = await mock.get('/inventory_adjustments?limit=100');
      return audit.body.data.map((entry: { customer_identifier: string; adjustment_quantity: number }) => [
        entry.customer_identifier,
        entry.adjustment_quantity,
      ]);
    };
    const first = await run();
    const second = await run();
    expect(first).toHaveLength(20);
    expect(second).toEqual(first);
  });

  it('stops early on DELETE', async () => {
    const started = await mock.admin('POST', '/storms', { rate_per_s: 10, duration_s: 10 });
    mock.advance(1_000);
    const stopped = await mock.admin('DELETE', `/storms/${started.body.storm_id}`);
    expect(stopped.status).toBe(200);
    expect(stopped.body.state).toBe('stopped');
    expect(stopped.body.changes_made).toBe(10);
    mock.advance(10_000);
    const after = await mock.admin('GET', `/storms/${started.body.storm_id}`);
    expect(after.body.changes_made).toBe(10);
    const list = await mock.admin('GET', '/storms');
    expect(list.body.map((s: { storm_id: string }) => s.storm_id)).toContain(started.body.storm_id);
  });

  it('stops a storm when its account is reset', async () => {
    const started = await mock.admin('POST', '/storms', { rate_per_s: 10, duration_s: 10 });
    mock.running.mock.reset();
    const after = await mock.admin('GET', `/storms/${started.body.storm_id}`);
    expect(after.body.state).toBe('stopped');
  });

  it('answers 404 STORM_NOT_FOUND for an unknown storm', async () => {
    const res = await mock.admin('GET', '/storms/5a000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('STORM_NOT_FOUND');
    const stop = await mock.admin('DELETE', '/storms/nope');
    expect(stop.status).toBe(404);
  });

  it('rejects bad storm requests with details and starts nothing', async () => {
    const cases: [unknown, string[]][] = [
      [{ rate_per_s: 0, duration_s: 1 }, ['rate_per_s']],
      [{ rate_per_s: 100_001, duration_s: 1 }, ['rate_per_s']],
      [{ rate_per_s: 10, duration_s: 0 }, ['duration_s']],
      [{ rate_per_s: 10, duration_s: 3601 }, ['duration_s']],
      [{ rate_per_s: 'fast', duration_s: '1' }, ['rate_per_s', 'duration_s']],
      [{ rate_per_s: 10, duration_s: 1, skus: 0 }, ['skus']],
      [{ rate_per_s: 10, duration_s: 1, skus: 9 }, ['skus']],
      [{ rate_per_s: 10, duration_s: 1, skus: ['MUG-WHT', 'NOPE-9'] }, ['skus[1]']],
      [{ rate_per_s: 10, duration_s: 1, statuses: ['kit-to-ship-available', 'nope'] }, ['statuses[0]', 'statuses[1]']],
      [{ rate_per_s: 10, duration_s: 1, seed: -1 }, ['seed']],
      [{ rate_per_s: 10, duration_s: 1, speed: 1 }, ['speed']],
      [{ rate_per_s: 100_000, duration_s: 3600 }, ['duration_s']],
    ];
    for (const [body, fields] of cases) {
      const res = await mock.admin('POST', '/storms', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('INVALID_BODY');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(fields);
    }
    const unknown = await mock.admin('POST', '/storms', { account: 'nobody', rate_per_s: 1, duration_s: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ACCOUNT_NOT_FOUND');
    const notObject = await mock.admin('POST', '/storms', [1]);
    expect(notObject.status).toBe(400);
    mock.advance(5_000);
    expect(accountOf(mock).audit).toHaveLength(0);
  });
});

describe('storms from the library', () => {
  it('converges a consumer with the ledger', async () => {
    await register(mock, receiver);
    const storm = mock.running.startStorm({ ratePerSecond: 200, durationSeconds: 1, skus: 5, seed: 3 });
    mock.advance(1_000);
    const summary = await storm.done;
    expect(summary.changes_made).toBe(200);
    await settle(mock);
    await runClock(mock, 60_000);

    const view = consumerView();
    const mismatches = await storm.verifyConverged((cid) => view.get(cid) ?? 0);
    expect(mismatches).toEqual([]);

    const wrong = await storm.verifyConverged((cid) => (cid === 'CAP-RED' ? 999 : (view.get(cid) ?? 0)));
    expect(wrong).toEqual([{ cid: 'CAP-RED', expected: view.get('CAP-RED') ?? 0, got: 999 }]);
  });

  it('throws for bad options', () => {
    expect(() => mock.running.startStorm({ ratePerSecond: 0, durationSeconds: 1 })).toThrow(/rate_per_s/);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { F0 } from '../support/fixtures.js';
import { useMockWithReceiver } from '../support/harness.js';
import { CASE_NOW, type TestMock } from '../support/mock.js';
import { accountOf, adjust, messagesOf, recordsOf, register, rowQuantity, runClock, settle } from './helpers.js';

const harness = useMockWithReceiver({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = harness.receiver;
let mock: TestMock;

beforeAll(() => {
  mock = harness.mock;
});

/** TEE-BLK-M records of the delivered (2xx) attempts, in arrival order. */
function deliveredTee(statusOf: (index: number) => number): any[] {
  return receiver.attempts
    .filter((attempt) => statusOf(attempt.index) < 300)
    .flatMap((attempt) => recordsOf(attempt.body, 'TEE-BLK-M'));
}

describe('H09 out-of-order delivery', () => {
  it('delivers A before B for one SKU while A is retried', async () => {
    let released = false;
    const replies: number[] = [];
    receiver.script = () => {
      const status = released ? 200 : 503;
      replies.push(status);
      return { status };
    };
    await register(mock, receiver);

    await adjust(mock, 'TEE-BLK-M', 1);
    await receiver.waitForAttempts(1);
    await settle(mock);
    mock.advance(10_000);
    await settle(mock);
    await adjust(mock, 'TEE-BLK-M', 1);
    await settle(mock);

    const [a, b] = messagesOf(mock);
    expect(a?.state).toBe('pending');
    expect(a?.attempts.length).toBeGreaterThanOrEqual(1);
    expect(b?.state).toBe('pending');
    const log = await mock.admin('GET', '/callbacks?account=acme-test');
    const logged = log.body.messages.find((m: { id: string }) => m.id === b?.id);
    expect(logged.attempts).toEqual([]);
    expect(receiver.attempts.every((attempt) => attempt.body.message_id === a?.id)).toBe(true);

    released = true;
    await runClock(mock, 120_000);
    expect(a?.state).toBe('delivered');
    expect(b?.state).toBe('delivered');
    expect(b!.attempts[0]!.at).toBeGreaterThanOrEqual(a!.deliveredAt!);

    const delivered = deliveredTee((index) => replies[index]!);
    expect(delivered).toHaveLength(2);
    const [recordA, recordB] = delivered;
    expect(recordA.total_units).toBe(85);
    expect(recordA.total_available_to_sell).toBe(74);
    expect(recordA.as_of).toBe('2026-12-04T12:00:00.000000Z');
    expect(rowQuantity(recordA, F0.L1, 'available')).toBe(41);
    expect(recordB.total_units).toBe(86);
    expect(recordB.total_available_to_sell).toBe(75);
    expect(recordB.as_of).toBe('2026-12-04T12:00:10.000000Z');
    expect(rowQuantity(recordB, F0.L1, 'available')).toBe(42);
    const row = recordB.status_counts.find(
      (r: { inventory_location_id: string; inventory_status: string }) =>
        r.inventory_location_id === F0.L1 && r.inventory_status === 'available',
    );
    expect(row.as_of).toBe('2026-12-04T12:00:10.000000Z');

    const lastArrival = delivered.at(-1);
    expect(lastArrival.total_available_to_sell).toBe(75);
  });

  it('sends B before A with reordering turned on', async () => {
    await register(mock, receiver);
    const turnedOn = await mock.admin('PUT', '/callbacks/settings?account=acme-test', { reorderWindowMs: 30_000 });
    expect(turnedOn.status).toBe(200);
    expect(turnedOn.body.reorderWindowMs).toBe(30_000);

    await adjust(mock, 'TEE-BLK-M', 1);
    mock.advance(10_000);
    await adjust(mock, 'TEE-BLK-M', 1);
    await settle(mock);
    expect(receiver.attempts).toHaveLength(0);

    await runClock(mock, 30_000);
    await receiver.waitForAttempts(2);
    const arrived = receiver.attempts.flatMap((attempt) => recordsOf(attempt.body, 'TEE-BLK-M'));
    expect(arrived.map((record) => record.total_available_to_sell)).toEqual([75, 74]);
    expect(arrived.map((record) => record.as_of)).toEqual([
      '2026-12-04T12:00:10.000000Z',
      '2026-12-04T12:00:00.000000Z',
    ]);

    const newest = arrived.reduce((kept, record) => (record.as_of > kept.as_of ? record : kept));
    expect(newest.total_available_to_sell).toBe(75);
    expect(arrived.at(-1).total_available_to_sell).toBe(74);
  });
});

describe('per-SKU order under random failures', () => {
  it('delivers each SKU in change order when a third of attempts fail', async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const replies: number[] = [];
    receiver.script = () => {
      const status = random() < 0.33 ? 503 : 200;
      replies.push(status);
      return { status };
    };
    await register(mock, receiver);
    mock.running.server.callbacks.settings(accountOf(mock)).maxAttempts = 50;

    const cids = ['TEE-BLK-M', 'MUG-WHT', 'LID-STD'];
    for (let round = 0; round < 8; round++) {
      for (const [index, cid] of cids.entries()) {
        if ((round + index) % 2 === 0) await adjust(mock, cid, 1);
        else {
          await mock.post('/inventory_adjustments', [
            { customer_identifier: cid, inventory_location_id: F0.L1, inventory_status: 'available', adjustment_quantity: 1, adjustment_reason: 'correction' },
            { customer_identifier: 'KID\'S TEE', inventory_location_id: F0.L1, inventory_status: 'available', adjustment_quantity: 1, adjustment_reason: 'correction' },
          ]);
        }
      }
      mock.advance(1_000);
      await settle(mock);
    }
    await runClock(mock, 3_600_000);

    const messages = messagesOf(mock);
    expect(messages.every((message) => message.state === 'delivered')).toBe(true);
    for (const cid of [...cids, "KID'S TEE"]) {
      const delivered = receiver.attempts
        .filter((attempt) => replies[attempt.index]! < 300)
        .flatMap((attempt) => recordsOf(attempt.body, cid));
      const available = delivered.map((record) => rowQuantity(record, F0.L1, 'available')!);
      expect(available.length).toBeGreaterThan(1);
      const sorted = [...available].sort((x, y) => x - y);
      expect(available).toEqual(sorted);
      expect(new Set(available).size).toBe(available.length);
    }
  });
});

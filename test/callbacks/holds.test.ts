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

function holdBody(type: string): { headers: Record<string, string>; raw: string } {
  return { headers: { 'content-type': 'application/json' }, raw: JSON.stringify([{ message_type: type }]) };
}

describe('H11 callback holds', () => {
  it('sends only the latest count of each SKU on release', async () => {
    await register(mock, receiver);
    await register(mock, receiver, 'snapshotReady');

    const held = await mock.post('/callback_holds', [{ message_type: 'skuInventoryChange' }]);
    expect(held.status).toBe(200);
    expect(held.body.records_succeeded).toBe(1);
    expect(held.body.results[0]).toEqual({ status: 'success', message_type: 'skuInventoryChange' });
    const holds = await mock.get('/callback_holds');
    expect(holds.body).toEqual([{ message_type: 'skuInventoryChange', created_at: CASE_NOW }]);

    mock.advance(1_000);
    await adjust(mock, 'TEE-BLK-M', 1);
    mock.advance(1_000);
    await adjust(mock, 'TEE-BLK-M', 1);
    mock.advance(1_000);
    await adjust(mock, 'TEE-BLK-M', -3);
    mock.advance(1_000);
    await adjust(mock, 'MUG-WHT', 2);
    await settle(mock);
    expect(receiver.ofType('skuInventoryChange')).toHaveLength(0);

    const log = await mock.admin('GET', '/callbacks?account=acme-test');
    expect(log.body.accounts[0].held_skus).toBe(2);
    expect(log.body.accounts[0].holds).toEqual(['skuInventoryChange']);

    const released = await mock.api('DELETE', '/callback_holds', holdBody('skuInventoryChange'));
    expect(released.status).toBe(200);
    expect(released.body.results[0].status).toBe('success');
    expect((await mock.get('/callback_holds')).body).toEqual([]);

    await receiver.waitFor(() => receiver.ofType('skuInventoryChange').length >= 1);
    await settle(mock);
    const bodies = receiver.ofType('skuInventoryChange').map((attempt) => attempt.body);
    const tee = bodies.flatMap((body) => recordsOf(body, 'TEE-BLK-M'));
    const mug = bodies.flatMap((body) => recordsOf(body, 'MUG-WHT'));
    expect(tee).toHaveLength(1);
    expect(mug).toHaveLength(1);
    expect(tee[0].total_units).toBe(83);
    expect(tee[0].total_available_to_sell).toBe(72);
    expect(rowQuantity(tee[0], F0.L1, 'available')).toBe(39);
    const teeRow = tee[0].status_counts.find(
      (r: { inventory_location_id: string; inventory_status: string }) =>
        r.inventory_location_id === F0.L1 && r.inventory_status === 'available',
    );
    expect(teeRow.as_of).toBe('2026-12-04T12:00:03.000000Z');
    expect(tee[0].inventory_events.map((e: { quantity: number }) => e.quantity)).toEqual([-3, 1, 1]);
    expect(mug[0].total_units).toBe(3);
    expect(mug[0].total_available_to_sell).toBe(3);
    const mugRow = mug[0].status_counts.find(
      (r: { inventory_location_id: string; inventory_status: string }) =>
        r.inventory_location_id === F0.L1 && r.inventory_status === 'available',
    );
    expect(mugRow.quantity).toBe(3);
    expect(mugRow.as_of).toBe('2026-12-04T12:00:04.000000Z');
    for (const body of bodies) {
      for (const record of recordsOf(body, 'TEE-BLK-M')) {
        expect([41, 42]).not.toContain(rowQuantity(record, F0.L1, 'available'));
      }
    }
  });

  it('holds and releases other types in order', async () => {
    await register(mock, receiver, 'snapshotReady');
    await mock.post('/callback_holds', [{ message_type: 'snapshotReady' }]);
    const account = accountOf(mock);
    const engine = mock.running.server.callbacks;
    const first = engine.send(account, 'snapshotReady', { n: 1 });
    const second = engine.send(account, 'snapshotReady', { n: 2 });
    expect(first?.state).toBe('held');
    await settle(mock);
    expect(receiver.attempts).toHaveLength(0);
    const log = await mock.admin('GET', '/callbacks?state=held');
    expect(log.body.messages.map((m: { id: string }) => m.id)).toEqual([first?.id, second?.id]);

    await mock.api('DELETE', '/callback_holds', holdBody('snapshotReady'));
    await receiver.waitForAttempts(2);
    await settle(mock);
    expect(receiver.attempts.map((attempt) => attempt.body.data.n)).toEqual([1, 2]);
    expect(second?.state).toBe('delivered');
  });

  it('keeps inventory messages flowing while snapshotReady is held', async () => {
    await register(mock, receiver);
    await register(mock, receiver, 'snapshotReady');
    await mock.post('/callback_holds', [{ message_type: 'snapshotReady' }]);
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    expect(receiver.attempts[0]?.headers['x-message-type']).toBe('skuInventoryChange');
  });

  it('counts held changes as skipped when the registration is gone at release', async () => {
    const id = await register(mock, receiver);
    await mock.post('/callback_holds', [{ message_type: 'skuInventoryChange' }]);
    await adjust(mock, 'MUG-WHT', 1);
    await mock.api('DELETE', '/callbacks', { headers: { 'content-type': 'application/json' }, raw: JSON.stringify([id]) });
    await mock.api('DELETE', '/callback_holds', holdBody('skuInventoryChange'));
    await settle(mock);
    expect(messagesOf(mock)).toHaveLength(0);
    expect(mock.running.server.callbacks.log(accountOf(mock)).skipped_no_registration).toBe(1);
  });

  it('keeps the first created_at when a held type is held again', async () => {
    await mock.post('/callback_holds', [{ message_type: 'skuInventoryChange' }]);
    mock.advance(5_000);
    const again = await mock.post('/callback_holds', [{ message_type: 'skuInventoryChange' }]);
    expect(again.body.results[0].status).toBe('success');
    expect((await mock.get('/callback_holds')).body).toEqual([{ message_type: 'skuInventoryChange', created_at: CASE_NOW }]);
  });

  it('fails bad hold records and a release of a type not held', async () => {
    const res = await mock.post('/callback_holds', [
      { message_type: 'SnapshotReady' },
      { message_type: 'skuInventoryChange', extra: 1 },
      {},
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['failure', 'failure', 'failure']);
    expect(res.body.results[0].messages[0].errors[0]).toContain('snapshotReady');
    expect(res.body.results[1].messages[0].field_name).toBe('extra');
    expect(res.body.results[2].messages[0].field_name).toBe('message_type');

    const release = await mock.api('DELETE', '/callback_holds', holdBody('skuInventoryChange'));
    expect(release.body.results[0].status).toBe('failure');
    expect(release.body.results[0].message_type).toBe('skuInventoryChange');
    expect((await mock.get('/callback_holds')).body).toEqual([]);
  });

  it('orders released messages behind retries', async () => {
    let failing = true;
    receiver.script = () => ({ status: failing ? 503 : 200 });
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    await settle(mock);
    await mock.post('/callback_holds', [{ message_type: 'skuInventoryChange' }]);
    await adjust(mock, 'MUG-WHT', 1);
    await mock.api('DELETE', '/callback_holds', holdBody('skuInventoryChange'));
    await settle(mock);
    const [first, second] = messagesOf(mock);
    expect(second?.attempts).toHaveLength(0);
    failing = false;
    await runClock(mock, 60_000);
    expect(first?.state).toBe('delivered');
    expect(second?.state).toBe('delivered');
    expect(second!.attempts[0]!.at).toBeGreaterThanOrEqual(first!.deliveredAt!);
  });
});

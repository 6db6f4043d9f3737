import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FixtureFile } from '../../src/engine/fixture-format.js';
import { F0, loadFixtureFile } from '../support/fixtures.js';
import { CASE_NOW, useTestMock } from '../support/mock.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

const L3 = '0a5c1f0e-0000-4000-8000-000000000003';

/** F0 with a third center: weights East 5, West 3, Central 2; East nearly full. */
function threeCenters(): FixtureFile {
  const file = loadFixtureFile('f0');
  const account = file.accounts[0];
  if (!account) throw new Error('f0.json has no account');
  const [east, west] = account.locations;
  if (!east || !west) throw new Error('f0.json needs two locations');
  // East has 61 units on hand and 10 expected, so 4 units of room are left.
  east.capacity = 75;
  east.weight = 5;
  west.capacity = 1000;
  west.weight = 3;
  account.locations.push({
    id: L3,
    name: 'Test DC Central',
    street_line_one: '300 Middle Street',
    city: 'Midtown',
    locale_code: 'ST',
    postal_code: '00003',
    timezone: 'America/Chicago',
    capacity: 1000,
    weight: 2,
  });
  return file;
}

const mock = useTestMock({ fixtureFile: threeCenters(), clockAt: CASE_NOW });

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

async function byLocation(cid: string, status: string): Promise<Record<string, number>> {
  const res = await mock.current.get(`/inventory?cid=${encodeURIComponent(cid)}`);
  const counts: Record<string, number> = {};
  for (const row of res.body.data[0].status_counts) {
    if (row.inventory_status === status) counts[row.inventory_location_id] = row.quantity;
  }
  return counts;
}

describe('inbound stock without a location', () => {
  test('createAvailable splits over the centers and skips a full one', async () => {
    const m = mock.current;
    const res = await m.post('/data_factory/createAvailable', [{ customer_identifier: 'CAP-RED', quantity: 100 }]);
    expect(res.status).toBe(200);
    const result = res.body.results[0];
    expect(result.status).toBe('success');
    expect(result.distribution_id).toEqual(expect.any(String));

    // By weight: East 50, West 30, Central 20. East has room for 4, so its
    // 46 extra units go to West (next by weight), which has room.
    expect(result.adjustments.map((a: { inventory_location_id: string; adjustment_quantity: number }) => [
      a.inventory_location_id,
      a.adjustment_quantity,
    ])).toEqual([
      [F0.L1, 4],
      [F0.L2, 76],
      [L3, 20],
    ]);
    for (const entry of result.adjustments) {
      expect(entry.distribution_id).toBe(result.distribution_id);
      expect(entry.adjustment_reason).toBe('received');
      expect(entry.adjusted_by).toBe('data_factory');
    }
    expect(await byLocation('CAP-RED', 'available')).toEqual({ [F0.L1]: 4, [F0.L2]: 76, [L3]: 20 });

    const audit = await m.get('/inventory_adjustments?cid=CAP-RED');
    expect(audit.body.total).toBe(3);
    expect(new Set(audit.body.data.map((e: { distribution_id: string }) => e.distribution_id))).toEqual(
      new Set([result.distribution_id]),
    );
  });

  test('one callback carries every share', async () => {
    const m = mock.current;
    receiver.clear();
    const registered = await m.post('/callbacks', [
      { url: `${receiver.url}/hooks/inventory`, message_type: 'skuInventoryChange' },
    ]);
    expect(registered.body.results[0].status).toBe('success');

    await m.post('/data_factory/createAvailable', [{ customer_identifier: 'CAP-RED', quantity: 100 }]);
    await receiver.waitForAttempts(1);
    await m.running.server.callbacks.idle();

    const messages = receiver.ofType('skuInventoryChange');
    expect(messages).toHaveLength(1);
    const records = messages[0]?.body.data;
    expect(records).toHaveLength(1);
    expect(records[0].customer_identifier).toBe('CAP-RED');
    expect(records[0].total_units).toBe(100);
    expect(records[0].inventory_events).toHaveLength(3);
  });

  test('an expected adjustment without a location is distributed', async () => {
    const m = mock.current;
    const res = await m.post('/inventory_adjustments', [
      { customer_identifier: 'MUG-WHT', inventory_status: 'expected', adjustment_quantity: 10, adjustment_reason: 'received' },
    ]);
    const result = res.body.results[0];
    expect(result.status).toBe('success');
    expect(result.adjustments.map((a: { adjustment_quantity: number }) => a.adjustment_quantity)).toEqual([4, 4, 2]);
    expect(await byLocation('MUG-WHT', 'expected')).toEqual({ [F0.L1]: 4, [F0.L2]: 4, [L3]: 2 });
  });

  test('the same request on the same state gives the same split', async () => {
    const m = mock.current;
    const first = await m.post('/data_factory/createAvailable', [{ customer_identifier: 'CAP-RED', quantity: 37 }]);
    m.running.mock.reset();
    m.setClock(CASE_NOW);
    const second = await m.post('/data_factory/createAvailable', [{ customer_identifier: 'CAP-RED', quantity: 37 }]);
    expect(second.body).toEqual(first.body);
  });

  test('a full network fails the record and changes nothing', async () => {
    const m = mock.current;
    const locations = await m.get('/inventory_locations');
    const free = locations.body.reduce(
      (sum: number, l: { capacity: number; units_on_hand: number }) => sum + l.capacity - l.units_on_hand,
      0,
    );
    const res = await m.post('/data_factory/createAvailable', [{ customer_identifier: 'CAP-RED', quantity: free + 1000 }]);
    expect(res.body.results[0].status).toBe('failure');
    expect(res.body.results[0].messages[0].field_name).toBe('adjustment_quantity');
    const after = await m.get('/inventory?cid=CAP-RED');
    expect(after.body.data[0].total_units).toBe(0);
    const audit = await m.get('/inventory_adjustments?cid=CAP-RED');
    expect(audit.body.total).toBe(0);
  });

  test('locations show capacity, units on hand and weight', async () => {
    const res = await mock.current.get('/inventory_locations');
    expect(res.body.map((l: { capacity: number; units_on_hand: number; weight: number }) => [
      l.capacity,
      l.units_on_hand,
      l.weight,
    ])).toEqual([
      [75, 61, 5],
      [1000, 20 + 3 + 4 + 3 + 10 + 1 + 2, 3],
      [1000, 0, 2],
    ]);
  });
});

describe('distribution policy', () => {
  test('the control plane changes weights and capacities', async () => {
    const m = mock.current;
    const put = await m.admin('PUT', `/accounts/${F0.account}/distribution`, {
      locations: [
        { id: F0.L1, weight: 0 },
        { id: F0.L2, weight: 1, capacity: 5000 },
        { id: L3, weight: 1 },
      ],
    });
    expect(put.status).toBe(200);
    const res = await m.post('/data_factory/createAvailable', [{ customer_identifier: 'CAP-RED', quantity: 10 }]);
    expect(res.body.results[0].adjustments.map((a: { inventory_location_id: string; adjustment_quantity: number }) => [
      a.inventory_location_id,
      a.adjustment_quantity,
    ])).toEqual([
      [F0.L2, 5],
      [L3, 5],
    ]);
    const policy = await m.admin('GET', `/accounts/${F0.account}/distribution`);
    expect(policy.body.locations[1]).toMatchObject({ id: F0.L2, weight: 1, capacity: 5000 });
  });

  test('a bad policy names the field and changes nothing', async () => {
    const m = mock.current;
    const res = await m.admin('PUT', `/accounts/${F0.account}/distribution`, {
      locations: [
        { id: F0.L1, weight: 9 },
        { id: F0.L2, capacity: -1 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('locations[1].capacity');
    const policy = await m.admin('GET', `/accounts/${F0.account}/distribution`);
    expect(policy.body.locations[0].weight).toBe(5);
  });
});

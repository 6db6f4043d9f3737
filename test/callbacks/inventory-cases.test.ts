import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { F0 } from '../support/fixtures.js';
import { CASE_NOW, startTestMock, type TestMock } from '../support/mock.js';
import { useReceiver } from '../support/receiver.js';
import { adjust, messagesOf, recordsOf, register, rowQuantity, settle } from './helpers.js';

const receiver = useReceiver();

/** Records of `cid` in every skuInventoryChange that arrived since the last clear. */
function received(cid: string): any[] {
  return receiver.ofType('skuInventoryChange').flatMap((attempt) => recordsOf(attempt.body, cid));
}

async function nextMessage(count: number): Promise<void> {
  await receiver.waitFor(() => receiver.ofType('skuInventoryChange').length >= count);
}

describe('callbacks of H05, H07 and H19 on F0', () => {
  let mock: TestMock;

  beforeAll(async () => {
    mock = await startTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });
  });

  afterAll(async () => {
    await mock.close();
  });

  beforeEach(async () => {
    mock.running.mock.reset();
    mock.setClock(CASE_NOW);
    receiver.clear();
    receiver.script = () => ({ status: 200 });
    await register(mock, receiver);
  });

  it('H05 sends one callback per step of allocate, pick and ship', async () => {
    const steps = [
      { from: 'available', to: 'allocated', reason: 'allocated' },
      { from: 'allocated', to: 'picked', reason: 'status_change' },
      { from: 'picked', to: 'shipped', reason: 'shipped' },
    ];
    const expected = [
      { rows: { available: 39, allocated: 6 }, units: 84, ats: 72 },
      { rows: { allocated: 5, picked: 1 }, units: 84, ats: 72 },
      { rows: { picked: 0, shipped: 1 }, units: 83, ats: 72 },
    ];
    for (const [index, step] of steps.entries()) {
      const res = await adjust(mock, 'TEE-BLK-M', 1, { status: step.from, toStatus: step.to, reason: step.reason });
      expect(res.body.results[0].status).toBe('success');
      await nextMessage(index + 1);
      await settle(mock);
      const records = received('TEE-BLK-M');
      expect(records).toHaveLength(index + 1);
      const record = records[index];
      const want = expected[index]!;
      expect(record.total_units).toBe(want.units);
      expect(record.total_available_to_sell).toBe(want.ats);
      for (const [status, quantity] of Object.entries(want.rows)) {
        expect(rowQuantity(record, F0.L1, status)).toBe(quantity);
      }
      expect(record.inventory_events).toHaveLength(2);
    }
    expect(receiver.ofType('skuInventoryChange')).toHaveLength(3);
  });

  it('H07 sends exactly one callback for two racing decrements', async () => {
    const record = (note: string) => [
      {
        customer_identifier: 'MUG-WHT',
        inventory_location_id: F0.L1,
        inventory_status: 'available',
        adjustment_quantity: -1,
        adjustment_reason: 'damaged',
        adjustment_notes: note,
      },
    ];
    const [a, b] = await Promise.all([
      mock.post('/inventory_adjustments', record('drop test A')),
      mock.post('/inventory_adjustments', record('drop test B')),
    ]);
    const statuses = [a.body.results[0].status, b.body.results[0].status].sort();
    expect(statuses).toEqual(['failure', 'success']);
    await nextMessage(1);
    await settle(mock);
    const records = received('MUG-WHT');
    expect(records).toHaveLength(1);
    expect(records[0].total_available_to_sell).toBe(0);
    expect(records[0].total_units).toBe(0);
  });

  it('H07 sends no callback for failed records', async () => {
    await adjust(mock, 'MUG-WHT', -5);
    await mock.post('/inventory_adjustments', [
      { customer_identifier: 'MUG-WHT', inventory_location_id: F0.L1, inventory_status: 'available', new_quantity: -1, adjustment_reason: 'correction' },
    ]);
    await settle(mock);
    expect(receiver.attempts).toHaveLength(0);
    expect(messagesOf(mock)).toHaveLength(0);

    const res = await mock.post('/inventory_adjustments', [
      { customer_identifier: 'GIFT BOX', inventory_location_id: F0.L2, inventory_status: 'available', adjustment_quantity: 2, adjustment_reason: 'correction' },
      { customer_identifier: 'MUG-WHT', inventory_location_id: F0.L1, inventory_status: 'available', adjustment_quantity: -9, adjustment_reason: 'correction' },
    ]);
    expect(res.body.records_succeeded).toBe(1);
    await nextMessage(1);
    await settle(mock);
    expect(receiver.attempts).toHaveLength(1);
    const data = receiver.attempts[0]!.body.data;
    expect(data.map((r: { customer_identifier: string }) => r.customer_identifier)).toEqual(['GIFT BOX']);
    expect(data[0].total_units).toBe(5);
    expect(data[0].total_available_to_sell).toBe(5);
  });

  it('sends a record for the kit when a component changes', async () => {
    await adjust(mock, 'LID-STD', -8);
    await nextMessage(1);
    const [attempt] = receiver.ofType('skuInventoryChange');
    const cids = attempt!.body.data.map((r: { customer_identifier: string }) => r.customer_identifier);
    expect(cids).toEqual(['LID-STD', 'KIT-BOTTLE-SET']);
    const kit = recordsOf(attempt!.body, 'KIT-BOTTLE-SET')[0];
    expect(kit.inventory_events).toEqual([]);
  });
});

describe('callbacks of H19 on F-kit2', () => {
  let mock: TestMock;

  beforeAll(async () => {
    mock = await startTestMock({ fixtureName: 'f-kit2', clockAt: CASE_NOW });
  });

  afterAll(async () => {
    await mock.close();
  });

  it('H19 sends component and kit records', async () => {
    receiver.clear();
    receiver.script = () => ({ status: 200 });
    await register(mock, receiver);

    const first = await adjust(mock, 'SOCK-GRY', 2, { toStatus: 'allocated', reason: 'allocated' });
    expect(first.body.results[0].status).toBe('success');
    await nextMessage(1);
    await settle(mock);
    let socks = received('SOCK-GRY');
    let kits = received('KIT-SOCK-PAIR');
    expect(socks).toHaveLength(1);
    expect(kits).toHaveLength(1);
    expect(rowQuantity(socks[0], F0.L1, 'available')).toBe(8);
    expect(rowQuantity(socks[0], F0.L1, 'allocated')).toBe(6);
    expect(socks[0].total_units).toBe(14);
    expect(socks[0].total_available_to_sell).toBe(8);
    expect(kits[0].total_available_to_sell).toBe(4);

    const failed = await adjust(mock, 'SOCK-GRY', 10, { toStatus: 'allocated', reason: 'allocated' });
    expect(failed.body.results[0].status).toBe('failure');
    await settle(mock);
    expect(receiver.ofType('skuInventoryChange')).toHaveLength(1);

    const last = await adjust(mock, 'SOCK-GRY', 8, { toStatus: 'allocated', reason: 'allocated' });
    expect(last.body.results[0].status).toBe('success');
    await nextMessage(2);
    await settle(mock);
    socks = received('SOCK-GRY');
    kits = received('KIT-SOCK-PAIR');
    expect(socks).toHaveLength(2);
    expect(kits).toHaveLength(2);
    expect(rowQuantity(socks[1], F0.L1, 'available')).toBe(0);
    expect(rowQuantity(socks[1], F0.L1, 'allocated')).toBe(14);
    expect(socks[1].total_available_to_sell).toBe(0);
    expect(kits[1].total_available_to_sell).toBe(0);
  });
});

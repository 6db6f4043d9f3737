import { describe, expect, test } from 'vitest';
import { F0 } from '../support/fixtures.js';
import { CASE_NOW, useTestMock } from '../support/mock.js';

const mock = useTestMock({ fixtureName: 'f-kit2', clockAt: CASE_NOW });

async function summary(cids: string) {
  const res = await mock.current.get(`/inventory?cid=${cids}`);
  return Object.fromEntries(
    res.body.data.map((r: { customer_identifier: string; total_units: number; total_available_to_sell: number }) => [
      r.customer_identifier,
      [r.total_units, r.total_available_to_sell],
    ]),
  );
}

const reserve = (quantity: number) => [
  {
    customer_identifier: 'SOCK-GRY',
    inventory_location_id: F0.L1,
    inventory_status: 'available',
    to_status: 'allocated',
    adjustment_quantity: quantity,
    adjustment_reason: 'allocated',
  },
];

describe('kit reservations', () => {
  test('reserved components are counted once', async () => {
    expect(await summary('SOCK-GRY,KIT-SOCK-PAIR')).toEqual({ 'SOCK-GRY': [14, 10], 'KIT-SOCK-PAIR': [0, 5] });
  });

  test('reserving components lowers kit availability', async () => {
    const m = mock.current;
    const first = await m.post('/inventory_adjustments', reserve(2));
    expect(first.body.results[0].status).toBe('success');
    expect(await summary('SOCK-GRY,KIT-SOCK-PAIR')).toEqual({ 'SOCK-GRY': [14, 8], 'KIT-SOCK-PAIR': [0, 4] });

    const tooMany = await m.post('/inventory_adjustments', reserve(10));
    expect(tooMany.body.results[0].status).toBe('failure');
    expect(tooMany.body.results[0].messages[0].field_name).toBe('adjustment_quantity');
    expect(await summary('SOCK-GRY,KIT-SOCK-PAIR')).toEqual({ 'SOCK-GRY': [14, 8], 'KIT-SOCK-PAIR': [0, 4] });

    const rest = await m.post('/inventory_adjustments', reserve(8));
    expect(rest.body.results[0].status).toBe('success');
    expect(await summary('SOCK-GRY,KIT-SOCK-PAIR')).toEqual({ 'SOCK-GRY': [14, 0], 'KIT-SOCK-PAIR': [0, 0] });
    const res = await m.get('/inventory?cid=SOCK-GRY,KIT-SOCK-PAIR');
    for (const record of res.body.data) {
      for (const row of record.status_counts) expect(row.quantity).toBeGreaterThanOrEqual(0);
    }
  });

  test('kits of kits and unknown components are rejected', async () => {
    const m = mock.current;
    const kitOfKits = await m.post('/skus', [
      { customer_identifier: 'KIT-OF-KITS', is_kit: true, kit_skus: [{ customer_identifier: 'KIT-SOCK-PAIR', quantity: 1 }] },
    ]);
    expect(kitOfKits.status).toBe(200);
    expect(kitOfKits.body.results[0].status).toBe('failure');
    const unknown = await m.post('/skus', [
      { customer_identifier: 'KIT-OF-KITS', is_kit: true, kit_skus: [{ customer_identifier: 'NOPE-9', quantity: 1 }] },
    ]);
    expect(unknown.body.results[0].status).toBe('failure');
    expect(unknown.body.results[0].messages[0].field_name).toBe('kit_skus[0].customer_identifier');
    expect(unknown.body.results[0].messages[0].errors[0]).toContain('NOPE-9');
  });

  test('a kit status cannot be written directly', async () => {
    const res = await mock.current.post('/inventory_adjustments', [
      {
        customer_identifier: 'KIT-SOCK-PAIR',
        inventory_location_id: F0.L1,
        inventory_status: 'kit-to-ship-available',
        adjustment_quantity: 1,
        adjustment_reason: 'correction',
      },
    ]);
    expect(res.body.results[0].status).toBe('failure');
    expect(res.body.results[0].messages[0].field_name).toBe('inventory_status');
  });
});

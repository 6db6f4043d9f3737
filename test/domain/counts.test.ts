import { describe, expect, test } from 'vitest';
import type { StatusCount } from '../../src/domain/catalog.js';
import { availableToSell, kitAvailability, skuCounts, totalUnits } from '../../src/domain/counts.js';
import type { PairCount } from '../../src/domain/ledger.js';
import type { StoredStatus } from '../../src/domain/statuses.js';

function pair(location_id: string, status: StoredStatus, quantity: number, as_of = 1): PairCount {
  return { location_id, status, quantity, as_of };
}

function rows(pairs: PairCount[]): StatusCount[] {
  return pairs.map((p) => ({
    inventory_location_id: p.location_id,
    inventory_status: p.status,
    quantity: p.quantity,
    as_of: p.as_of,
  }));
}

describe('totals', () => {
  const sample = rows([
    pair('L1', 'available', 40),
    pair('L1', 'expected', 10),
    pair('L1', 'allocated', 5),
    pair('L1', 'damaged', 2),
    pair('L2', 'available', 20),
    pair('L2', 'received', 3),
    pair('L2', 'quality-control', 4),
    pair('L2', 'shipped', 9),
    pair('L2', 'destroyed', 1),
  ]);

  test('available-to-sell sums the sellable statuses', () => {
    expect(availableToSell(sample)).toBe(73);
  });

  test('total units leave out the gone statuses', () => {
    expect(totalUnits(sample)).toBe(84);
  });

  test('derived kit rows count toward available-to-sell only', () => {
    const kit = rows([pair('L1', 'available', 2)]).concat({
      inventory_location_id: 'L1',
      inventory_status: 'kit-to-ship-available',
      quantity: 5,
      as_of: 1,
    });
    expect(availableToSell(kit)).toBe(7);
    expect(totalUnits(kit)).toBe(2);
  });
});

describe('kit availability', () => {
  const components = [
    { customer_identifier: 'SOCK', sku_id: 'sock', quantity: 2 },
    { customer_identifier: 'BOX', sku_id: 'box', quantity: 1 },
  ];

  test('takes the scarcest component per location', () => {
    const pairs = new Map([
      ['sock', [pair('L1', 'available', 10, 5), pair('L1', 'allocated', 4), pair('L2', 'available', 3)]],
      ['box', [pair('L1', 'available', 7, 9), pair('L2', 'available', 0)]],
    ]);
    expect(kitAvailability(components, pairs)).toEqual([
      { inventory_location_id: 'L1', inventory_status: 'kit-to-ship-available', quantity: 5, as_of: 9 },
      { inventory_location_id: 'L2', inventory_status: 'kit-to-ship-available', quantity: 0, as_of: 1 },
    ]);
  });

  test('reserved component units are not subtracted twice', () => {
    const pairs = new Map([['sock', [pair('L1', 'available', 10), pair('L1', 'allocated', 4)]]]);
    const [row] = kitAvailability([components[0]!], pairs);
    expect(row?.quantity).toBe(5);
  });

  test('a location missing one component is not listed', () => {
    const pairs = new Map([['sock', [pair('L1', 'available', 10)]], ['box', [pair('L2', 'available', 1)]]]);
    expect(kitAvailability(components, pairs)).toEqual([]);
  });
});

describe('skuCounts', () => {
  test('location filter restricts totals and rows', () => {
    const counts = skuCounts(
      { createdAt: 0, pairs: [pair('L1', 'available', 4, 10), pair('L2', 'available', 6, 20)] },
      { locationId: 'L2' },
    );
    expect(counts.total_units).toBe(6);
    expect(counts.status_counts).toHaveLength(1);
    expect(counts.as_of).toBe(20);
  });

  test('status filter keeps totals whole', () => {
    const counts = skuCounts(
      { createdAt: 0, pairs: [pair('L1', 'available', 4), pair('L1', 'damaged', 6)] },
      { statuses: new Set(['damaged']) },
    );
    expect(counts.total_units).toBe(10);
    expect(counts.status_counts.map((row) => row.inventory_status)).toEqual(['damaged']);
  });

  test('a SKU with no events is as of its creation', () => {
    expect(skuCounts({ createdAt: 42, pairs: [] })).toEqual({
      total_units: 0,
      total_available_to_sell: 0,
      as_of: 42,
      status_counts: [],
    });
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { kitAvailability } from '../../src/domain/counts.js';
import type { Account } from '../../src/engine/account.js';
import type { AccountFixture } from '../../src/engine/fixture-format.js';
import { countsOf } from '../../src/engine/inventory-view.js';
import { loadAccount } from '../../src/engine/load.js';
import { applyAdjustments, applyDataFactory } from '../../src/engine/writes.js';
import { Clock } from '../../src/simulation/clock.js';

const L1 = '00000000-0000-4000-8000-0000000000a1';
const L2 = '00000000-0000-4000-8000-0000000000a2';
const LOCATIONS = [L1, L2, '00000000-0000-4000-8000-0000000000ff'];
const PLAIN = ['A', 'B', 'C'];
const SKUS = [...PLAIN, 'KIT-AB', 'NOPE'];
const STATUSES = ['available', 'expected', 'allocated', 'damaged', 'shipped', 'kit-to-ship-available', 'sold'];
const START = Date.UTC(2026, 0, 1) * 1000;

function fixture(): AccountFixture {
  const location = (id: string, name: string) => ({
    id,
    name,
    street_line_one: '1 Main St',
    city: 'Town',
    locale_code: 'ST',
    postal_code: '00001',
    timezone: 'America/New_York',
    capacity: 500,
    weight: name === 'East' ? 3 : 1,
  });
  return {
    slug: 'prop',
    locations: [location(L1, 'East'), location(L2, 'West')],
    skus: [
      ...PLAIN.map((cid) => ({ customer_identifier: cid })),
      {
        customer_identifier: 'KIT-AB',
        is_kit: true,
        kit_skus: [
          { customer_identifier: 'A', quantity: 1 },
          { customer_identifier: 'B', quantity: 2 },
        ],
      },
    ],
    stock: [{ customer_identifier: 'A', inventory_location_id: L1, inventory_status: 'available', quantity: 5 }],
    stocked_at: '2026-01-01T00:00:00Z',
  };
}

const adjustment = fc.record({
  kind: fc.constant('adjust' as const),
  customer_identifier: fc.constantFrom(...SKUS),
  inventory_location_id: fc.option(fc.constantFrom(...LOCATIONS), { nil: undefined }),
  inventory_status: fc.constantFrom(...STATUSES),
  quantity: fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constant(1.5)),
  absolute: fc.boolean(),
  to_status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined, freq: 3 }),
  reason: fc.constantFrom('correction', 'received', 'bad-reason'),
});

const factory = fc.record({
  kind: fc.constantFrom('createAvailable' as const, 'loseInventory' as const),
  customer_identifier: fc.constantFrom(...SKUS),
  inventory_location_id: fc.option(fc.constantFrom(...LOCATIONS), { nil: undefined }),
  quantity: fc.integer({ min: 0, max: 300 }),
});

const step = fc.record({ op: fc.oneof(adjustment, factory), advanceMs: fc.integer({ min: 0, max: 5000 }) });

type Operation = (typeof step extends fc.Arbitrary<infer T> ? T : never)['op'];

function projection(account: Account): Map<string, number> {
  const map = new Map<string, number>();
  for (const cid of PLAIN.concat('KIT-AB')) {
    const sku = account.skuByIdentifier(cid);
    if (!sku) continue;
    for (const pair of account.ledger.pairs(sku.id)) {
      map.set(`${cid}|${pair.location_id}|${pair.status}`, pair.quantity);
    }
  }
  return map;
}

function replayed(account: Account, at: number): Map<string, number> {
  const map = new Map<string, number>();
  for (const cid of PLAIN.concat('KIT-AB')) {
    const sku = account.skuByIdentifier(cid);
    if (!sku) continue;
    for (const pair of account.ledger.replay(sku.id, at)) {
      map.set(`${cid}|${pair.location_id}|${pair.status}`, pair.quantity);
    }
  }
  return map;
}

function sumOfEvents(account: Account): Map<string, number> {
  const map = new Map<string, number>();
  for (const event of account.ledger.all()) {
    const sku = account.skuById(event.sku_id);
    const key = `${sku?.customer_identifier}|${event.location_id}|${event.status}`;
    map.set(key, (map.get(key) ?? 0) + event.quantity);
  }
  return map;
}

function apply(account: Account, op: Operation) {
  if (op.kind === 'adjust') {
    const record: Record<string, unknown> = {
      customer_identifier: op.customer_identifier,
      inventory_status: op.inventory_status,
      adjustment_reason: op.reason,
    };
    if (op.inventory_location_id !== undefined) record.inventory_location_id = op.inventory_location_id;
    if (op.to_status !== undefined) record.to_status = op.to_status;
    record[op.absolute ? 'new_quantity' : 'adjustment_quantity'] = op.quantity;
    return applyAdjustments(account, [record]);
  }
  const record: Record<string, unknown> = { customer_identifier: op.customer_identifier, quantity: op.quantity };
  if (op.inventory_location_id !== undefined) record.inventory_location_id = op.inventory_location_id;
  return applyDataFactory(account, op.kind, [record]);
}

describe('ledger rules under random operations', () => {
  test('counts stay consistent after every step', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const clock = new Clock();
        clock.setManual(START);
        const account = loadAccount(fixture(), { clock, seed: 7 });
        // The last projection seen at each instant; several steps may share one.
        const history = new Map<number, Map<string, number>>([[clock.now(), projection(account)]]);

        for (const { op, advanceMs } of steps) {
          clock.advance(advanceMs * 1000);
          const before = projection(account);
          const eventsBefore = account.ledger.size;
          const auditBefore = account.audit.length;
          const batch = apply(account, op);

          const after = projection(account);
          if (batch.records_failed === 1) {
            expect(after).toEqual(before);
            expect(account.ledger.size).toBe(eventsBefore);
            expect(account.audit.length).toBe(auditBefore);
          }
          for (const quantity of after.values()) expect(quantity).toBeGreaterThanOrEqual(0);

          const sums = sumOfEvents(account);
          for (const [key, quantity] of after) expect(sums.get(key) ?? 0).toBe(quantity);
          expect(sums.size).toBe(after.size);

          const kit = account.skuByIdentifier('KIT-AB');
          if (kit) {
            const componentPairs = new Map(kit.kit_skus.map((c) => [c.sku_id, account.ledger.pairs(c.sku_id)]));
            const derived = kitAvailability(kit.kit_skus, componentPairs);
            for (const row of derived) {
              const a = account.quantity(kit.kit_skus[0]!.sku_id, row.inventory_location_id, 'available');
              const b = account.quantity(kit.kit_skus[1]!.sku_id, row.inventory_location_id, 'available');
              expect(row.quantity).toBe(Math.min(Math.floor(a / 1), Math.floor(b / 2)));
            }
            const counts = countsOf(account, kit);
            const ownSellable = ['available', 'expected', 'received'].reduce(
              (sum, status) => sum + LOCATIONS.reduce((s, l) => s + account.quantity(kit.id, l, status as 'available'), 0),
              0,
            );
            expect(counts.total_available_to_sell).toBe(
              ownSellable + derived.reduce((sum, row) => sum + row.quantity, 0),
            );
          }
          history.set(clock.now(), after);
        }

        // A replay at every recorded time equals the projection as it stood then.
        for (const [at, counts] of history) {
          const replay = replayed(account, at);
          for (const [key, quantity] of counts) expect(replay.get(key) ?? 0).toBe(quantity);
          for (const [key, quantity] of replay) expect(counts.get(key) ?? 0).toBe(quantity);
        }
      }),
      { numRuns: 150 },
    );
  });
});

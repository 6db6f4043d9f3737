/**
 * Ledger speed: applies 200k adjustments through the engine and reports
 * ops/s, then runs as_of queries for 30 SKUs over a ledger of 1M events
 * and reports p50/p99. Run with `npm run bench:ledger`.
 */
import type { AccountFixture } from '../../src/engine/fixture-format.js';
import { inventoryRecord } from '../../src/engine/inventory-view.js';
import { loadAccount } from '../../src/engine/load.js';
import { applyAdjustments } from '../../src/engine/writes.js';
import { Clock } from '../../src/simulation/clock.js';

const SKUS = 10_000;
const LOCATIONS = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-0000000000a3'];
const STATUSES = ['available', 'allocated', 'damaged', 'received'] as const;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

const fixture: AccountFixture = {
  slug: 'bench',
  stocked_at: '2026-01-01T00:00:00Z',
  locations: LOCATIONS.map((id, i) => ({
    id,
    name: `DC ${i}`,
    street_line_one: `${i} Main St`,
    city: 'Town',
    locale_code: 'ST',
    postal_code: '00001',
    timezone: 'America/New_York',
  })),
  skus: Array.from({ length: SKUS }, (_, i) => ({ customer_identifier: `S${String(i).padStart(5, '0')}` })),
  stock: [],
};

const clock = new Clock();
clock.setManual(Date.UTC(2026, 0, 1) * 1000);
const account = loadAccount(fixture, { clock, seed: 1 });
let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

function record(): Record<string, unknown> {
  const sku = Math.floor(random() * SKUS);
  return {
    customer_identifier: `S${String(sku).padStart(5, '0')}`,
    inventory_location_id: LOCATIONS[Math.floor(random() * LOCATIONS.length)],
    inventory_status: STATUSES[Math.floor(random() * STATUSES.length)],
    adjustment_quantity: 1 + Math.floor(random() * 5),
    adjustment_reason: 'correction',
  };
}

const WRITES = 200_000;
let started = performance.now();
for (let i = 0; i < WRITES; i++) {
  clock.advance(1000);
  applyAdjustments(account, [record()]);
}
let seconds = (performance.now() - started) / 1000;
console.log(`writes: ${WRITES} adjustments in ${seconds.toFixed(2)} s = ${(WRITES / seconds).toFixed(0)} ops/s (ledger ${account.ledger.size} events)`);

// Grow the ledger to 1M events with batches of 30 records.
started = performance.now();
while (account.ledger.size < 1_000_000) {
  clock.advance(1000);
  applyAdjustments(account, Array.from({ length: 30 }, record));
}
seconds = (performance.now() - started) / 1000;
console.log(`ledger grown to ${account.ledger.size} events in ${seconds.toFixed(1)} s`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MiB`);

const first = account.ledger.firstAt ?? 0;
const last = account.ledger.lastAt ?? 0;
const timings: number[] = [];
for (let query = 0; query < 500; query++) {
  const at = first + Math.floor(random() * (last - first));
  const skus = Array.from({ length: 30 }, () => account.skuByIdentifier(`S${String(Math.floor(random() * SKUS)).padStart(5, '0')}`));
  const begin = performance.now();
  for (const sku of skus) if (sku) inventoryRecord(account, sku, { at });
  timings.push(performance.now() - begin);
}
timings.sort((a, b) => a - b);
console.log(
  `as_of for 30 SKUs over ${account.ledger.size} events: p50 ${percentile(timings, 50).toFixed(2)} ms, p99 ${percentile(timings, 99).toFixed(2)} ms (target: p99 under 20 ms)`,
);

import { describe, expect, test } from 'vitest';
import { F0 } from '../support/fixtures.js';
import { CASE_NOW, useTestMock, type TestMock } from '../support/mock.js';

const mock = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });

interface Adjustment {
  customer_identifier?: string;
  inventory_location_id?: string;
  inventory_status?: string;
  adjustment_quantity?: unknown;
  new_quantity?: unknown;
  to_status?: string;
  adjustment_reason?: string;
  adjusted_by?: string;
  adjustment_notes?: string;
  idempotency_key?: string;
}

function record(overrides: Adjustment = {}): Adjustment {
  return {
    customer_identifier: 'TEE-BLK-M',
    inventory_location_id: F0.L1,
    inventory_status: 'available',
    adjustment_quantity: 2,
    adjustment_reason: 'correction',
    ...overrides,
  };
}

async function adjust(m: TestMock, records: Adjustment[]) {
  const res = await m.post('/inventory_adjustments', records);
  expect(res.status).toBe(200);
  return res.body;
}

async function totalsOf(m: TestMock, cid: string): Promise<[number, number]> {
  const res = await m.get(`/inventory?cid=${encodeURIComponent(cid)}`);
  const data = res.body.data[0];
  return [data.total_units, data.total_available_to_sell];
}

async function quantityAt(m: TestMock, cid: string, location: string, status: string): Promise<number> {
  const res = await m.get(`/inventory?cid=${encodeURIComponent(cid)}`);
  const row = res.body.data[0].status_counts.find(
    (r: { inventory_location_id: string; inventory_status: string }) =>
      r.inventory_location_id === location && r.inventory_status === status,
  );
  return row?.quantity ?? 0;
}

async function auditCount(m: TestMock, cid: string): Promise<number> {
  const res = await m.get(`/inventory_adjustments?cid=${encodeURIComponent(cid)}&limit=100`);
  return res.body.total;
}

describe('audit arithmetic', () => {
  test('difference and absolute writes show before, after and difference', async () => {
    const m = mock.current;
    const first = await adjust(m, [
      record({
        inventory_location_id: F0.L2,
        adjustment_quantity: 7,
        adjustment_reason: 'cycle_count_adjustment',
        adjusted_by: 'counter-07',
        adjustment_notes: 'bin B-12 recount',
      }),
    ]);
    const entry = first.results[0];
    expect(entry.status).toBe('success');
    expect(entry.id).toEqual(expect.any(String));
    expect(entry.adjustment).toMatchObject({
      customer_identifier: 'TEE-BLK-M',
      sku_id: F0.sku(1),
      inventory_location_id: F0.L2,
      inventory_status: 'available',
      previous_quantity: 20,
      new_quantity: 27,
      adjustment_quantity: 7,
      adjustment_reason: 'cycle_count_adjustment',
      adjusted_by: 'counter-07',
      adjustment_notes: 'bin B-12 recount',
      adjusted_at: '2026-12-04T12:00:00.000000Z',
    });
    expect(await totalsOf(m, 'TEE-BLK-M')).toEqual([91, 80]);
    expect(await quantityAt(m, 'TEE-BLK-M', F0.L2, 'available')).toBe(27);

    m.advance(60_000);
    const second = await adjust(m, [
      record({ inventory_location_id: F0.L2, adjustment_quantity: undefined, new_quantity: 25 }),
    ]);
    expect(second.results[0].adjustment).toMatchObject({
      previous_quantity: 27,
      new_quantity: 25,
      adjustment_quantity: -2,
      adjusted_at: '2026-12-04T12:01:00.000000Z',
    });
    expect(await totalsOf(m, 'TEE-BLK-M')).toEqual([89, 78]);

    const list = await m.get('/inventory_adjustments?cid=TEE-BLK-M');
    expect(list.body.data.map((e: { id: string }) => e.id)).toEqual([second.results[0].id, first.results[0].id]);
    for (const audit of list.body.data) {
      expect(audit.new_quantity - audit.previous_quantity).toBe(audit.adjustment_quantity);
    }
    const since = await m.get('/inventory_adjustments?cid=TEE-BLK-M&since=2026-12-04T12:00:30Z');
    expect(since.body.data.map((e: { id: string }) => e.id)).toEqual([second.results[0].id]);
  });

  const rejected: [string, Adjustment, string][] = [
    ['adjustment of 0', { adjustment_quantity: 0 }, 'adjustment_quantity'],
    ['both quantities', { adjustment_quantity: 1, new_quantity: 5 }, 'new_quantity'],
    ['neither quantity', { adjustment_quantity: undefined }, 'adjustment_quantity'],
    ['unlisted reason', { adjustment_reason: 'cycle-count' }, 'adjustment_reason'],
    ['fractional quantity', { adjustment_quantity: 1.5 }, 'adjustment_quantity'],
    ['quoted quantity', { adjustment_quantity: '2' }, 'adjustment_quantity'],
    ['unknown SKU', { customer_identifier: 'NOPE-1' }, 'customer_identifier'],
    ['unknown location', { inventory_location_id: '0a5c1f0e-0000-4000-8000-000000000099' }, 'inventory_location_id'],
    ['unknown status', { inventory_status: 'sold' }, 'inventory_status'],
    ['derived kit status', { inventory_status: 'kit-to-ship-available' }, 'inventory_status'],
    ['move into kit status', { to_status: 'kit-to-ship-available', adjustment_quantity: 1 }, 'to_status'],
    ['move with new_quantity', { to_status: 'allocated', adjustment_quantity: undefined, new_quantity: 3 }, 'new_quantity'],
    ['below zero', { adjustment_quantity: -41 }, 'adjustment_quantity'],
    ['negative new_quantity', { adjustment_quantity: undefined, new_quantity: -1 }, 'new_quantity'],
  ];

  test.each(rejected)('%s fails naming the field and changes nothing', async (_name, overrides, field) => {
    const m = mock.current;
    const before = await totalsOf(m, 'TEE-BLK-M');
    const body = await adjust(m, [record(overrides)]);
    expect(body.records_failed).toBe(1);
    expect(body.results[0].status).toBe('failure');
    expect(body.results[0].messages[0].field_name).toBe(field);
    expect(body.results[0].messages[0].errors[0]).toEqual(expect.any(String));
    expect(await totalsOf(m, 'TEE-BLK-M')).toEqual(before);
    expect(await auditCount(m, 'TEE-BLK-M')).toBe(0);
  });
});

describe('negative stock', () => {
  test('two concurrent decrements of the last unit: one wins', async () => {
    const m = mock.current;
    const decrement = (notes: string) =>
      m.post('/inventory_adjustments', [
        record({
          customer_identifier: 'MUG-WHT',
          adjustment_quantity: -1,
          adjustment_reason: 'damaged',
          adjustment_notes: notes,
        }),
      ]);
    const [a, b] = await Promise.all([decrement('drop test A'), decrement('drop test B')]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const results = [a.body.results[0], b.body.results[0]];
    const success = results.filter((r) => r.status === 'success');
    const failed = results.filter((r) => r.status === 'failure');
    expect(success).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(success[0].adjustment).toMatchObject({ previous_quantity: 1, new_quantity: 0, adjustment_quantity: -1 });
    expect(failed[0].messages[0].field_name).toBe('adjustment_quantity');
    expect(failed[0].messages[0].errors[0]).toContain('below zero');
    expect(await totalsOf(m, 'MUG-WHT')).toEqual([0, 0]);
    expect(await auditCount(m, 'MUG-WHT')).toBe(1);
  });

  test('mixed batch applies the good record only', async () => {
    const m = mock.current;
    const body = await adjust(m, [
      record({ customer_identifier: 'GIFT BOX', inventory_location_id: F0.L2, adjustment_quantity: 2 }),
      record({ customer_identifier: 'MUG-WHT', adjustment_quantity: -9 }),
    ]);
    expect(body).toMatchObject({
      records_submitted: 2,
      records_processed: 2,
      records_succeeded: 1,
      records_failed: 1,
    });
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['success', 'failure']);
    expect(await totalsOf(m, 'GIFT BOX')).toEqual([5, 5]);
    expect(await totalsOf(m, 'MUG-WHT')).toEqual([1, 1]);
  });

  test('100 parallel adjustments lose no update', async () => {
    const m = mock.current;
    const calls = Array.from({ length: 100 }, (_, i) =>
      m.post('/inventory_adjustments', [record({ adjustment_quantity: i % 2 === 0 ? 3 : -1 })]),
    );
    const responses = await Promise.all(calls);
    for (const res of responses) expect(res.body.results[0].status).toBe('success');
    expect(await quantityAt(m, 'TEE-BLK-M', F0.L1, 'available')).toBe(40 + 50 * 3 - 50);
    expect(await auditCount(m, 'TEE-BLK-M')).toBe(100);
  });
});

describe('status moves', () => {
  test('allocate, pick and ship keep available-to-sell honest', async () => {
    const m = mock.current;
    const move = (from: string, to: string, reason: string) =>
      adjust(m, [record({ inventory_status: from, to_status: to, adjustment_quantity: 1, adjustment_reason: reason })]);

    const allocated = await move('available', 'allocated', 'allocated');
    expect(allocated.results[0].adjustment).toMatchObject({
      inventory_status: 'available',
      to_status: 'allocated',
      previous_quantity: 40,
      new_quantity: 39,
      to_previous_quantity: 5,
      to_new_quantity: 6,
      adjustment_quantity: 1,
    });
    expect(await totalsOf(m, 'TEE-BLK-M')).toEqual([84, 72]);

    await move('allocated', 'picked', 'status_change');
    expect(await quantityAt(m, 'TEE-BLK-M', F0.L1, 'allocated')).toBe(5);
    expect(await quantityAt(m, 'TEE-BLK-M', F0.L1, 'picked')).toBe(1);
    expect(await totalsOf(m, 'TEE-BLK-M')).toEqual([84, 72]);

    await move('picked', 'shipped', 'shipped');
    expect(await totalsOf(m, 'TEE-BLK-M')).toEqual([83, 72]);
    const res = await m.get('/inventory?cid=TEE-BLK-M');
    const rows = res.body.data[0].status_counts;
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ inventory_location_id: F0.L1, inventory_status: 'picked', quantity: 0 }),
        expect.objectContaining({ inventory_location_id: F0.L1, inventory_status: 'shipped', quantity: 1 }),
      ]),
    );

    const west = await m.get(`/inventory?cid=TEE-BLK-M&location_id=${F0.L2}`);
    expect([west.body.data[0].total_units, west.body.data[0].total_available_to_sell]).toEqual([27, 23]);
  });
});

describe('idempotency keys', () => {
  test('a repeat returns the first result and changes nothing', async () => {
    const m = mock.current;
    const first = await adjust(m, [record({ idempotency_key: 'key-1' })]);
    const again = await adjust(m, [record({ idempotency_key: 'key-1' })]);
    expect(again.results[0]).toEqual(first.results[0]);
    expect(await quantityAt(m, 'TEE-BLK-M', F0.L1, 'available')).toBe(42);
    expect(await auditCount(m, 'TEE-BLK-M')).toBe(1);
  });

  test('the same key with another record fails', async () => {
    const m = mock.current;
    await adjust(m, [record({ idempotency_key: 'key-2' })]);
    const reused = await adjust(m, [record({ idempotency_key: 'key-2', adjustment_quantity: 5 })]);
    expect(reused.results[0].status).toBe('failure');
    expect(reused.results[0].messages[0].field_name).toBe('idempotency_key');
    expect(reused.results[0].messages[0].errors[0]).toContain('IDEMPOTENCY_KEY_REUSED');
    expect(await quantityAt(m, 'TEE-BLK-M', F0.L1, 'available')).toBe(42);
  });

  test('a failed record does not use up its key', async () => {
    const m = mock.current;
    const failed = await adjust(m, [record({ idempotency_key: 'key-3', adjustment_quantity: -100 })]);
    expect(failed.results[0].status).toBe('failure');
    const ok = await adjust(m, [record({ idempotency_key: 'key-3', adjustment_quantity: -1 })]);
    expect(ok.results[0].status).toBe('success');
  });
});

describe('point-in-time counts', () => {
  test('as_of replays the ledger as it stood', async () => {
    const m = mock.current;
    m.advance(10_000);
    await adjust(m, [record({ adjustment_quantity: -5, adjustment_reason: 'cycle_count_adjustment' })]);

    const before = await m.get('/inventory?cid=TEE-BLK-M&as_of=2026-12-04T12:00:09.999999Z');
    expect(before.body.data[0].total_units).toBe(84);
    const after = await m.get('/inventory?cid=TEE-BLK-M&as_of=2026-12-04T12:00:10Z');
    expect(after.body.data[0].total_units).toBe(79);
    const offset = await m.get(`/inventory?cid=TEE-BLK-M&as_of=${encodeURIComponent('2026-12-04T04:00:09-08:00')}`);
    expect(offset.body.data[0].total_units).toBe(84);
  });

  test('as_of before any event gives zeros', async () => {
    const res = await mock.current.get('/inventory?cid=TEE-BLK-M,KIT-BOTTLE-SET&as_of=2026-12-04T10:59:59Z');
    for (const record of res.body.data) {
      expect(record.total_units).toBe(0);
      expect(record.total_available_to_sell).toBe(0);
    }
  });

  test('as_of in the future is rejected', async () => {
    const res = await mock.current.get('/inventory?cid=TEE-BLK-M&as_of=2026-12-04T12:00:01Z');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('as_of');
  });

  test('as_of without an offset is rejected', async () => {
    const res = await mock.current.get('/inventory?cid=TEE-BLK-M&as_of=2026-12-04T11:30:00');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_DATE_FORMAT');
  });
});

describe('bad bodies', () => {
  const cases: [string, string, Record<string, string>, number, string][] = [
    ['not JSON', '[{', { 'content-type': 'application/json' }, 400, 'INVALID_JSON'],
    ['not an array', '{"customer_identifier":"TEE-BLK-M"}', { 'content-type': 'application/json' }, 400, 'INVALID_BODY'],
    ['an array of strings', '["TEE-BLK-M"]', { 'content-type': 'application/json' }, 400, 'INVALID_BODY'],
    ['empty array', '[]', { 'content-type': 'application/json' }, 400, 'INVALID_BODY'],
    ['not JSON media type', '[]', { 'content-type': 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ];

  test.each(cases)('%s is rejected', async (_name, raw, headers, status, code) => {
    const res = await mock.current.api('POST', '/inventory_adjustments', { raw, headers });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  test('31 records are rejected whole', async () => {
    const m = mock.current;
    const res = await m.post('/inventory_adjustments', Array.from({ length: 31 }, () => record()));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('TOO_MANY_RECORDS');
    expect(await auditCount(m, 'TEE-BLK-M')).toBe(0);
  });

  test('a body over 1 MiB is 413', async () => {
    const padding = 'x'.repeat(1024 * 1024);
    const res = await mock.current.post('/inventory_adjustments', [record({ adjustment_notes: padding })]);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('data factory', () => {
  test('createAvailable adds units at a location', async () => {
    const m = mock.current;
    const res = await m.post('/data_factory/createAvailable', [
      { customer_identifier: 'CAP-RED', quantity: 5, inventory_location_id: F0.L1 },
      { sku_id: F0.sku(3), inventory_location_id: F0.L2 },
    ]);
    expect(res.body.records_succeeded).toBe(2);
    expect(res.body.results[0].adjustment).toMatchObject({ adjustment_reason: 'received', adjusted_by: 'data_factory' });
    expect(await totalsOf(m, 'CAP-RED')).toEqual([6, 6]);
  });

  test('loseInventory moves available units to lost', async () => {
    const m = mock.current;
    const res = await m.post('/data_factory/loseInventory', [
      { customer_identifier: 'LID-STD', quantity: 3, inventory_location_id: F0.L1 },
      { customer_identifier: 'LID-STD', quantity: 30, inventory_location_id: F0.L1 },
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['success', 'failure']);
    expect(await quantityAt(m, 'LID-STD', F0.L1, 'available')).toBe(5);
    expect(await quantityAt(m, 'LID-STD', F0.L1, 'lost')).toBe(3);
  });
});

describe('catalog writes', () => {
  test('kits are created from existing plain SKUs', async () => {
    const m = mock.current;
    const res = await m.post('/skus', [
      { customer_identifier: 'KIT-MUG-CAP', is_kit: true, kit_skus: [{ customer_identifier: 'MUG-WHT', quantity: 1 }] },
      { customer_identifier: 'KIT-OF-KITS', is_kit: true, kit_skus: [{ customer_identifier: 'KIT-BOTTLE-SET', quantity: 1 }] },
      { customer_identifier: 'KIT-NOPE', is_kit: true, kit_skus: [{ customer_identifier: 'NOPE-9', quantity: 1 }] },
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['success', 'failure', 'failure']);
    expect(res.body.results[1].messages[0].field_name).toBe('kit_skus[0].customer_identifier');
    expect(res.body.results[2].messages[0].errors[0]).toContain('NOPE-9');

    const inventory = await m.get('/inventory?cid=KIT-MUG-CAP');
    expect(inventory.body.data[0].total_available_to_sell).toBe(1);
    const list = await m.get('/skus?cid=KIT-OF-KITS');
    expect(list.body).toEqual([]);
  });
});

import { describe, expect, test } from 'vitest';
import { F0 } from '../support/fixtures.js';
import { CASE_NOW, useTestMock } from '../support/mock.js';

const mock = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function identifiers(body: { data: { customer_identifier: string }[] }): string[] {
  return body.data.map((record) => record.customer_identifier);
}

function totals(record: { total_units: number; total_available_to_sell: number }) {
  return [record.total_units, record.total_available_to_sell];
}

describe('cid lists', () => {
  test('comma list returns records in the order given', async () => {
    const res = await mock.current.get('/inventory?cid=TEE-BLK-M,MUG-WHT');
    expect(res.status).toBe(200);
    expect(res.body.limit).toBe(30);
    expect(res.body.offset).toBe(0);
    expect(res.body.include_ledger).toBe(true);
    expect(res.body.total).toBe(2);
    expect(res.body.missing_cids).toEqual([]);
    expect(identifiers(res.body)).toEqual(['TEE-BLK-M', 'MUG-WHT']);
    expect(totals(res.body.data[0])).toEqual([84, 73]);
    expect(totals(res.body.data[1])).toEqual([1, 1]);
  });

  test('repeated keys merge into the same answer', async () => {
    const comma = await mock.current.get('/inventory?cid=TEE-BLK-M,MUG-WHT');
    const repeated = await mock.current.get('/inventory?cid=TEE-BLK-M&cid=MUG-WHT');
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual(comma.body);
  });

  test('comma list and repeated key combine', async () => {
    const res = await mock.current.get('/inventory?cid=TEE-BLK-M,MUG-WHT&cid=CAP-RED');
    expect(identifiers(res.body)).toEqual(['TEE-BLK-M', 'MUG-WHT', 'CAP-RED']);
    const capRed = res.body.data[2];
    expect(totals(capRed)).toEqual([0, 0]);
    expect(capRed.status_counts).toEqual([]);
  });

  test('sku_snapshots alias answers like inventory', async () => {
    const inventory = await mock.current.get('/inventory?cid=TEE-BLK-M&cid=MUG-WHT');
    const alias = await mock.current.get('/sku_snapshots?cid=TEE-BLK-M&cid=MUG-WHT');
    expect(alias.status).toBe(200);
    expect(alias.body).toEqual(inventory.body);
  });

  test('duplicates count once', async () => {
    const res = await mock.current.get('/inventory?cid=MUG-WHT,MUG-WHT&cid=MUG-WHT');
    expect(res.body.total).toBe(1);
    expect(identifiers(res.body)).toEqual(['MUG-WHT']);
  });

  test('30 distinct cids pass and 31 are rejected', async () => {
    const cids = Array.from({ length: 31 }, (_, i) => `X-${i}`);
    const ok = await mock.current.get(`/inventory?cid=${cids.slice(0, 30).join(',')}`);
    expect(ok.status).toBe(200);
    expect(ok.body.missing_cids).toHaveLength(30);

    const res = await mock.current.get(`/inventory?cid=${cids.join(',')}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_SKU_LIMIT');
    expect(res.body.error.details[0].field).toBe('cid');
  });
});

describe('malformed cid parameters', () => {
  const rows: [string, string][] = [
    ['cid%5B%5D=TEE-BLK-M&cid%5B%5D=MUG-WHT', 'cid[]'],
    ['', 'cid'],
    ['cid=', 'cid'],
    ['cid=TEE-BLK-M,', 'cid'],
    ['cid=,,', 'cid'],
    ['cid=TEE-BLK-M,,MUG-WHT', 'cid'],
    ['cid=TEE-BLK-M&cid=', 'cid'],
  ];

  test.each(rows)('query %j is rejected naming %s', async (query, field) => {
    const res = await mock.current.get(`/inventory?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(expect.any(String));
    expect(res.body.error.code).toBe('INVALID_QUERY');
    expect(res.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  test('bracket key names the right form', async () => {
    const res = await mock.current.get('/inventory?cid%5B%5D=TEE-BLK-M');
    expect(res.body.error.message).toContain('cid=A,B');
  });

  test('undocumented key is rejected by name', async () => {
    const res = await mock.current.get('/inventory?cid=MUG-WHT&limt=5');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_QUERY');
    expect(res.body.error.details[0].field).toBe('limt');
  });
});

describe('identifier decoding', () => {
  const rows: [string, string, number][] = [
    ['cid=GIFT%20BOX', 'GIFT BOX', 3],
    ['cid=GIFT+BOX', 'GIFT BOX', 3],
    ['cid=KID%27S%20TEE', "KID'S TEE", 4],
    ["cid=KID'S+TEE", "KID'S TEE", 4],
  ];

  test.each(rows)('%s finds %s', async (query, identifier, units) => {
    const res = await mock.current.get(`/inventory?${query}`);
    expect(res.status).toBe(200);
    expect(identifiers(res.body)).toEqual([identifier]);
    expect(res.body.data[0].total_units).toBe(units);
  });

  test('encoded plus sign is a different identifier', async () => {
    const res = await mock.current.get('/inventory?cid=GIFT%2BBOX');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    expect(res.body.missing_cids).toEqual(['GIFT+BOX']);
  });

  test('encoded identifiers mix with plain ones', async () => {
    const res = await mock.current.get('/inventory?cid=GIFT%20BOX,KID%27S%20TEE,MUG-WHT');
    expect(identifiers(res.body)).toEqual(['GIFT BOX', "KID'S TEE", 'MUG-WHT']);
    expect(res.text).not.toContain('%20');
    expect(res.text).not.toContain('GIFT+BOX');
  });
});

describe('pagination', () => {
  test('limit is echoed as a number', async () => {
    const res = await mock.current.get('/inventory?cid=TEE-BLK-M,MUG-WHT&limit=50');
    expect(res.body.limit).toBe(50);
    expect(res.body.offset).toBe(0);
  });

  test('offset skips exactly that many records', async () => {
    const base = '/inventory?cid=BOTTLE-1L,CAP-RED,GIFT%20BOX&limit=2';
    const first = await mock.current.get(`${base}&offset=0`);
    expect(identifiers(first.body)).toEqual(['BOTTLE-1L', 'CAP-RED']);
    expect(first.body.total).toBe(3);

    const second = await mock.current.get(`${base}&offset=1`);
    expect(identifiers(second.body)).toEqual(['CAP-RED', 'GIFT BOX']);

    const past = await mock.current.get(`${base}&offset=3`);
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual([]);
    expect(past.body.total).toBe(3);
  });

  test('total counts existing SKUs only', async () => {
    const res = await mock.current.get('/inventory?cid=NOPE-1,MUG-WHT,NOPE-2&limit=1');
    expect(identifiers(res.body)).toEqual(['MUG-WHT']);
    expect(res.body.total).toBe(1);
    expect(res.body.missing_cids).toEqual(['NOPE-1', 'NOPE-2']);
  });

  test.each(['false', '0'])('include_ledger=%s leaves out the breakdown', async (value) => {
    const res = await mock.current.get(`/inventory?cid=MUG-WHT&include_ledger=${value}`);
    expect(res.body.include_ledger).toBe(false);
    expect(res.body.data[0]).not.toHaveProperty('status_counts');
    expect(res.body.data[0]).not.toHaveProperty('inventory_events');
    expect(totals(res.body.data[0])).toEqual([1, 1]);
  });

  const bad: [string, string][] = [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=10.5', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=1e2', 'offset'],
    ['include_ledger=maybe', 'include_ledger'],
    ['location_id=east', 'location_id'],
    ['status=sold', 'status'],
    ['as_of=yesterday', 'as_of'],
  ];

  test.each(bad)('%s is rejected naming %s', async (param, field) => {
    const res = await mock.current.get(`/inventory?cid=MUG-WHT&${param}`);
    expect(res.status).toBe(400);
    expect(['INVALID_QUERY', 'INVALID_DATE_FORMAT']).toContain(res.body.error.code);
    expect(res.body.error.details[0].field).toBe(field);
  });
});

describe('counts', () => {
  test('TEE-BLK-M has the seeded breakdown', async () => {
    const res = await mock.current.get('/inventory?cid=TEE-BLK-M');
    const record = res.body.data[0];
    expect(record.sku_id).toBe(F0.sku(1));
    expect(record.as_of).toBe(F0.stockedAt);
    expect(totals(record)).toEqual([84, 73]);

    const east = 'Test DC East | 100 Example Road, Unit 4/5 & Dock B, Springfield, ST 00001';
    const west = 'Test DC West | 200 Sample Avenue, Rivertown, ST 00002';
    const row = (location: string, address: string, status: string, quantity: number) => ({
      inventory_location_id: location,
      inventory_location_address: address,
      inventory_status: status,
      quantity,
      as_of: F0.stockedAt,
    });
    expect(record.status_counts).toHaveLength(7);
    expect(record.status_counts).toEqual(
      expect.arrayContaining([
        row(F0.L1, east, 'available', 40),
        row(F0.L1, east, 'expected', 10),
        row(F0.L1, east, 'allocated', 5),
        row(F0.L1, east, 'damaged', 2),
        row(F0.L2, west, 'available', 20),
        row(F0.L2, west, 'received', 3),
        row(F0.L2, west, 'quality-control', 4),
      ]),
    );
    expect(Array.isArray(record.inventory_events)).toBe(true);
  });

  test('location filter restricts rows and totals', async () => {
    const res = await mock.current.get(`/inventory?cid=TEE-BLK-M&location_id=${F0.L2}`);
    const record = res.body.data[0];
    expect(totals(record)).toEqual([27, 23]);
    for (const row of record.status_counts) expect(row.inventory_location_id).toBe(F0.L2);
  });

  test('unknown location is 404', async () => {
    const res = await mock.current.get('/inventory?cid=TEE-BLK-M&location_id=0a5c1f0e-0000-4000-8000-000000000099');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('LOCATION_NOT_FOUND');
  });

  test('status filter keeps totals whole', async () => {
    const res = await mock.current.get('/inventory?cid=TEE-BLK-M&status=available,damaged');
    const record = res.body.data[0];
    expect(totals(record)).toEqual([84, 73]);
    expect(record.status_counts.map((row: { quantity: number }) => row.quantity).sort()).toEqual([2, 20, 40]);
  });

  test('kit availability follows its components', async () => {
    // BOTTLE-1L: L1 1, L2 10. LID-STD: L1 8, L2 1. The kit takes 1 bottle + 2 lids.
    // L1: min(1, 4) = 1; L2: min(10, 0) = 0. Pre-built kits: L2 available 2.
    const res = await mock.current.get('/inventory?cid=KIT-BOTTLE-SET');
    const record = res.body.data[0];
    expect(record.total_units).toBe(2);
    expect(record.total_available_to_sell).toBe(3);
    const derived = record.status_counts.filter(
      (row: { inventory_status: string }) => row.inventory_status === 'kit-to-ship-available',
    );
    expect(derived).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ inventory_location_id: F0.L1, quantity: 1 }),
        expect.objectContaining({ inventory_location_id: F0.L2, quantity: 0 }),
      ]),
    );
  });

  test('every quantity is a bare non-negative integer', async () => {
    const res = await mock.current.get(
      '/inventory?cid=TEE-BLK-M,MUG-WHT,CAP-RED,GIFT%20BOX,KID%27S%20TEE,BOTTLE-1L,LID-STD,KIT-BOTTLE-SET',
    );
    expect(res.body.data).toHaveLength(8);
    for (const record of res.body.data) {
      for (const value of [record.total_units, record.total_available_to_sell]) {
        expect(Number.isInteger(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
      }
      for (const row of record.status_counts) {
        expect(Number.isInteger(row.quantity)).toBe(true);
        expect(row.quantity).toBeGreaterThanOrEqual(0);
        expect(row.as_of).toMatch(TIMESTAMP);
      }
      for (const event of record.inventory_events) expect(Number.isInteger(event.quantity)).toBe(true);
    }
    const literal = /"(quantity|total_units|total_available_to_sell)":(-?\d+)([,}\s])/g;
    const all = /"(quantity|total_units|total_available_to_sell)":([^,}\s]*)/g;
    expect([...res.text.matchAll(all)].length).toBe([...res.text.matchAll(literal)].length);
    expect(res.text).not.toContain('null');
  });
});

describe('catalog routes', () => {
  test('locations list both centers with one-line addresses', async () => {
    const res = await mock.current.get('/inventory_locations');
    expect(res.status).toBe(200);
    expect(res.body.map((location: { id: string }) => location.id)).toEqual([F0.L1, F0.L2]);
    expect(res.body[0].address).toBe('Test DC East | 100 Example Road, Unit 4/5 & Dock B, Springfield, ST 00001');
    expect(res.body[1].address).toBe('Test DC West | 200 Sample Avenue, Rivertown, ST 00002');
    expect(res.body[1]).not.toHaveProperty('street_line_two');
    expect(res.body[0].units_on_hand).toBe(40 + 5 + 2 + 1 + 4 + 1 + 8);
    expect(res.text).not.toContain('null');
  });

  test('skus page in identifier order', async () => {
    const res = await mock.current.get('/skus?limit=3');
    expect(res.status).toBe(200);
    expect(res.body.map((sku: { customer_identifier: string }) => sku.customer_identifier)).toEqual([
      'BOTTLE-1L',
      'CAP-RED',
      'GIFT BOX',
    ]);
    const kit = await mock.current.get('/skus?cid=KIT-BOTTLE-SET');
    expect(kit.body[0].is_kit).toBe(true);
    expect(kit.body[0].kit_skus).toEqual([
      { customer_identifier: 'BOTTLE-1L', sku_id: F0.sku(6), quantity: 1 },
      { customer_identifier: 'LID-STD', sku_id: F0.sku(7), quantity: 2 },
    ]);
  });
});

describe('routing', () => {
  test('unknown route is 404 in the error shape', async () => {
    const res = await mock.current.get('/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(res.body.message).toEqual(expect.any(String));
  });

  test('wrong method is 405 with Allow', async () => {
    const res = await mock.current.api('DELETE', '/inventory?cid=MUG-WHT');
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toContain('GET');
  });

  test('unknown account is 404', async () => {
    const res = await mock.current.get('/inventory?cid=MUG-WHT', { account: 'nobody' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  });
});

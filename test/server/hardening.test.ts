import { request } from 'node:http';
import { describe, expect, test } from 'vitest';
import { F0 } from '../support/fixtures.js';
import { CASE_NOW, useTestMock } from '../support/mock.js';

const mock = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });

/** Sends a request with a forged Host header, which fetch does not allow. */
function withHost(path: string, host: string, body: string, token: string): Promise<{ status: number; text: string }> {
  const target = new URL(`${mock.current.running.baseUrl()}${path}`);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      target,
      {
        method: 'POST',
        headers: { host, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('request edge cases', () => {
  test('HEAD on a GET route answers like GET', async () => {
    const res = await fetch(`${mock.current.running.baseUrl()}/inventory?cid=MUG-WHT`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${await mock.current.running.token()}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  test('links ignore a forged Host header', async () => {
    const token = await mock.current.running.token();
    const res = await withHost('/skus', 'attacker.invalid:9999', JSON.stringify([{ customer_identifier: 'NEW-1' }]), token);
    expect(res.status).toBe(200);
    const url = JSON.parse(res.text).results[0].url as string;
    expect(url.startsWith(mock.current.running.url)).toBe(true);
    expect(url).not.toContain('attacker.invalid');
  });

  test('quantities past a billion units are rejected', async () => {
    const res = await mock.current.post('/inventory_adjustments', [
      {
        customer_identifier: 'MUG-WHT',
        inventory_location_id: F0.L1,
        inventory_status: 'available',
        adjustment_quantity: 1_000_000_000_000_000,
        adjustment_reason: 'correction',
      },
    ]);
    expect(res.body.results[0].status).toBe('failure');
    expect(res.body.results[0].messages[0].field_name).toBe('adjustment_quantity');
    const factory = await mock.current.post('/data_factory/createAvailable', [
      { customer_identifier: 'MUG-WHT', inventory_location_id: F0.L1, quantity: 2_000_000_000 },
    ]);
    expect(factory.body.results[0].status).toBe('failure');
    expect(factory.body.results[0].messages[0].field_name).toBe('quantity');
  });

  test('a callback token with a line break is rejected', async () => {
    const res = await mock.current.post('/callbacks', [
      { url: 'http://127.0.0.1:9/hooks', message_type: 'skuInventoryChange', token: 'a\r\nX-Injected: 1' },
    ]);
    expect(res.body.results[0].status).toBe('failure');
    expect(res.body.results[0].messages[0].field_name).toBe('token');
    const list = await mock.current.get('/callbacks');
    expect(list.body).toEqual([]);
  });

  test('kit components on a plain SKU are rejected', async () => {
    const res = await mock.current.post('/skus', [
      { customer_identifier: 'NOT-A-KIT', is_kit: false, kit_skus: [{ customer_identifier: 'MUG-WHT', quantity: 1 }] },
    ]);
    expect(res.body.results[0].status).toBe('failure');
    expect(res.body.results[0].messages[0].field_name).toBe('kit_skus');
  });

  test('a kit keeps its components', async () => {
    const m = mock.current;
    const renamed = await m.post('/skus', [{ customer_identifier: 'KIT-BOTTLE-SET', product_name: 'Bottle set, renamed' }]);
    expect(renamed.body.results[0].status).toBe('success');
    const kit = await m.get('/skus?cid=KIT-BOTTLE-SET');
    expect(kit.body[0].is_kit).toBe(true);
    expect(kit.body[0].kit_skus).toHaveLength(2);
    expect(kit.body[0].product_name).toBe('Bottle set, renamed');

    const changed = await m.post('/skus', [
      { customer_identifier: 'KIT-BOTTLE-SET', kit_skus: [{ customer_identifier: 'MUG-WHT', quantity: 1 }] },
    ]);
    expect(changed.body.results[0].status).toBe('failure');
    expect(changed.body.results[0].messages[0].field_name).toBe('kit_skus');

    const plainToKit = await m.post('/skus', [
      { customer_identifier: 'MUG-WHT', is_kit: true, kit_skus: [{ customer_identifier: 'CAP-RED', quantity: 1 }] },
    ]);
    expect(plainToKit.body.results[0].status).toBe('failure');
    expect(plainToKit.body.results[0].messages[0].field_name).toBe('is_kit');

    const inventory = await m.get('/inventory?cid=KIT-BOTTLE-SET');
    expect(inventory.body.data[0].total_available_to_sell).toBe(3);
  });

  test('overlong adjustment notes are rejected', async () => {
    const res = await mock.current.post('/inventory_adjustments', [
      {
        customer_identifier: 'MUG-WHT',
        inventory_location_id: F0.L1,
        inventory_status: 'available',
        adjustment_quantity: 1,
        adjustment_reason: 'correction',
        adjustment_notes: 'x'.repeat(5000),
      },
    ]);
    expect(res.body.results[0].status).toBe('failure');
    expect(res.body.results[0].messages[0].field_name).toBe('adjustment_notes');
  });

  test('huge demand weights are rejected', async () => {
    const res = await mock.current.admin('PUT', `/accounts/${F0.account}/distribution`, {
      locations: [{ id: F0.L1, weight: 8e307 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('locations[0].weight');
  });
});

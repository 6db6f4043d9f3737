import { expect, test } from 'vitest';
import { InventoryClient, startMock } from '../../src/index.js';
import { startReceiver } from '../support/receiver.js';

// The README's "In a test suite" example, kept runnable so it cannot rot.
test('README library example runs', async () => {
  const receiver = await startReceiver();
  const mock = await startMock({ manualClock: '2026-12-04T12:00:00Z' });
  try {
    const client = new InventoryClient({ baseUrl: mock.baseUrl('demo'), token: () => mock.token('demo') });
    await client.registerCallbacks([{ url: `${receiver.url}/hooks/inventory`, message_type: 'skuInventoryChange' }]);
    const [center] = await client.listLocations();
    if (!center) throw new Error('the default fixture has no location');

    const before = await client.getInventory({ cids: ['sku001'] });
    await client.adjust([
      {
        customer_identifier: 'sku001',
        inventory_location_id: center.id,
        inventory_status: 'available',
        adjustment_quantity: -1,
        adjustment_reason: 'damaged',
      },
    ]);
    const message = await mock.callbacks.expect({ type: 'skuInventoryChange', cid: 'sku001' }, { within: 2000 });
    const { data } = await client.getInventory({ cids: ['sku001'] });

    expect(data[0]?.total_units).toBe((before.data[0]?.total_units ?? 0) - 1);
    expect(JSON.stringify(message)).toContain('sku001');
    expect(mock.admin.clock.advance(60_000)).toBeDefined();
  } finally {
    await mock.close();
    await receiver.close();
  }
});

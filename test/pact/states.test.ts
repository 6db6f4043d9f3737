import { describe, expect, it } from 'vitest';
import { PROVIDER_STATES } from '../../src/pact/state-catalog.js';
import { useTestMock } from '../support/mock.js';

const mock = useTestMock();

const SKU_STATE = 'SKU {cid} has {quantity} {status} at location {location_id}';
const ALBUQUERQUE = '3698a3d9-bac2-4f1c-b7ef-5c4372f9d581';
const NEW_LOCATION = '0a5c1f0e-0000-4000-8000-000000000001';

function change(state: string, params: Record<string, unknown> = {}, action = 'setup') {
  return mock.current.admin('POST', '/provider-states', { state, params, action });
}

async function availableAt(cid: string, locationId: string, account = 'demo'): Promise<number | undefined> {
  const answer = await mock.current.get(`/inventory?cid=${encodeURIComponent(cid)}&location_id=${locationId}`, { account });
  const rows: { inventory_status: string; quantity: number }[] = answer.body.data[0]?.status_counts ?? [];
  return rows.find((row) => row.inventory_status === 'available')?.quantity;
}

describe('provider-state listing', () => {
  it('lists every state with its parameters', async () => {
    const answer = await mock.current.admin('GET', '/provider-states');
    expect(answer.status).toBe(200);
    expect(answer.body.default_account).toBe('demo');
    expect(answer.body.states.map((state: { name: string }) => state.name)).toEqual(PROVIDER_STATES.map((state) => state.name));
    const sku = answer.body.states.find((state: { name: string }) => state.name === SKU_STATE);
    expect(sku.params.map((param: { name: string }) => param.name)).toEqual(['cid', 'quantity', 'status', 'location_id', 'account']);
  });
});

describe('SKU count state', () => {
  it('sets a count through an adjustment', async () => {
    const answer = await change(SKU_STATE, { cid: 'sku001', quantity: 40, status: 'available', location_id: ALBUQUERQUE });
    expect(answer.status).toBe(200);
    expect(answer.body.sku_id).toBe('bf2f6141-a09c-4cfb-9441-0043df561f9d');
    expect(await availableAt('sku001', ALBUQUERQUE)).toBe(40);
    const audit = await mock.current.get('/inventory_adjustments?cid=sku001&limit=1');
    expect(audit.body.data[0].adjusted_by).toBe('pact-provider-state');
    expect(audit.body.data[0].new_quantity).toBe(40);
  });

  it('accepts the values filled into the name', async () => {
    const answer = await change(`SKU sku001 has 7 available at location ${ALBUQUERQUE}`);
    expect(answer.status).toBe(200);
    expect(await availableAt('sku001', ALBUQUERQUE)).toBe(7);
  });

  it('keeps a count that is already right', async () => {
    const params = { cid: 'sku001', quantity: 15, status: 'available', location_id: ALBUQUERQUE };
    expect((await change(SKU_STATE, params)).status).toBe(200);
    const audit = await mock.current.get('/inventory_adjustments?cid=sku001');
    expect(audit.body.total).toBe(0);
  });

  it('creates a missing SKU and location', async () => {
    const answer = await change(SKU_STATE, { cid: 'GIFT BOX', quantity: 3, status: 'expected', location_id: NEW_LOCATION });
    expect(answer.status).toBe(200);
    const locations = await mock.current.get('/inventory_locations');
    expect(locations.body.map((location: { id: string }) => location.id)).toContain(NEW_LOCATION);
    const inventory = await mock.current.get('/inventory?cid=GIFT%20BOX');
    expect(inventory.body.data[0].total_available_to_sell).toBe(3);
  });

  it('rejects a name and a parameter that disagree', async () => {
    const answer = await change(`SKU sku001 has 7 available at location ${ALBUQUERQUE}`, { cid: 'sku002' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_BODY');
    expect(answer.body.error.details[0].field).toBe('params.cid');
  });

  it('rejects an unknown parameter', async () => {
    const answer = await change(SKU_STATE, { cid: 'sku001', quantity: 1, status: 'available', location_id: ALBUQUERQUE, qty: 1 });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].field).toBe('params.qty');
  });

  it('rejects bad values', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ cid: 'sku001', quantity: -1, status: 'available', location_id: ALBUQUERQUE }, 'params.quantity'],
      [{ cid: 'sku001', quantity: 1.5, status: 'available', location_id: ALBUQUERQUE }, 'params.quantity'],
      [{ cid: 'sku001', quantity: 1, status: 'kit-to-ship-available', location_id: ALBUQUERQUE }, 'params.status'],
      [{ cid: 'sku001', quantity: 1, status: 'available', location_id: 'east' }, 'params.location_id'],
      [{ cid: '', quantity: 1, status: 'available', location_id: ALBUQUERQUE }, 'params.cid'],
      [{ quantity: 1, status: 'available', location_id: ALBUQUERQUE }, 'params.cid'],
    ];
    for (const [params, field] of cases) {
      const answer = await change(SKU_STATE, params);
      expect(answer.status, JSON.stringify(params)).toBe(400);
      expect(answer.body.error.details[0].field, JSON.stringify(params)).toBe(field);
    }
    expect(await availableAt('sku001', ALBUQUERQUE)).toBe(15);
  });

  it('resets the account on teardown', async () => {
    const params = { cid: 'sku001', quantity: 40, status: 'available', location_id: ALBUQUERQUE };
    await change(SKU_STATE, params);
    const answer = await change(SKU_STATE, params, 'teardown');
    expect(answer.status).toBe(200);
    expect(await availableAt('sku001', ALBUQUERQUE)).toBe(15);
  });
});

describe('account states', () => {
  it('resets an existing account', async () => {
    await change(SKU_STATE, { cid: 'sku001', quantity: 40, status: 'available', location_id: ALBUQUERQUE });
    const answer = await change('account {account} exists', { account: 'demo' });
    expect(answer.body).toEqual({ account: 'demo', created: false });
    expect(await availableAt('sku001', ALBUQUERQUE)).toBe(15);
  });

  it('creates a missing account from the first fixture account', async () => {
    const answer = await change('account shop-7 exists');
    expect(answer.body).toEqual({ account: 'shop-7', created: true });
    expect(await availableAt('sku001', ALBUQUERQUE, 'shop-7')).toBe(15);
    await mock.current.admin('DELETE', '/accounts/shop-7');
  });

  it('acts on the account given in the query', async () => {
    await change('account shop-8 exists');
    const answer = await mock.current.admin('POST', '/provider-states?account=shop-8', {
      state: SKU_STATE,
      params: { cid: 'sku001', quantity: 2, status: 'available', location_id: ALBUQUERQUE },
      action: 'setup',
    });
    expect(answer.body.account).toBe('shop-8');
    expect(await availableAt('sku001', ALBUQUERQUE, 'shop-8')).toBe(2);
    expect(await availableAt('sku001', ALBUQUERQUE)).toBe(15);
    await mock.current.admin('DELETE', '/accounts/shop-8');
  });
});

describe('location and snapshot states', () => {
  it('accepts a location id that no location has', async () => {
    const answer = await change('location {location_id} does not exist', { location_id: NEW_LOCATION });
    expect(answer.status).toBe(200);
  });

  it('fails for a location that exists', async () => {
    const answer = await change('location {location_id} does not exist', { location_id: ALBUQUERQUE });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('PROVIDER_STATE_FAILED');
    expect(answer.body.error.details[0].field).toBe('params.location_id');
  });

  it('holds a snapshot running until teardown', async () => {
    const running = await change('a snapshot is running');
    expect(running.body.snapshot_request_id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await change('a snapshot is running');
    expect(again.body.snapshot_request_id).toBe(running.body.snapshot_request_id);

    const rejected = await mock.current.post('/snapshot_request', { snapshot_type: 'full' });
    expect(rejected.status).toBe(409);
    expect(rejected.body.error.snapshot_request_id).toBe(running.body.snapshot_request_id);

    await change('a snapshot is running', {}, 'teardown');
    const accepted = await mock.current.post('/snapshot_request', { snapshot_type: 'full' });
    expect(accepted.status).toBe(200);
  });

  it('cancels a running snapshot', async () => {
    const running = await change('a snapshot is running');
    const stopped = await change('no snapshot is running');
    expect(stopped.body.cancelled_snapshot_request_id).toBe(running.body.snapshot_request_id);
    const job = await mock.current.get(`/snapshot_request/${running.body.snapshot_request_id}`);
    expect(job.body.status).toBe('failed');
    expect((await mock.current.post('/snapshot_request', { snapshot_type: 'full' })).status).toBe(200);
  });
});

describe('callback states', () => {
  it('registers snapshotReady on the sink', async () => {
    const answer = await change('a snapshotReady callback is registered');
    expect(answer.body.url).toBe(`${mock.current.url}/__admin/provider-states/sink`);
    const listed = await mock.current.get('/callbacks?message_type=snapshotReady');
    expect(listed.body.map((registration: { id: string }) => registration.id)).toEqual([answer.body.callback_id]);
    expect((await mock.current.admin('POST', '/provider-states/sink', { any: 'body' })).status).toBe(204);
  });

  it('registers skuInventoryChange on a given URL', async () => {
    const answer = await change('a skuInventoryChange callback is registered', { url: 'http://127.0.0.1:9911/hooks/inventory' });
    expect(answer.status).toBe(200);
    const listed = await mock.current.get('/callbacks?message_type=skuInventoryChange');
    expect(listed.body[0].url).toBe('http://127.0.0.1:9911/hooks/inventory');
  });

  it('fails for a URL on another host', async () => {
    const answer = await change('a skuInventoryChange callback is registered', { url: 'http://example.com/hook' });
    expect(answer.status).toBe(409);
    expect(answer.body.error.details[0].field).toBe('params.url');
  });
});

describe('provider-state requests', () => {
  it('rejects an unknown state by name', async () => {
    const answer = await change('the warehouse is on fire');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('UNKNOWN_PROVIDER_STATE');
    expect(answer.body.error.details[0].field).toBe('state');
    expect(answer.body.message).toContain("'the warehouse is on fire'");
  });

  it('rejects malformed bodies', async () => {
    const cases: [unknown, string][] = [
      [{ params: {} }, '/state'],
      [{ state: '' }, '/state'],
      [{ state: 'no snapshot is running', params: [] }, '/params'],
      [{ state: 'no snapshot is running', action: 'undo' }, '/action'],
      [{ state: 'no snapshot is running', extra: 1 }, '/extra'],
      [['no snapshot is running'], '/'],
    ];
    for (const [body, field] of cases) {
      const answer = await mock.current.admin('POST', '/provider-states', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.details[0].field, JSON.stringify(body)).toBe(field);
    }
  });

  it('defaults to a setup with no parameters', async () => {
    const answer = await mock.current.admin('POST', '/provider-states', { state: 'no snapshot is running' });
    expect(answer.status).toBe(200);
    expect(answer.body.account).toBe('demo');
  });
});

describe('provider-state token route', () => {
  it('mints a token the API accepts', async () => {
    const answer = await mock.current.admin('GET', '/provider-states/token?account=demo');
    const inventory = await mock.current.get('/inventory?cid=sku001', { headers: { authorization: `Bearer ${answer.body.token}` } });
    expect(inventory.status).toBe(200);
  });

  it('mints a token for an unknown account, which then gets 404', async () => {
    const answer = await mock.current.admin('GET', '/provider-states/token?account=nobody');
    const inventory = await mock.current.get('/inventory?cid=sku001', {
      account: 'nobody',
      headers: { authorization: `Bearer ${answer.body.token}` },
    });
    expect(inventory.status).toBe(404);
    expect(inventory.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('needs the account', async () => {
    const answer = await mock.current.admin('GET', '/provider-states/token');
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].field).toBe('account');
  });
});

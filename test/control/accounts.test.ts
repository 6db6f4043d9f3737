import { afterEach, describe, expect, it } from 'vitest';
import { CASE_NOW, useTestMock } from '../support/mock.js';
import { F0, loadFixtureFile } from '../support/fixtures.js';
import { adjustment, countsOf } from './helpers.js';

const mockRef = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });

afterEach(async () => {
  expect((await mockRef.current.admin('POST', '/reset')).status).toBe(200);
});

const ALL_SKUS = ['TEE-BLK-M', 'MUG-WHT', 'CAP-RED', 'GIFT BOX', "KID'S TEE", 'BOTTLE-1L', 'LID-STD', 'KIT-BOTTLE-SET'];

/** Reads every SKU's totals and non-zero rows, in a form that compares across loads. */
async function snapshotOf(account: string = F0.account) {
  const mock = mockRef.current;
  const query = ALL_SKUS.map(encodeURIComponent).join(',');
  const response = await mock.get(`/inventory?cid=${query}`, { account });
  expect(response.status).toBe(200);
  return response.body.data.map((record: any) => ({
    sku: record.customer_identifier,
    total_units: record.total_units,
    ats: record.total_available_to_sell,
    rows: record.status_counts
      .filter((row: any) => row.quantity !== 0)
      .map((row: any) => `${row.inventory_location_id}|${row.inventory_status}|${row.quantity}|${row.as_of}`)
      .sort(),
  }));
}

describe('reset', () => {
  it('restores the fixture after writes', async () => {
    const mock = mockRef.current;
    expect((await mock.post('/inventory_adjustments', adjustment('TEE-BLK-M', 5))).body.records_succeeded).toBe(1);
    expect(await countsOf(mock, 'TEE-BLK-M')).toEqual([89, 78]);
    await mock.admin('POST', '/faults', { route: '/skus', action: { type: 'error', status: 500 } });

    const reset = await mock.admin('POST', '/reset', {});
    expect(reset.status).toBe(200);
    expect(reset.body.accounts.map((account: { slug: string }) => account.slug)).toEqual([F0.account]);

    expect(await countsOf(mock, 'TEE-BLK-M')).toEqual([84, 73]);
    expect((await mock.get('/inventory_adjustments')).body.total).toBe(0);
    expect((await mock.admin('GET', '/faults')).body.faults).toEqual([]);
    expect((await mock.admin('GET', '/clock')).body).toEqual({ mode: 'manual', now: CASE_NOW });
  });

  it('takes a new seed and rejects a bad one', async () => {
    const mock = mockRef.current;
    expect((await mock.admin('POST', '/reset', { seed: 42 })).body.seed).toBe(42);
    const bad = await mock.admin('POST', '/reset', { seed: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('/seed');
    const extra = await mock.admin('POST', '/reset', { sed: 1 });
    expect(extra.body.error.details[0].field).toBe('/sed');
  });
});

describe('account state', () => {
  it('gives the same counts after a dump and a load', async () => {
    const mock = mockRef.current;
    await mock.post('/inventory_adjustments', adjustment('TEE-BLK-M', 3));
    mock.running.admin.clock.advance(60_000);
    await mock.post('/inventory_adjustments', adjustment('MUG-WHT', -1));
    const before = await snapshotOf();

    const dump = await mock.admin('GET', `/accounts/${F0.account}/state`);
    expect(dump.status).toBe(200);
    expect(dump.body.slug).toBe(F0.account);
    expect(dump.body.skus).toHaveLength(8);

    await mock.admin('POST', '/reset');
    expect(await countsOf(mock, 'MUG-WHT')).toEqual([1, 1]);

    const load = await mock.admin('PUT', `/accounts/${F0.account}/state`, dump.body);
    expect(load.status).toBe(200);
    expect(load.body).toMatchObject({ slug: F0.account, skus: 8, locations: 2 });
    expect(await snapshotOf()).toEqual(before);
  });

  it('points at the bad field of a bad load and changes nothing', async () => {
    const mock = mockRef.current;
    const fixture = loadFixtureFile('f0').accounts[0] as any;
    const before = await snapshotOf();

    const badStatus = structuredClone(fixture);
    badStatus.stock[2].inventory_status = 'availble';
    const response = await mock.admin('PUT', `/accounts/${F0.account}/state`, badStatus);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_BODY');
    expect(response.body.error.details[0].field).toBe('/stock/2/inventory_status');

    const duplicate = structuredClone(fixture);
    duplicate.skus[3].customer_identifier = 'TEE-BLK-M';
    const second = await mock.admin('PUT', `/accounts/${F0.account}/state`, duplicate);
    expect(second.status).toBe(400);
    expect(second.body.error.details[0].field).toBe('/skus/3/customer_identifier');

    const typo = { ...structuredClone(fixture), stok: [] };
    const third = await mock.admin('PUT', `/accounts/${F0.account}/state`, typo);
    expect(third.body.error.details[0].field).toBe('/stok');

    const other = await mock.admin('PUT', `/accounts/${F0.account}/state`, { ...fixture, slug: 'other' });
    expect(other.body.error.details[0].field).toBe('/slug');

    expect(await snapshotOf()).toEqual(before);
  });

  it('answers 404 for an unknown account', async () => {
    const response = await mockRef.current.admin('GET', '/accounts/nope/state');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  });
});

describe('accounts', () => {
  it('adds a generated account with a unique slug', async () => {
    const mock = mockRef.current;
    const first = await mock.admin('POST', '/accounts', { generate: { skus: 12 } });
    const second = await mock.admin('POST', '/accounts', { generate: { skus: 12 } });
    expect(first.status).toBe(201);
    expect(first.body.slug).toMatch(/^acct-[0-9a-f]{8}$/);
    expect(second.body.slug).not.toBe(first.body.slug);
    expect(first.body).toMatchObject({ skus: 12, locations: 3 });
    expect(first.body.callback_secret).toMatch(/^whsec_/);

    const locations = await mock.get('/inventory_locations', {
      account: first.body.slug,
      headers: { authorization: `Bearer ${first.body.token}` },
    });
    expect(locations.status).toBe(200);
    expect(locations.body).toHaveLength(3);

    const list = await mock.admin('GET', '/accounts');
    expect(list.body.accounts.map((account: { slug: string }) => account.slug)).toEqual([F0.account, first.body.slug, second.body.slug]);
  });

  it('adds an account from a fixture under another slug', async () => {
    const mock = mockRef.current;
    const fixture = loadFixtureFile('f0').accounts[0];
    const added = await mock.admin('POST', '/accounts', { fixture, slug: 'worker-7' });
    expect(added.status).toBe(201);
    expect(await countsOf(mock, 'TEE-BLK-M', 'worker-7')).toEqual([84, 73]);

    const again = await mock.admin('POST', '/accounts', { fixture, slug: 'worker-7' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ACCOUNT_EXISTS');

    const both = await mock.admin('POST', '/accounts', { fixture, generate: { skus: 1 } });
    expect(both.status).toBe(400);
    const badSize = await mock.admin('POST', '/accounts', { generate: { skus: 0 } });
    expect(badSize.body.error.details[0].field).toBe('/generate/skus');
    const badFixture = await mock.admin('POST', '/accounts', { fixture: { ...fixture, locations: [] }, slug: 'w8' });
    expect(badFixture.body.error.details[0].field).toBe('/fixture/locations');
  });

  it('deletes an account and its rules', async () => {
    const mock = mockRef.current;
    await mock.admin('POST', '/accounts', { generate: { skus: 2 }, slug: 'gone-soon' });
    await mock.admin('POST', '/accounts/gone-soon/faults', { action: { type: 'drop' } });

    expect((await mock.admin('DELETE', '/accounts/gone-soon')).status).toBe(200);
    expect((await mock.get('/inventory_locations', { account: 'gone-soon' })).body.error.code).toBe('ACCOUNT_NOT_FOUND');
    expect((await mock.admin('GET', '/faults')).body.faults).toEqual([]);
    expect((await mock.admin('DELETE', '/accounts/gone-soon')).status).toBe(404);
  });

  it('resets one account and leaves the others alone', async () => {
    const mock = mockRef.current;
    const fixture = loadFixtureFile('f0').accounts[0];
    await mock.admin('POST', '/accounts', { fixture, slug: 'worker-9' });
    await mock.post('/inventory_adjustments', adjustment('MUG-WHT', 4), { account: 'worker-9' });
    await mock.post('/inventory_adjustments', adjustment('MUG-WHT', 2));

    const reset = await mock.admin('POST', '/accounts/worker-9/reset');
    expect(reset.status).toBe(200);
    expect(await countsOf(mock, 'MUG-WHT', 'worker-9')).toEqual([1, 1]);
    expect(await countsOf(mock, 'MUG-WHT')).toEqual([3, 3]);
  });
});

describe('callback secret', () => {
  it('reads and sets the signing secret', async () => {
    const mock = mockRef.current;
    const initial = await mock.admin('GET', `/accounts/${F0.account}/secret`);
    expect(initial.body.callback_secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    expect(initial.body.key_encoding).toBe('base64');

    const set = await mock.admin('PUT', `/accounts/${F0.account}/secret`, { callback_secret: 'cb-hmac-secret-0001' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ callback_secret: 'cb-hmac-secret-0001', key_encoding: 'utf8', key_bytes: 19 });
    expect(mock.running.mock.account(F0.account)?.callbackSecret).toBe('cb-hmac-secret-0001');
  });

  it('rejects an empty or half-standard secret', async () => {
    const mock = mockRef.current;
    for (const body of [{ callback_secret: '' }, { callback_secret: 'whsec_!!' }, { secret: 'x' }, {}]) {
      const response = await mock.admin('PUT', `/accounts/${F0.account}/secret`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.details[0].field).toMatch(/^\/(callback_secret|secret)$/);
    }
  });

  it('keeps a plain secret through a state round trip', async () => {
    const mock = mockRef.current;
    await mock.admin('PUT', `/accounts/${F0.account}/secret`, { callback_secret: 'cb-hmac-secret-0001' });
    const dump = await mock.admin('GET', `/accounts/${F0.account}/state`);
    expect(dump.body.callback_secret).toBe('cb-hmac-secret-0001');
    await mock.admin('PUT', `/accounts/${F0.account}/secret`, { callback_secret: 'other-secret' });
    const load = await mock.admin('PUT', `/accounts/${F0.account}/state`, dump.body);
    expect(load.status).toBe(200);
    expect((await mock.admin('GET', `/accounts/${F0.account}/secret`)).body.callback_secret).toBe('cb-hmac-secret-0001');
  });

  it('survives a state load without a secret', async () => {
    const mock = mockRef.current;
    await mock.admin('PUT', `/accounts/${F0.account}/secret`, { callback_secret: 'cb-hmac-secret-0001' });
    const dump = await mock.admin('GET', `/accounts/${F0.account}/state`);
    const { callback_secret: _secret, ...withoutSecret } = dump.body;
    await mock.admin('PUT', `/accounts/${F0.account}/state`, withoutSecret);
    expect((await mock.admin('GET', `/accounts/${F0.account}/secret`)).body.callback_secret).toBe('cb-hmac-secret-0001');
  });
});

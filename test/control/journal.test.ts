import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../src/control/journal.js';
import { CASE_NOW, useTestMock } from '../support/mock.js';
import { F0 } from '../support/fixtures.js';
import { journal } from './helpers.js';

const mockRef = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });

afterEach(async () => {
  expect((await mockRef.current.admin('POST', '/reset')).status).toBe(200);
});

describe('request journal', () => {
  it('records validation failures with their details', async () => {
    const mock = mockRef.current;
    expect((await mock.get('/inventory?cid=MUG-WHT&limt=5')).status).toBe(400);
    const bad = await mock.post('/inventory_adjustments', { not: 'an array' });
    expect(bad.status).toBe(400);

    const [post, get] = await journal(mock);
    expect(post).toMatchObject({
      method: 'POST',
      path: `/${F0.account}/api/v1/inventory_adjustments`,
      account: F0.account,
      status: 400,
      error_code: 'INVALID_BODY',
      at: CASE_NOW,
    });
    expect(post?.details?.[0]?.field).toBe('body');
    expect(get).toMatchObject({ status: 400, error_code: 'INVALID_QUERY', query: 'cid=MUG-WHT&limt=5' });
    expect(get?.details?.[0]?.field).toBe('limt');
    expect(typeof get?.duration_ms).toBe('number');
  });

  it('filters by account, method, status and path', async () => {
    const mock = mockRef.current;
    await mock.get('/inventory?cid=MUG-WHT');
    await mock.get('/inventory_locations');
    await mock.post('/inventory_adjustments', []);
    await mock.get('/inventory_locations', { account: 'nope' });

    expect((await journal(mock)).map((entry) => entry.seq)).toEqual([4, 3, 2, 1]);
    expect(await journal(mock, '?method=post')).toHaveLength(1);
    expect(await journal(mock, '?status=200')).toHaveLength(2);
    expect(await journal(mock, '?status=4xx')).toHaveLength(2);
    expect(await journal(mock, '?path=inventory_loc')).toHaveLength(2);
    expect(await journal(mock, `?account=${F0.account}`)).toHaveLength(3);
    expect(await journal(mock, '?limit=1')).toHaveLength(1);

    const unscoped = (await journal(mock)).find((entry) => entry.path.startsWith('/nope/'));
    expect(unscoped).toMatchObject({ status: 404, error_code: 'ACCOUNT_NOT_FOUND' });
    expect(unscoped).not.toHaveProperty('account');

    const response = await mock.admin('GET', '/requests?limit=2');
    expect(response.body).toMatchObject({ total: 4, limit: 2 });
  });

  it('rejects bad filters', async () => {
    const mock = mockRef.current;
    for (const [query, field] of [
      ['?status=99', 'status'],
      ['?limit=0', 'limit'],
      ['?acount=x', 'acount'],
    ]) {
      const response = await mock.admin('GET', `/requests${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('INVALID_QUERY');
      expect(response.body.error.details[0].field).toBe(field);
    }
  });

  it('leaves control-plane requests out and clears on DELETE', async () => {
    const mock = mockRef.current;
    await mock.get('/inventory_locations');
    await mock.admin('GET', '/faults');
    expect(await journal(mock)).toHaveLength(1);
    expect((await mock.admin('DELETE', '/requests')).status).toBe(200);
    expect(await journal(mock)).toEqual([]);
  });
});

describe('Journal', () => {
  it('keeps the latest entries of each account', () => {
    const log = new Journal(3);
    for (let i = 0; i < 10; i++) {
      log.record({ at: CASE_NOW, method: 'GET', path: `/a/${i}`, query: '', account: 'a', status: 200, duration_ms: 1 });
    }
    log.record({ at: CASE_NOW, method: 'GET', path: '/b', query: '', account: 'b', status: 200, duration_ms: 1 });
    log.record({ at: CASE_NOW, method: 'GET', path: '/x', query: '', status: 404, duration_ms: 1 });

    expect(log.query({ account: 'a' }).data.map((entry) => entry.path)).toEqual(['/a/9', '/a/8', '/a/7']);
    expect(log.query({ account: 'b' }).total).toBe(1);
    expect(log.query().total).toBe(5);
  });
});

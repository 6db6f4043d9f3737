import { afterEach, describe, expect, it } from 'vitest';
import { CASE_NOW, startTestMock, useTestMock } from '../support/mock.js';
import { F0 } from '../support/fixtures.js';
import { adjustment, countsOf, journal, rawGet, until } from './helpers.js';

const mockRef = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });

afterEach(async () => {
  expect((await mockRef.current.admin('POST', '/reset')).status).toBe(200);
});

async function setFaults(rules: unknown[]) {
  const response = await mockRef.current.admin('PUT', '/faults', rules);
  expect(response.status).toBe(200);
  return response.body.faults;
}

describe('latency fault', () => {
  it('holds the answer until the manual clock passes the delay', async () => {
    const mock = mockRef.current;
    await setFaults([{ route: '/inventory', action: { type: 'latency', distribution: { kind: 'fixed', ms: 300 } } }]);
    const control = mock.running.server.control;

    let settled = false;
    const pending = mock.get('/inventory?cid=MUG-WHT').then((response) => {
      settled = true;
      return response;
    });
    await until(() => control.heldRequests(F0.account) === 1, 'the delayed request');

    mock.running.admin.clock.advance(299, F0.account);
    expect(control.heldRequests(F0.account)).toBe(1);
    expect(settled).toBe(false);

    mock.running.admin.clock.advance(1, F0.account);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.body.data[0].customer_identifier).toBe('MUG-WHT');

    const [entry] = await journal(mock, '?path=/inventory');
    expect(entry?.faults).toEqual([{ id: 'fault-1', type: 'latency', latency_ms: 300 }]);
    expect(entry?.status).toBe(200);
  });

  it('records uniform delays within their bounds', async () => {
    const mock = mockRef.current;
    mock.running.admin.clock.real();
    await setFaults([{ action: { type: 'latency', distribution: { kind: 'uniform', min_ms: 1, max_ms: 4 } } }]);
    for (let i = 0; i < 5; i++) expect((await mock.get('/inventory?cid=MUG-WHT')).status).toBe(200);

    const entries = await journal(mock);
    expect(entries).toHaveLength(5);
    for (const entry of entries) {
      const delay = entry.faults?.[0]?.latency_ms ?? -1;
      expect(delay).toBeGreaterThanOrEqual(1);
      expect(delay).toBeLessThanOrEqual(4);
    }
  });
});

describe('error fault', () => {
  it('answers every request at probability 1', async () => {
    const mock = mockRef.current;
    await setFaults([{ route: '/inventory', action: { type: 'error', status: 503, probability: 1, retry_after_s: 7 } }]);
    for (let i = 0; i < 3; i++) {
      const response = await rawGet(mock, '/inventory?cid=MUG-WHT');
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(response.body.message).toBe(response.body.error.message);
      expect(response.body.error.fault_id).toBe('fault-1');
      expect(response.headers.get('retry-after')).toBe('7');
    }
    expect((await mock.get('/inventory_locations')).status).toBe(200);
  });

  it('answers no request at probability 0', async () => {
    const mock = mockRef.current;
    await setFaults([{ action: { type: 'error', status: 500, probability: 0 } }]);
    for (let i = 0; i < 5; i++) expect((await mock.get('/inventory?cid=MUG-WHT')).status).toBe(200);
  });

  it('uses the code the rule names', async () => {
    const mock = mockRef.current;
    await setFaults([{ method: 'GET', action: { type: 'error', status: 502, code: 'UPSTREAM_DOWN' } }]);
    const response = await rawGet(mock, '/inventory?cid=MUG-WHT');
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('UPSTREAM_DOWN');
    expect(response.body.error.details).toEqual([]);
  });

  it('applies at most `times` times', async () => {
    const mock = mockRef.current;
    await setFaults([{ id: 'twice', times: 2, action: { type: 'error', status: 500 } }]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await mock.get('/inventory?cid=MUG-WHT')).status);
    expect(statuses).toEqual([500, 500, 200, 200]);

    const listed = await mock.admin('GET', '/faults');
    expect(listed.body.faults[0]).toMatchObject({ id: 'twice', times: 2, applied: 2 });
  });

  it('leaves state unchanged when it hits a write', async () => {
    const mock = mockRef.current;
    await setFaults([{ method: 'POST', route: '/inventory_adjustments', action: { type: 'error', status: 500 } }]);
    const before = await countsOf(mock, 'MUG-WHT');

    const response = await mock.post('/inventory_adjustments', adjustment('MUG-WHT', 5));
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('INJECTED_FAULT');

    expect(await countsOf(mock, 'MUG-WHT')).toEqual(before);
    const audit = await mock.get('/inventory_adjustments?cid=MUG-WHT');
    expect(audit.body.total).toBe(0);
  });
});

describe('rate limit fault', () => {
  it('answers 429 with Retry-After until the window closes', async () => {
    const mock = mockRef.current;
    await setFaults([{ route: '/inventory', action: { type: 'rate_limit', limit: 2, window_ms: 10_000 } }]);
    expect((await mock.get('/inventory?cid=MUG-WHT')).status).toBe(200);
    expect((await mock.get('/inventory?cid=MUG-WHT')).status).toBe(200);

    const limited = await mock.get('/inventory?cid=MUG-WHT');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toBe('10');

    mock.running.admin.clock.advance(4_000);
    const later = await mock.get('/inventory?cid=MUG-WHT');
    expect(later.status).toBe(429);
    expect(later.headers.get('retry-after')).toBe('6');

    mock.running.admin.clock.advance(6_000);
    expect((await mock.get('/inventory?cid=MUG-WHT')).status).toBe(200);
  });

  it('counts each account on its own', async () => {
    const mock = mockRef.current;
    const other = await mock.admin('POST', '/accounts', { generate: { skus: 3 }, slug: 'other-acct' });
    expect(other.status).toBe(201);
    await setFaults([{ action: { type: 'rate_limit', limit: 1, window_ms: 60_000 } }]);

    expect((await mock.get('/inventory_locations')).status).toBe(200);
    expect((await mock.get('/inventory_locations')).status).toBe(429);
    expect((await mock.get('/inventory_locations', { account: 'other-acct' })).status).toBe(200);
  });
});

describe('drop fault', () => {
  it('closes the connection without an answer', async () => {
    const mock = mockRef.current;
    await setFaults([{ route: '/inventory', action: { type: 'drop' } }]);
    const token = await mock.running.token(F0.account);
    const request = fetch(`${mock.running.baseUrl(F0.account)}/inventory?cid=MUG-WHT`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await expect(request).rejects.toThrow(TypeError);

    const [entry] = await journal(mock);
    expect(entry?.faults).toEqual([{ id: 'fault-1', type: 'drop' }]);
    expect(entry).not.toHaveProperty('status');
  });
});

describe('hang fault', () => {
  it('never answers until the client aborts', async () => {
    const mock = mockRef.current;
    await setFaults([{ route: '/inventory', action: { type: 'hang' } }]);
    const control = mock.running.server.control;
    const abort = new AbortController();
    const request = fetch(`${mock.running.baseUrl(F0.account)}/inventory?cid=MUG-WHT`, { signal: abort.signal });

    await until(() => control.heldRequests(F0.account) === 1, 'the hung request');
    mock.running.admin.clock.advance(600_000);
    expect(control.heldRequests(F0.account)).toBe(1);

    abort.abort();
    await expect(request).rejects.toThrow(/abort/i);
    await until(() => control.heldRequests(F0.account) === 0, 'the hang to end');
    await until(() => control.journal.query({ account: F0.account }).total === 1, 'the journal entry');
    const [entry] = await journal(mock);
    expect(entry?.faults).toEqual([{ id: 'fault-1', type: 'hang' }]);
  });

  it('lets the server close while a request hangs', async () => {
    const mock = await startTestMock({
      fixtureName: 'f0',
      faults: [{ action: { type: 'hang' } }],
    });
    const request = fetch(`${mock.running.baseUrl(F0.account)}/inventory_locations`);
    await until(() => mock.running.server.control.heldRequests(F0.account) === 1, 'the hung request');

    await mock.close();
    await expect(request).rejects.toThrow(TypeError);
  });
});

describe('fault rule bodies', () => {
  it('rejects bad rules naming the field', async () => {
    const mock = mockRef.current;
    const cases: [unknown, string][] = [
      [[{ action: { type: 'explode' } }], '/0/action/type'],
      [[{ action: { type: 'error', status: 200 } }], '/0/action/status'],
      [[{ action: { type: 'error', status: 500, probability: 1.5 } }], '/0/action/probability'],
      [[{ route: '/inventory', action: { type: 'latency', distribution: { kind: 'uniform', min_ms: 9, max_ms: 3 } } }], '/0/action/distribution/max_ms'],
      [[{ action: { type: 'rate_limit', limit: 0, window_ms: 1000 } }], '/0/action/limit'],
      [[{ action: { type: 'drop' }, metod: 'GET' }], '/0/metod'],
      [[{ action: { type: 'drop' }, times: 0 }], '/0/times'],
      [[{ id: 'a', action: { type: 'drop' } }, { id: 'a', action: { type: 'hang' } }], '/1/id'],
      [{ action: { type: 'drop' } }, '/'],
    ];
    for (const [body, field] of cases) {
      const response = await mock.admin('PUT', '/faults', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('INVALID_BODY');
      expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    expect((await mock.admin('GET', '/faults')).body.faults).toEqual([]);
  });

  it('adds, lists and deletes one rule by id', async () => {
    const mock = mockRef.current;
    const added = await mock.admin('POST', '/faults', { id: 'slow', action: { type: 'hang' }, account: 'nobody' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: 'slow', account: 'nobody', applied: 0 });

    const clash = await mock.admin('POST', '/faults', { id: 'slow', action: { type: 'drop' } });
    expect(clash.status).toBe(400);
    expect(clash.body.error.details[0].field).toBe('/id');

    expect((await mock.admin('DELETE', '/faults/slow')).status).toBe(200);
    const missing = await mock.admin('DELETE', '/faults/slow');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('FAULT_NOT_FOUND');
  });

  it('keeps per-account rules to their account', async () => {
    const mock = mockRef.current;
    await mock.admin('POST', '/accounts', { generate: { skus: 3 }, slug: 'worker-2' });
    const scoped = await mock.admin('PUT', '/accounts/worker-2/faults', [{ action: { type: 'error', status: 500 } }]);
    expect(scoped.status).toBe(200);
    expect(scoped.body.faults[0].account).toBe('worker-2');

    expect((await mock.get('/inventory_locations', { account: 'worker-2' })).status).toBe(500);
    expect((await mock.get('/inventory_locations')).status).toBe(200);

    const foreign = await mock.admin('POST', '/accounts/worker-2/faults', { account: 'acme-test', action: { type: 'drop' } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].field).toBe('/account');
  });
});

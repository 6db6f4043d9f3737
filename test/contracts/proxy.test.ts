import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startProxy, type ProxyViolation, type RunningProxy } from '../../src/kit/index.js';
import { errorShapeProblem } from '../../src/kit/verify/rules.js';
import { startWrongServer, type WrongServer } from '../support/wrong-server.js';
import { F0 } from '../support/fixtures.js';
import { CASE_NOW, useTestMock } from '../support/mock.js';

const INVENTORY = '/wrong-test/api/v1/inventory?cid=WS-001,WS-002';
const AUTH = { authorization: 'Bearer t' };

async function get(url: string, headers: Record<string, string> = AUTH) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as any };
}

async function violationsOf(proxy: RunningProxy): Promise<{ count: number; violations: ProxyViolation[] }> {
  return (await get(`${proxy.url}/__admin/violations`, {})).body;
}

/** Sends a request with node:http, which allows any header, such as `Connection`. */
function rawRequest(
  url: string,
  options: { method: string; headers: Record<string, string>; body: string },
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: options.method, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

interface Echoed {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Starts an upstream that echoes each request with status 418, except /hang, which gets no response. */
async function startEcho(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url?.endsWith('/hang') === true) return;
      const echoed: Echoed = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      response.writeHead(418, { 'content-type': 'application/json', 'x-upstream': 'echo', connection: 'close' });
      response.end(JSON.stringify(echoed));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('proxy in front of the wrong server', () => {
  let upstream: WrongServer;
  let lenient: RunningProxy;
  let strict: RunningProxy;

  beforeAll(async () => {
    upstream = await startWrongServer();
    lenient = await startProxy({ target: upstream.url });
    strict = await startProxy({ target: upstream.url, strict: true });
  });
  beforeEach(() => {
    upstream.faults.clear();
    lenient.clearViolations();
    strict.clearViolations();
  });
  afterAll(async () => {
    await Promise.all([lenient.close(), strict.close(), upstream.close()]);
  });

  it('passes a conforming response through', async () => {
    const direct = await get(`${upstream.url}${INVENTORY}`);
    for (const proxy of [lenient, strict]) {
      const proxied = await get(`${proxy.url}${INVENTORY}`);
      expect(proxied.status).toBe(200);
      expect(proxied.text).toBe(direct.text);
      expect(await violationsOf(proxy)).toEqual({ count: 0, dropped: 0, violations: [] });
    }
  });

  it('lists a violation and passes it', async () => {
    upstream.faults.add('total-units-as-string');
    const proxied = await get(`${lenient.url}${INVENTORY}`);
    expect(proxied.status).toBe(200);
    expect(proxied.body.data[0].total_units).toBe('11');

    const { count, violations } = await violationsOf(lenient);
    expect(count).toBe(1);
    expect(violations[0]).toMatchObject({ id: 1, direction: 'response', method: 'GET', path: INVENTORY, status: 200 });
    expect(violations[0]?.problems.map((problem) => problem.pointer)).toEqual(['/data/0/total_units', '/data/1/total_units']);
    expect(violations[0]?.problems[0]?.got).toBe('string "11"');
  });

  it('turns a violation into 502 when strict', async () => {
    upstream.faults.add('missing-sku-id');
    const proxied = await get(`${strict.url}${INVENTORY}`);
    expect(proxied.status).toBe(502);
    expect(errorShapeProblem(proxied.body)).toBeUndefined();
    expect(proxied.body.error.code).toBe('CONTRACT_VIOLATION');
    expect(proxied.body.error.upstream_status).toBe(200);
    expect(proxied.body.error.details).toEqual([
      { field: '/data/0/sku_id', problem: '`/data/0/sku_id` is required but missing' },
      { field: '/data/1/sku_id', problem: '`/data/1/sku_id` is required but missing' },
    ]);
    expect((await violationsOf(strict)).count).toBe(1);
  });

  it('names a broken error body', async () => {
    upstream.faults.add('wrong-error-shape');
    const proxied = await get(`${strict.url}/wrong-test/api/v1/inventory?cid=WS-001&limit=0`);
    expect(proxied.status).toBe(502);
    expect(proxied.body.error.upstream_status).toBe(400);
    const fields = proxied.body.error.details.map((detail: { field: string }) => detail.field);
    expect(fields).toEqual(['/message', '/error']);
  });

  it('records a violating request', async () => {
    const proxied = await get(`${lenient.url}/wrong-test/api/v1/inventory?limit=0`);
    expect(proxied.status).toBe(400);
    const { violations } = await violationsOf(lenient);
    expect(violations.map((violation) => violation.direction)).toEqual(['request']);
    expect(violations[0]?.problems.map((problem) => problem.pointer).sort()).toEqual(['/query/cid', '/query/limit']);
  });

  it('clears the list on DELETE', async () => {
    upstream.faults.add('totals-off').add('total-units-as-string');
    await get(`${lenient.url}${INVENTORY}`);
    const cleared = await fetch(`${lenient.url}/__admin/violations`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ cleared: 1 });
    expect((await violationsOf(lenient)).count).toBe(0);
    expect(lenient.violations()).toEqual([]);
  });

  it('rejects other methods on violations', async () => {
    const response = await fetch(`${lenient.url}/__admin/violations`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, DELETE');
  });
});

describe('proxy forwarding', () => {
  let echo: { url: string; server: Server };
  let proxy: RunningProxy;

  beforeAll(async () => {
    echo = await startEcho();
    proxy = await startProxy({ target: `${echo.url}/prefix`, timeoutMs: 300, maxBodyBytes: 1000 });
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => echo.server.close(() => resolve()));
  });

  it('forwards the request and response', async () => {
    const body = JSON.stringify([{ customer_identifier: 'a b', quantity: 1 }]);
    const response = await rawRequest(`${proxy.url}/demo/api/v1/data_factory/createAvailable?x=1&x=2`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer abc',
        'x-client': 'kept',
        'x-hop': 'dropped',
        connection: 'x-hop',
        'proxy-authorization': 'Basic c2VjcmV0',
      },
      body,
    });
    expect(response.status).toBe(418);
    expect(response.headers['x-upstream']).toBe('echo');
    expect(response.headers.connection).not.toBe('close');

    const echoed = JSON.parse(response.text) as Echoed;
    expect(echoed.method).toBe('POST');
    expect(echoed.url).toBe('/prefix/demo/api/v1/data_factory/createAvailable?x=1&x=2');
    expect(echoed.body).toBe(body);
    expect(echoed.headers.authorization).toBe('Bearer abc');
    expect(echoed.headers['x-client']).toBe('kept');
    expect(echoed.headers['x-hop']).toBeUndefined();
    expect(echoed.headers['proxy-authorization']).toBeUndefined();
    expect(echoed.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('records an undocumented status', async () => {
    proxy.clearViolations();
    await fetch(`${proxy.url}/demo/api/v1/inventory_locations`, { headers: AUTH });
    const [violation] = proxy.violations();
    expect(violation?.status).toBe(418);
    expect(violation?.problems[0]?.pointer).toBe('/status');
  });

  it('returns 504 on an upstream timeout', async () => {
    const response = await get(`${proxy.url}/hang`);
    expect(response.status).toBe(504);
    expect(response.body.error.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('returns 413 for an oversized body', async () => {
    const response = await fetch(`${proxy.url}/demo/api/v1/skus`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ customer_identifier: 'x'.repeat(2000) }]),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('returns 502 for a down upstream', async () => {
    const closed = await startEcho();
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const down = await startProxy({ target: closed.url });
    const response = await get(`${down.url}/demo/api/v1/skus`);
    await down.close();
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('UPSTREAM_UNREACHABLE');
  });
});

describe('proxy in front of the mock', () => {
  const mock = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });
  let proxy: RunningProxy;

  beforeAll(async () => {
    proxy = await startProxy({ target: mock.current.url, strict: true });
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('carries a write and reports nothing', async () => {
    const token = await mock.current.running.token(F0.account);
    const response = await fetch(`${proxy.url}/${F0.account}/api/v1/inventory_adjustments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          customer_identifier: 'TEE-BLK-M',
          inventory_location_id: F0.L1,
          inventory_status: 'available',
          adjustment_quantity: 2,
          adjustment_reason: 'correction',
        },
      ]),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.results[0].adjustment.new_quantity).toBe(42);

    const after = await mock.current.get('/inventory?cid=TEE-BLK-M&location_id=' + F0.L1);
    expect(after.body.data[0].total_available_to_sell).toBe(52);
    expect(proxy.violations()).toEqual([]);
  });

  it('passes control-plane calls unchecked', async () => {
    const response = await fetch(`${proxy.url}/__admin/clock`);
    expect(response.status).toBe(200);
    expect(proxy.violations()).toEqual([]);
  });
});

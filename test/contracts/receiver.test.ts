import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/callbacks/signing.js';
import { loadDocument } from '../../src/contracts/index.js';
import { getAtPointer } from '../../src/contracts/json-pointer.js';
import {
  formatCallbackLine,
  startReceiver,
  verifyWebhookSignature,
  type ReceivedCallback,
  type RunningReceiver,
} from '../../src/kit/index.js';
import { accountOf, adjust, runClock } from '../callbacks/helpers.js';
import { F0 } from '../support/fixtures.js';
import { CASE_NOW, useTestMock } from '../support/mock.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const EXAMPLE_POINTER =
  '/webhooks/skuInventoryChange/post/requestBody/content/application~1json/examples/oneSku/value';

/** Returns a copy of the contract's skuInventoryChange example. */
function exampleBody(): Record<string, any> {
  return structuredClone(getAtPointer(loadDocument(), EXAMPLE_POINTER)) as Record<string, any>;
}

interface SendOptions {
  secret?: string;
  id?: string;
  timestamp?: number;
  headers?: Record<string, string>;
  /** Raw body text instead of the JSON of `body`. */
  raw?: string;
}

/** POSTs a callback the way the mock sends one: signed, with its headers. */
async function send(receiver: RunningReceiver, body: unknown, options: SendOptions = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const id = options.id ?? ((body as { message_id?: string }).message_id ?? 'msg-1');
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(`${receiver.url}/hooks/inventory`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-message-id': id,
      'x-message-type': 'skuInventoryChange',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(options.secret ?? SECRET, id, timestamp, Buffer.from(raw)),
      ...options.headers,
    },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('receiver checks', () => {
  let receiver: RunningReceiver;

  beforeAll(async () => {
    receiver = await startReceiver({ secret: SECRET, token: 'cb-token', maxBodyBytes: 20_000 });
  });
  afterEach(() => {
    receiver.clear();
  });
  afterAll(async () => {
    await receiver.close();
  });

  const auth = { authorization: 'Bearer cb-token' };

  it('accepts a valid callback', async () => {
    const response = await send(receiver, exampleBody(), { headers: auth });
    expect(response.status).toBe(200);
    const [callback] = receiver.received();
    expect(callback).toMatchObject({
      outcome: 'accepted',
      status: 200,
      messageType: 'skuInventoryChange',
      messageId: '3e000000-0000-4000-8000-000000000001',
      attempt: 1,
      path: '/hooks/inventory',
      problems: [],
    });
    expect(callback?.headers.authorization).toBe('Bearer [redacted]');
  });

  it('rejects a bad signature with 401', async () => {
    const response = await send(receiver, exampleBody(), { headers: auth, secret: 'whsec_b3RoZXItc2VjcmV0' });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('SIGNATURE_INVALID');
    const [callback] = receiver.received();
    expect(callback?.outcome).toBe('rejected');
    expect(callback?.reasons).toEqual(['webhook-signature does not match the body signed with the secret']);
  });

  it('rejects a body changed after signing', async () => {
    const body = exampleBody();
    const signedFor = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signWebhook(SECRET, body.message_id, timestamp, Buffer.from(signedFor));
    const response = await send(receiver, body, {
      raw: signedFor.replace('"quantity":200', '"quantity":201'),
      timestamp,
      headers: { ...auth, 'webhook-signature': signature },
    });
    expect(response.status).toBe(401);
  });

  it('rejects a callback missing a field with 400', async () => {
    const body = exampleBody();
    delete body.data[0].sku_id;
    const response = await send(receiver, body, { headers: auth });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('CALLBACK_INVALID');
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(['/data/0/sku_id']);
    expect(receiver.received({ outcome: 'rejected' })[0]?.problems[0]?.pointer).toBe('/data/0/sku_id');
  });

  it('rejects a quantity written as 10.0', async () => {
    const raw = JSON.stringify(exampleBody()).replace('"quantity":200', '"quantity":200.0');
    const response = await send(receiver, undefined, { raw, id: '3e000000-0000-4000-8000-000000000001', headers: auth });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual([
      '/data/0/status_counts/0/quantity',
    ]);
  });

  it('rejects a wrong or missing token with 401', async () => {
    const wrong = await send(receiver, exampleBody(), { headers: { authorization: 'Bearer other' } });
    const missing = await send(receiver, exampleBody());
    expect(wrong.status).toBe(401);
    expect(missing.status).toBe(401);
    expect(wrong.body.error.code).toBe('TOKEN_INVALID');
    expect(receiver.received().map((callback) => callback.reasons[0])).toEqual([
      'the bearer token is wrong',
      'the Authorization header is missing',
    ]);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const response = await send(receiver, undefined, { raw: '{"message_type":', id: 'msg-bad', headers: auth });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_JSON');
    expect(receiver.received()[0]?.text).toBe('{"message_type":');
  });

  it('rejects a body over the limit with 413', async () => {
    const body = exampleBody();
    body.data[0].customer_identifier = 'x'.repeat(30_000);
    const response = await send(receiver, body, { headers: auth });
    expect(response.status).toBe(413);
    expect(receiver.received()[0]?.outcome).toBe('rejected');
  });

  it('accepts a standardwebhooks signature', async () => {
    const raw = JSON.stringify(exampleBody());
    const id = '3e000000-0000-4000-8000-000000000001';
    const at = new Date();
    const signature = new Webhook(SECRET).sign(id, at, raw);
    const response = await send(receiver, undefined, {
      raw,
      id,
      headers: { ...auth, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature },
    });
    expect(response.status).toBe(200);
  });

  it('lists and filters received callbacks', async () => {
    await send(receiver, exampleBody(), { headers: auth });
    const all = (await (await fetch(`${receiver.url}/received`)).json()) as { count: number; callbacks: ReceivedCallback[] };
    const none = (await (await fetch(`${receiver.url}/received?message_type=snapshotReady`)).json()) as { count: number };
    expect(all.count).toBe(1);
    expect(all.callbacks[0]?.messageType).toBe('skuInventoryChange');
    expect(none.count).toBe(0);

    const cleared = await fetch(`${receiver.url}/received`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ cleared: 1 });
  });

  it('formats one line per callback', async () => {
    await send(receiver, exampleBody(), { headers: auth });
    await send(receiver, exampleBody(), { headers: { authorization: 'Bearer other' } });
    const [accepted, rejected] = receiver.received().map(formatCallbackLine);
    expect(accepted).toMatch(
      / 200 accepted skuInventoryChange id=3e000000-0000-4000-8000-000000000001 attempt=1 path=\/hooks\/inventory skus=1$/,
    );
    expect(rejected).toMatch(/ 401 rejected skuInventoryChange .* attempt=2 .* reason: the bearer token is wrong$/);
  });
});

describe('receiver signatures', () => {
  const body = Buffer.from('{"a":1}');
  const now = 1_796_385_600;
  const input = (secret: string, timestamp = now) => ({
    id: 'msg-1',
    timestamp: String(timestamp),
    signature: signWebhook(secret, 'msg-1', timestamp, body),
    body,
  });

  it('keys a plain secret by UTF-8', () => {
    expect(verifyWebhookSignature('cb-hmac-secret-0001', input('cb-hmac-secret-0001'), { nowSeconds: now })).toBeUndefined();
  });

  it('accepts any matching v1 entry', () => {
    const signed = input(SECRET);
    const signature = `v1,AAAA ${signed.signature}`;
    expect(verifyWebhookSignature(SECRET, { ...signed, signature }, { nowSeconds: now })).toBeUndefined();
  });

  it('checks the timestamp only when asked', () => {
    const old = input(SECRET, now - 1000);
    expect(verifyWebhookSignature(SECRET, old, { nowSeconds: now })).toBeUndefined();
    expect(verifyWebhookSignature(SECRET, old, { nowSeconds: now, maxClockSkewSeconds: 300 })).toContain('1000 s');
  });

  it('names a missing header', () => {
    expect(verifyWebhookSignature(SECRET, { ...input(SECRET), id: undefined }, { nowSeconds: now })).toBe(
      'the webhook-id header is missing',
    );
    expect(verifyWebhookSignature(SECRET, { ...input(SECRET), signature: undefined }, { nowSeconds: now })).toBe(
      'the webhook-signature header is missing',
    );
  });
});

describe('receiver scripted failures', () => {
  async function outcomes(seed: number): Promise<string[]> {
    const receiver = await startReceiver({ failRate: 0.5, seed });
    for (let index = 0; index < 12; index += 1) {
      const body = { ...exampleBody(), message_id: `3e000000-0000-4000-8000-0000000000${String(index).padStart(2, '0')}` };
      await send(receiver, body);
    }
    const result = receiver.received().map((callback) => callback.outcome);
    await receiver.close();
    return result;
  }

  it('repeats fail-rate draws per seed', async () => {
    const first = await outcomes(7);
    const second = await outcomes(7);
    expect(first).toEqual(second);
    expect(first).toContain('failed');
    expect(first).toContain('accepted');
  });

  it('fails the first attempts per id', async () => {
    const receiver = await startReceiver({ failFirst: 2 });
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await send(receiver, exampleBody())).status);
    const other = await send(receiver, { ...exampleBody(), message_id: '3e000000-0000-4000-8000-0000000000ff' });
    await receiver.close();
    expect(statuses).toEqual([503, 503, 200]);
    expect(other.status).toBe(503);
  });
});

describe('receiver with the mock', () => {
  const mock = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });

  async function registerAt(receiver: RunningReceiver, token: string): Promise<void> {
    const response = await mock.current.post('/callbacks', [
      { url: `${receiver.url}/hooks/inventory`, message_type: 'skuInventoryChange', api_version: '1.0', token },
    ]);
    expect(response.body.results[0].status).toBe('success');
  }

  it('accepts a real callback from the mock', async () => {
    const secret = accountOf(mock.current).callbackSecret;
    const receiver = await startReceiver({ secret, token: 'cb-token' });
    await registerAt(receiver, 'cb-token');

    await adjust(mock.current, 'MUG-WHT', 2);
    const got = await receiver.waitFor((callbacks) => callbacks.length >= 1);
    await receiver.close();

    expect(got.map((callback) => callback.outcome)).toEqual(['accepted']);
    expect(got[0]?.problems).toEqual([]);
    expect((got[0]?.body as any).data[0].customer_identifier).toBe('MUG-WHT');
    expect((got[0]?.body as any).data[0].total_units).toBe(3);
  });

  it('shows the mock retrying', async () => {
    const secret = accountOf(mock.current).callbackSecret;
    const receiver = await startReceiver({ secret, failFirst: 2 });
    await registerAt(receiver, 'cb-token');

    await adjust(mock.current, 'MUG-WHT', 1, { location: F0.L1 });
    await runClock(mock.current, 120_000);
    const got = await receiver.waitFor((callbacks) => callbacks.length >= 3);
    await receiver.close();

    expect(got.map((callback) => `${callback.attempt} ${callback.outcome}`)).toEqual(['1 failed', '2 failed', '3 accepted']);
    expect(new Set(got.map((callback) => callback.messageId)).size).toBe(1);
  });

  it('rejects another secret’s signatures', async () => {
    const receiver = await startReceiver({ secret: 'whsec_b3RoZXItc2VjcmV0' });
    await registerAt(receiver, 'cb-token');
    await adjust(mock.current, 'MUG-WHT', 1);
    const got = await receiver.waitFor((callbacks) => callbacks.length >= 1);
    await receiver.close();
    expect(got[0]?.outcome).toBe('rejected');
    expect(got[0]?.status).toBe(401);
  });
});

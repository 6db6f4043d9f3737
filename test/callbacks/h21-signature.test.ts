import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { secretFromKey } from '../../src/callbacks/signing.js';
import { F0 } from '../support/fixtures.js';
import { CASE_NOW, startTestMock, type TestMock } from '../support/mock.js';
import { useReceiver, type ReceivedAttempt } from '../support/receiver.js';
import { accountOf, adjust, register, runClock, settle } from './helpers.js';

const KEY = 'cb-hmac-secret-0001';

const receiver = useReceiver();

function headerMap(attempt: ReceivedAttempt): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attempt.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
}

/** Verifies with the standardwebhooks package, its clock set to the attempt's timestamp. */
function verify(webhook: Webhook, raw: Buffer, attempt: ReceivedAttempt): unknown {
  const seconds = Number(attempt.headers['webhook-timestamp']);
  const now = vi.spyOn(Date, 'now').mockReturnValue(seconds * 1000);
  try {
    return webhook.verify(raw, headerMap(attempt));
  } finally {
    now.mockRestore();
  }
}

/** Sets the account's callback signing secret through the control plane. */
async function setSecret(mock: TestMock, secret: string): Promise<void> {
  const res = await mock.admin('PUT', `/accounts/${F0.account}/secret`, { callback_secret: secret });
  expect(res.status, res.text).toBe(200);
  expect(accountOf(mock).callbackSecret).toBe(secret);
}

function expectedSignature(attempt: ReceivedAttempt): string {
  const hmac = createHmac('sha256', Buffer.from(KEY, 'utf8'));
  hmac.update(`${attempt.headers['webhook-id']}.${attempt.headers['webhook-timestamp']}.`);
  hmac.update(attempt.raw);
  return `v1,${hmac.digest('base64')}`;
}

describe('H21 callback token and exact bytes', () => {
  let mock: TestMock;

  beforeAll(async () => {
    mock = await startTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });
  });

  afterAll(async () => {
    await mock.close();
  });

  it('signs every attempt over its raw bytes and sends the token', async () => {
    receiver.clear();
    receiver.script = (attempt) => (attempt.index === 0 ? { status: 503 } : { status: 200 });
    await register(mock, receiver, 'skuInventoryChange', { token: 'cb-token-0001' });
    await setSecret(mock, KEY);

    await adjust(mock, 'TEE-BLK-M', 1);
    await runClock(mock, 60_000);
    expect(receiver.attempts).toHaveLength(2);

    for (const attempt of receiver.attempts) {
      expect(attempt.headers.authorization).toBe('Bearer cb-token-0001');
      expect(attempt.headers['x-message-type']).toBe('skuInventoryChange');
      expect(attempt.headers['content-type']).toBe('application/json');
      expect(Number(attempt.headers['content-length'])).toBe(attempt.raw.byteLength);
      expect(attempt.text).toContain('Unit 4/5 & Dock B');
      expect(attempt.text).not.toContain('\\/');
      expect(attempt.text).not.toContain('\\u0026');
      expect(attempt.headers['webhook-signature']).toBe(expectedSignature(attempt));
    }

    const webhook = new Webhook(KEY, { format: 'raw' });
    const delivered = receiver.attempts[1]!;
    expect(verify(webhook, delivered.raw, delivered)).toEqual(delivered.body);

    const tampered = Buffer.from(delivered.raw);
    const index = tampered.indexOf('"total_units":85');
    expect(index).toBeGreaterThan(0);
    tampered[index + '"total_units":8'.length] = '6'.charCodeAt(0);
    expect(() => verify(webhook, tampered, delivered)).toThrow();
  });

  it('verifies with the whsec_ form of the same key', async () => {
    mock.running.mock.reset();
    mock.setClock(CASE_NOW);
    receiver.clear();
    receiver.script = () => ({ status: 200 });
    await register(mock, receiver);
    await setSecret(mock, secretFromKey(KEY));
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    await settle(mock);
    const attempt = receiver.attempts[0]!;
    expect(attempt.headers['webhook-signature']).toBe(expectedSignature(attempt));
    expect(verify(new Webhook(secretFromKey(KEY)), attempt.raw, attempt)).toEqual(attempt.body);
  });

  it('verifies with the fixture secret printed at start', async () => {
    mock.running.mock.reset();
    mock.setClock(CASE_NOW);
    receiver.clear();
    await register(mock, receiver);
    const secret = accountOf(mock).callbackSecret;
    expect(secret.startsWith('whsec_')).toBe(true);
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    const attempt = receiver.attempts[0]!;
    expect(verify(new Webhook(secret), attempt.raw, attempt)).toEqual(attempt.body);
  });
});

describe('H21 UTF-8 variant', () => {
  let mock: TestMock;

  beforeAll(async () => {
    mock = await startTestMock({ fixtureName: 'f0-cecile', clockAt: CASE_NOW });
  });

  afterAll(async () => {
    await mock.close();
  });

  it('sends Rue Sainte-Cécile 5 as UTF-8 and the signature verifies', async () => {
    receiver.clear();
    receiver.script = () => ({ status: 200 });
    await register(mock, receiver, 'skuInventoryChange', { token: 'cb-token-0001' });
    await setSecret(mock, KEY);

    await adjust(mock, 'GIFT BOX', 1, { location: F0.L2 });
    await receiver.waitForAttempts(1);
    await settle(mock);

    const attempt = receiver.attempts[0]!;
    expect(attempt.raw.includes(Buffer.from('Rue Sainte-C\u00e9cile 5', 'utf8'))).toBe(true);
    expect(attempt.raw.includes(Buffer.from([0xc3, 0xa9]))).toBe(true);
    expect(attempt.text).not.toContain('\\u00e9');
    const address = attempt.body.data[0].status_counts[0].inventory_location_address;
    expect(address).toBe('Test DC West | Rue Sainte-C\u00e9cile 5, Rivertown, ST 00002');
    expect(Number(attempt.headers['content-length'])).toBe(attempt.raw.byteLength);
    expect(attempt.raw.byteLength).toBeGreaterThan(attempt.text.length);
    expect(attempt.headers['webhook-signature']).toBe(expectedSignature(attempt));
    expect(verify(new Webhook(KEY, { format: 'raw' }), attempt.raw, attempt)).toEqual(attempt.body);
  });
});

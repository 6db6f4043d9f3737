import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadFixtureFile } from '../support/fixtures.js';
import { CASE_SECRET, startTestMock, type TestMock } from '../support/mock.js';

/** 2026-12-04T12:00:00Z in seconds: the mock's clock in these tests. */
const NOW = 1796385600;

let mock: TestMock;

beforeAll(async () => {
  const f0 = loadFixtureFile('f0');
  const acme = f0.accounts[0];
  if (!acme) throw new Error('f0.json has no account');
  mock = await startTestMock({
    fixtureFile: { accounts: [acme, { ...acme, slug: 'other-acct' }] },
    clockAt: '2026-12-04T12:00:00Z',
  });
});

afterAll(async () => {
  await mock.close();
});

async function sign(claims: Record<string, unknown>, secret = CASE_SECRET): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

const valid = { sub: 'integrator-01', account: 'acme-test', iat: NOW, exp: NOW + 3600 };

function unsigned(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

async function call(authorization: string | undefined, account = 'acme-test') {
  return mock.get('/inventory?cid=MUG-WHT', {
    account,
    ...(authorization === undefined ? { noAuth: true } : { headers: { authorization } }),
  });
}

describe('bearer tokens', () => {
  test('valid token passes', async () => {
    expect((await call(`Bearer ${await sign(valid)}`)).status).toBe(200);
  });

  test('scheme name is case-insensitive', async () => {
    expect((await call(`bearer ${await sign(valid)}`)).status).toBe(200);
  });

  const rejected: [string, () => Promise<string | undefined>, number, string][] = [
    ['missing header', async () => undefined, 401, 'TOKEN_MISSING'],
    ['Bearer with no token', async () => 'Bearer', 401, 'TOKEN_MISSING'],
    ['Basic credentials', async () => 'Basic dXNlcjpwYXNz', 401, 'TOKEN_MISSING'],
    ['expired a second ago', async () => `Bearer ${await sign({ ...valid, exp: NOW - 1 })}`, 401, 'TOKEN_EXPIRED'],
    ['expired 299 s ago', async () => `Bearer ${await sign({ ...valid, exp: NOW - 299 })}`, 401, 'TOKEN_EXPIRED'],
    ['not valid before later', async () => `Bearer ${await sign({ ...valid, nbf: NOW + 600 })}`, 401, 'TOKEN_INVALID'],
    ['alg none', async () => `Bearer ${unsigned(valid)}`, 401, 'TOKEN_INVALID'],
    ['garbage', async () => 'Bearer not-a-jwt', 401, 'TOKEN_INVALID'],
    ['wrong secret', async () => `Bearer ${await sign(valid, 'wrong-secret')}`, 403, 'SIGNATURE_INVALID'],
    ['other account claim', async () => `Bearer ${await sign({ ...valid, account: 'other-acct' })}`, 403, 'ACCOUNT_FORBIDDEN'],
  ];

  test.each(rejected)('%s is rejected', async (_name, header, status, code) => {
    const token = await header();
    const res = await call(token);
    expect(res.status).toBe(status);
    expect(res.body.message).toEqual(expect.any(String));
    expect(res.body.error.code).toBe(code);
    const raw = token?.split(' ')[1];
    if (raw && raw.length > 10) expect(res.text).not.toContain(raw);
  });

  test('expired token message says so', async () => {
    const res = await call(`Bearer ${await sign({ ...valid, exp: NOW - 1 })}`);
    expect(res.body.error.message).toContain('expired');
  });

  test('token for one account is 403 on another', async () => {
    const res = await call(`Bearer ${await sign(valid)}`, 'other-acct');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ACCOUNT_FORBIDDEN');
  });

  test('unknown account is 404 only after the signature checks out', async () => {
    expect((await call(`Bearer ${await sign(valid, 'wrong-secret')}`, 'nobody')).status).toBe(403);
    expect((await call(`Bearer ${await sign(valid)}`, 'nobody')).status).toBe(404);
  });

  test('expiry follows the mock clock', async () => {
    const token = `Bearer ${await sign(valid)}`;
    mock.setClock('2026-12-04T12:59:59Z');
    expect((await call(token)).status).toBe(200);
    mock.setClock('2026-12-04T13:00:00Z');
    expect((await call(token)).status).toBe(401);
    mock.setClock('2026-12-04T12:00:00Z');
  });
});

describe('auth modes', () => {
  test('any mode takes any non-empty token', async () => {
    const open = await startTestMock({ fixtureName: 'f0', auth: 'any' });
    try {
      expect((await open.get('/inventory?cid=MUG-WHT', { headers: { authorization: 'Bearer x' } })).status).toBe(200);
      expect((await open.get('/inventory?cid=MUG-WHT', { noAuth: true })).status).toBe(401);
    } finally {
      await open.close();
    }
  });

  test('none mode checks nothing but the account', async () => {
    const open = await startTestMock({ fixtureName: 'f0', auth: 'none' });
    try {
      expect((await open.get('/inventory?cid=MUG-WHT', { noAuth: true })).status).toBe(200);
      expect((await open.get('/inventory?cid=MUG-WHT', { noAuth: true, account: 'nobody' })).status).toBe(404);
    } finally {
      await open.close();
    }
  });
});

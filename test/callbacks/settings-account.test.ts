import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadFixtureFile } from '../support/fixtures.js';
import { startTestMock, type TestMock } from '../support/mock.js';

let mock: TestMock;

beforeAll(async () => {
  const [acme] = loadFixtureFile('f0').accounts;
  const [empty] = loadFixtureFile('f-empty').accounts;
  if (!acme || !empty) throw new Error('fixtures f0 and f-empty need an account each');
  mock = await startTestMock({ fixtureFile: { accounts: [acme, empty] } });
});

afterAll(async () => {
  await mock.close();
});

test('settings change needs an account when several exist', async () => {
  const res = await mock.admin('PUT', '/callbacks/settings', { maxAttempts: 2 });
  expect(res.status).toBe(400);
  expect(res.body.error.details[0].field).toBe('account');

  const before = await mock.admin('GET', '/callbacks/settings?account=acme-test');
  expect(before.body.maxAttempts).toBe(6);

  const named = await mock.admin('PUT', '/callbacks/settings?account=empty-test', { maxAttempts: 2 });
  expect(named.status).toBe(200);
  expect(named.body.maxAttempts).toBe(2);
  const other = await mock.admin('GET', '/callbacks/settings?account=acme-test');
  expect(other.body.maxAttempts).toBe(6);
});

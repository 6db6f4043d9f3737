import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/callbacks/types.js';
import { useMockWithReceiver } from '../support/harness.js';
import { CASE_NOW, type TestMock } from '../support/mock.js';
import { accountOf, adjust, messagesOf, register, runClock, settle } from './helpers.js';

const HOUR_MS = 3_600_000;

const harness = useMockWithReceiver({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = harness.receiver;
let mock: TestMock;

beforeAll(() => {
  mock = harness.mock;
});

describe('H20 callback timeout', () => {
  it('waits 3 s for a slow receiver under the default timeout', async () => {
    receiver.script = () => ({ status: 200, delayMs: 3_000 });
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    await settle(mock);
    const [message] = messagesOf(mock);
    expect(message?.state).toBe('delivered');
    expect(message?.attempts).toHaveLength(1);
    expect(message?.attempts[0]?.status).toBe(200);
    expect(message?.attempts[0]?.latency_ms).toBeGreaterThanOrEqual(2_900);

    await runClock(mock, 72 * HOUR_MS);
    expect(receiver.attempts).toHaveLength(1);
  });

  it('applies a 2 s timeout', async () => {
    await register(mock, receiver);
    const set = await mock.admin('PUT', '/callbacks/settings?account=acme-test', { timeoutMs: 2_000 });
    expect(set.body.timeoutMs).toBe(2_000);

    receiver.script = () => ({ status: 200, delayMs: 1_500 });
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    await settle(mock);
    const [fast] = messagesOf(mock);
    expect(fast?.state).toBe('delivered');
    expect(fast?.attempts).toHaveLength(1);

    receiver.script = () => ({ status: 200, delayMs: 2_500 });
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(2);
    await settle(mock);
    const slow = messagesOf(mock)[1];
    expect(slow?.attempts).toHaveLength(1);
    expect(slow?.attempts[0]?.error).toBe('timeout');
    expect(slow?.attempts[0]?.status).toBeUndefined();
    expect(slow?.state).toBe('pending');
    expect(slow?.nextAttemptAt).toBeDefined();

    const log = await mock.admin('GET', `/callbacks?account=acme-test&state=pending`);
    expect(log.body.messages[0].attempts[0].error).toBe('timeout');
    expect(log.body.messages[0].next_attempt_at).toBeDefined();
  });

  it('defaults the delivery timeout to 30 s under the name timeoutMs', async () => {
    expect(DEFAULT_SETTINGS.timeoutMs).toBe(30_000);
    expect(mock.running.server.callbacks.settings(accountOf(mock)).timeoutMs).toBe(30_000);
    const config = await mock.admin('GET', '/callbacks/settings');
    expect(config.body.timeoutMs).toBe(30_000);
  });

  it('rejects bad settings with details and changes nothing', async () => {
    const res = await mock.admin('PUT', '/callbacks/settings', { timeoutMs: 0, maxAttempts: 2.5, retries: 3 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_BODY');
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['maxAttempts', 'retries', 'timeoutMs']);
    expect(mock.running.server.callbacks.settings(accountOf(mock)).timeoutMs).toBe(30_000);
  });
});

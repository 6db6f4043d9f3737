import { beforeAll, describe, expect, it } from 'vitest';
import { parseRfc3339 } from '../../src/domain/time.js';
import { useMockWithReceiver } from '../support/harness.js';
import { CASE_NOW, type TestMock } from '../support/mock.js';
import { adjust, messagesOf, register, runClock, settle } from './helpers.js';

const HOUR_MS = 3_600_000;

const harness = useMockWithReceiver({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = harness.receiver;
let mock: TestMock;

beforeAll(() => {
  mock = harness.mock;
});

describe('H10 bounded retries', () => {
  it('retries MUG-WHT exactly N times within the backoff range, without blocking GIFT BOX', async () => {
    receiver.script = (attempt) => (attempt.text.includes('MUG-WHT') ? { status: 500 } : { status: 200 });
    await register(mock, receiver);
    const config = await mock.admin('GET', '/callbacks/settings?account=acme-test');
    expect(config.status).toBe(200);
    const { maxAttempts, baseDelayMs, maxDelayMs, timeoutMs } = config.body;
    expect([maxAttempts, baseDelayMs, maxDelayMs, timeoutMs]).toEqual([6, 1000, 60_000, 30_000]);

    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    await settle(mock);
    await adjust(mock, 'GIFT BOX', 1, { location: '0a5c1f0e-0000-4000-8000-000000000002' });
    await receiver.waitFor(() => receiver.attempts.some((a) => a.text.includes('GIFT BOX')));
    await settle(mock);

    const [mug, gift] = messagesOf(mock);
    expect(gift?.customerIdentifiers).toEqual(['GIFT BOX']);
    expect(gift?.state).toBe('delivered');
    expect(gift?.attempts).toHaveLength(1);
    expect(mug?.state).toBe('pending');

    await runClock(mock, 72 * HOUR_MS);

    const mugAttempts = receiver.attempts.filter((a) => a.text.includes('MUG-WHT'));
    expect(mugAttempts).toHaveLength(maxAttempts);
    expect(mug?.attempts).toHaveLength(maxAttempts);
    expect(mug?.state).toBe('dead');

    for (let n = 1; n < maxAttempts; n++) {
      const gapMs = (mug!.attempts[n]!.at - mug!.attempts[n - 1]!.at) / 1000;
      expect(gapMs).toBeGreaterThanOrEqual(0);
      expect(gapMs).toBeLessThanOrEqual(Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1)));
    }

    const log = await mock.admin('GET', '/callbacks?account=acme-test&state=dead');
    expect(log.body.messages).toHaveLength(1);
    const entry = log.body.messages[0];
    expect(entry.id).toBe(mug?.id);
    expect(entry.state).toBe('dead');
    expect(entry.attempts).toHaveLength(maxAttempts);
    for (const attempt of entry.attempts) {
      expect(attempt.status).toBe(500);
      expect(parseRfc3339(attempt.at)).toBeDefined();
    }
    expect(entry.next_attempt_at).toBeUndefined();

    await runClock(mock, 24 * HOUR_MS);
    expect(receiver.attempts.filter((a) => a.text.includes('MUG-WHT'))).toHaveLength(maxAttempts);
    const later = await mock.admin('GET', '/callbacks?state=dead');
    expect(later.body.messages.map((m: { id: string }) => m.id)).toEqual([mug?.id]);
  });

  it('delivers on attempt 3 after two 500s', async () => {
    receiver.script = (attempt) => (attempt.index < 2 ? { status: 500 } : { status: 200 });
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await runClock(mock, 72 * HOUR_MS);
    expect(receiver.attempts).toHaveLength(3);
    const [message] = messagesOf(mock);
    expect(message?.state).toBe('delivered');
    expect(message?.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
  });
});

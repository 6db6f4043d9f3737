import { beforeAll, describe, expect, it } from 'vitest';
import { useMockWithReceiver } from '../support/harness.js';
import { CASE_NOW, type TestMock } from '../support/mock.js';
import { accountOf, adjust, messagesOf, register, settle } from './helpers.js';

const harness = useMockWithReceiver({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = harness.receiver;
let mock: TestMock;

beforeAll(() => {
  mock = harness.mock;
});

describe('callback chaos settings', () => {
  it('sends a duplicate of a delivered message', async () => {
    await register(mock, receiver);
    await mock.admin('PUT', '/callbacks/settings', { duplicateProbability: 1 });
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(2);
    await settle(mock);
    expect(receiver.attempts).toHaveLength(2);
    expect(receiver.attempts[1]!.body.message_id).toBe(receiver.attempts[0]!.body.message_id);
    expect(receiver.attempts[1]!.text).toBe(receiver.attempts[0]!.text);
    const [message] = messagesOf(mock);
    expect(message?.state).toBe('delivered');
    expect(message?.attempts.map((a) => a.duplicate ?? false)).toEqual([false, true]);
  });

  it('delays every attempt by extraDelayMs on the clock', async () => {
    await register(mock, receiver);
    await mock.admin('PUT', '/callbacks/settings', { extraDelayMs: 5_000 });
    await adjust(mock, 'MUG-WHT', 1);
    await settle(mock);
    expect(receiver.attempts).toHaveLength(0);
    mock.advance(4_999);
    await settle(mock);
    expect(receiver.attempts).toHaveLength(0);
    mock.advance(1);
    await receiver.waitForAttempts(1);
    await settle(mock);
    const [message] = messagesOf(mock);
    expect(message?.attempts[0]?.at).toBe(accountOf(mock).clock.now());
  });
});

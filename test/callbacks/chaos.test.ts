import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CASE_NOW, startTestMock, type TestMock } from '../support/mock.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { accountOf, adjust, messagesOf, register, settle } from './helpers.js';

let mock: TestMock;
let receiver: Receiver;

beforeAll(async () => {
  mock = await startTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });
  receiver = await startReceiver();
});

afterAll(async () => {
  await mock.close();
  await receiver.close();
});

beforeEach(() => {
  mock.running.mock.reset();
  mock.setClock(CASE_NOW);
  receiver.clear();
  receiver.script = () => ({ status: 200 });
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

import { beforeAll, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/callbacks/delivery.js';
import { DEFAULT_SETTINGS } from '../../src/callbacks/types.js';
import { parseRfc3339 } from '../../src/domain/time.js';
import { F0 } from '../support/fixtures.js';
import { useMockWithReceiver } from '../support/harness.js';
import { CASE_NOW, type TestMock } from '../support/mock.js';
import { accountOf, adjust, messagesOf, register, runClock, settle } from './helpers.js';

const harness = useMockWithReceiver({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = harness.receiver;
let mock: TestMock;

beforeAll(() => {
  mock = harness.mock;
});

describe('skuInventoryChange delivery', () => {
  it('sends the documented body and headers', async () => {
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 2);
    await receiver.waitForAttempts(1);
    await settle(mock);

    const attempt = receiver.attempts[0]!;
    expect(attempt.method).toBe('POST');
    expect(attempt.path).toBe('/hooks/inventory');
    expect(attempt.headers['content-type']).toBe('application/json');
    expect(attempt.headers['x-message-type']).toBe('skuInventoryChange');
    expect(attempt.headers['x-message-id']).toBe(attempt.body.message_id);
    expect(attempt.headers['webhook-id']).toBe(attempt.body.message_id);
    expect(attempt.headers['webhook-timestamp']).toBe(String(parseRfc3339(CASE_NOW)! / 1e6));
    expect(attempt.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(attempt.headers.authorization).toBeUndefined();
    expect(Number(attempt.headers['content-length'])).toBe(attempt.raw.length);

    expect(Object.keys(attempt.body)).toEqual(['callback_url', 'message_type', 'message_id', 'api_version', 'data']);
    expect(attempt.body.callback_url).toBe(`${receiver.url}/hooks/inventory`);
    expect(attempt.body.api_version).toBe('1.0');
    expect(attempt.body.data).toHaveLength(1);
    const record = attempt.body.data[0];
    expect(record.customer_identifier).toBe('MUG-WHT');
    expect(record.total_units).toBe(3);
    expect(record.total_available_to_sell).toBe(3);
    expect(record.inventory_events).toHaveLength(1);
    expect(record.inventory_events[0].quantity).toBe(2);

    const [message] = messagesOf(mock);
    expect(message?.state).toBe('delivered');
    expect(message?.attempts).toHaveLength(1);
  });

  it('echoes api_version 2.0 with the same body shape', async () => {
    await register(mock, receiver, 'skuInventoryChange', { api_version: '2.0' });
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    expect(receiver.attempts[0]!.body.api_version).toBe('2.0');
    expect(receiver.attempts[0]!.body.data[0].status_counts).toBeInstanceOf(Array);
  });

  it('sends nothing and counts the notice without a registration', async () => {
    await adjust(mock, 'MUG-WHT', 1);
    await settle(mock);
    const log = mock.running.server.callbacks.log(accountOf(mock));
    expect(log.messages).toEqual([]);
    expect(log.skipped_no_registration).toBe(1);
    expect(receiver.attempts).toHaveLength(0);
  });

  it('batches the records of one request into one message', async () => {
    await register(mock, receiver);
    await mock.post('/inventory_adjustments', [
      { customer_identifier: 'MUG-WHT', inventory_location_id: F0.L1, inventory_status: 'available', adjustment_quantity: 1, adjustment_reason: 'correction' },
      { customer_identifier: 'GIFT BOX', inventory_location_id: F0.L2, inventory_status: 'available', adjustment_quantity: 1, adjustment_reason: 'correction' },
      { customer_identifier: 'MUG-WHT', inventory_location_id: F0.L1, inventory_status: 'available', adjustment_quantity: 1, adjustment_reason: 'correction' },
    ]);
    await receiver.waitForAttempts(1);
    await settle(mock);
    expect(receiver.attempts).toHaveLength(1);
    const data = receiver.attempts[0]!.body.data;
    expect(data.map((r: { customer_identifier: string }) => r.customer_identifier)).toEqual(['MUG-WHT', 'GIFT BOX']);
    expect(data[0].total_units).toBe(3);
    expect(data[0].inventory_events).toHaveLength(2);
  });

  it('splits messages at maxSkusPerMessage', async () => {
    await register(mock, receiver);
    mock.running.server.callbacks.settings(accountOf(mock)).maxSkusPerMessage = 1;
    await mock.post('/inventory_adjustments', [
      { customer_identifier: 'MUG-WHT', inventory_location_id: F0.L1, inventory_status: 'available', adjustment_quantity: 1, adjustment_reason: 'correction' },
      { customer_identifier: 'GIFT BOX', inventory_location_id: F0.L2, inventory_status: 'available', adjustment_quantity: 1, adjustment_reason: 'correction' },
    ]);
    await receiver.waitForAttempts(2);
    expect(receiver.attempts.map((a) => a.body.data.length)).toEqual([1, 1]);
  });
});

describe('retries', () => {
  it('retries a receiver that fails the first 2 attempts, then delivers', async () => {
    receiver.script = (attempt) => (attempt.index < 2 ? { status: 503 } : { status: 200 });
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await runClock(mock, 60_000);
    expect(receiver.attempts).toHaveLength(3);
    const ids = new Set(receiver.attempts.map((a) => a.body.message_id));
    expect(ids.size).toBe(1);
    const bodies = new Set(receiver.attempts.map((a) => a.text));
    expect(bodies.size).toBe(1);
    const [message] = messagesOf(mock);
    expect(message?.state).toBe('delivered');
    expect(message?.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
  });

  it('waits for the manual clock before a retry', async () => {
    receiver.script = (attempt) => (attempt.index === 0 ? { status: 500 } : { status: 200 });
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    await settle(mock);
    const [message] = messagesOf(mock);
    expect(message?.state).toBe('pending');
    const due = message!.nextAttemptAt!;
    expect(due).toBeGreaterThanOrEqual(parseRfc3339(CASE_NOW)!);
    expect(due).toBeLessThanOrEqual(parseRfc3339(CASE_NOW)! + 1_000_000);

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.attempts).toHaveLength(1);

    const account = accountOf(mock);
    account.clock.set(due);
    await receiver.waitForAttempts(2);
    await settle(mock);
    expect(message?.state).toBe('delivered');
    expect(message?.attempts[1]?.at).toBe(due);
  });

  it('records a connection reset as a connection error and retries', async () => {
    receiver.script = (attempt) => (attempt.index === 0 ? { reset: true } : { status: 200 });
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await runClock(mock, 10_000);
    const [message] = messagesOf(mock);
    expect(message?.attempts[0]?.status).toBeUndefined();
    expect(message?.attempts[0]?.error).toMatch(/^connection_error: /);
    expect(message?.state).toBe('delivered');
  });

  it('retries a 410 like any other failure', async () => {
    receiver.script = (attempt) => (attempt.index === 0 ? { status: 410 } : { status: 204 });
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await runClock(mock, 10_000);
    const [message] = messagesOf(mock);
    expect(message?.attempts.map((a) => a.status)).toEqual([410, 204]);
    expect(message?.state).toBe('delivered');
  });

  it('times out a hanging receiver after timeoutMs and retries', async () => {
    receiver.script = (attempt) => (attempt.index === 0 ? { hang: true } : { status: 200 });
    await register(mock, receiver);
    mock.running.server.callbacks.settings(accountOf(mock)).timeoutMs = 200;
    await adjust(mock, 'MUG-WHT', 1);
    await runClock(mock, 10_000);
    const [message] = messagesOf(mock);
    expect(message?.attempts[0]?.error).toBe('timeout');
    expect(message?.attempts[0]?.latency_ms).toBeGreaterThanOrEqual(190);
    expect(message?.attempts[1]?.status).toBe(200);
    expect(message?.state).toBe('delivered');
  });

  it('dead-letters after the last attempt and redelivers from the log', async () => {
    receiver.script = () => ({ status: 500 });
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await runClock(mock, 3_600_000);
    expect(receiver.attempts).toHaveLength(DEFAULT_SETTINGS.maxAttempts);
    const [message] = messagesOf(mock);
    expect(message?.state).toBe('dead');

    const log = await mock.admin('GET', '/callbacks?state=dead');
    expect(log.status).toBe(200);
    expect(log.body.messages).toHaveLength(1);
    const entry = log.body.messages[0];
    expect(entry.id).toBe(message?.id);
    expect(entry.account).toBe(F0.account);
    expect(entry.message_type).toBe('skuInventoryChange');
    expect(entry.attempts).toHaveLength(6);
    expect(entry.attempts.every((a: { status: number }) => a.status === 500)).toBe(true);
    expect(entry.dead_at).toBeDefined();

    receiver.script = () => ({ status: 200 });
    const again = await mock.admin('POST', `/callbacks/${message?.id}/redeliver`);
    expect(again.status).toBe(200);
    await receiver.waitForAttempts(7);
    await settle(mock);
    expect(message?.state).toBe('delivered');
    expect(message?.redeliveries).toBe(1);
    expect(receiver.attempts[6]?.body.message_id).toBe(message?.id);
  });

  it('redelivers to the URL registered since', async () => {
    receiver.script = () => ({ status: 500 });
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await runClock(mock, 3_600_000);
    const [message] = messagesOf(mock);
    expect(message?.state).toBe('dead');

    receiver.script = (attempt) => ({ status: attempt.path === '/hooks/fixed' ? 200 : 500 });
    const fixed = await mock.post('/callbacks', [
      { url: `${receiver.url}/hooks/fixed`, message_type: 'skuInventoryChange', token: 'new-token' },
    ]);
    expect(fixed.body.results[0].status).toBe('success');

    const again = await mock.admin('POST', `/callbacks/${message?.id}/redeliver`);
    expect(again.status).toBe(200);
    await receiver.waitForAttempts(7);
    await settle(mock);

    const last = receiver.attempts[6];
    expect(last?.path).toBe('/hooks/fixed');
    expect(last?.body.callback_url).toBe(`${receiver.url}/hooks/fixed`);
    expect(last?.body.message_id).toBe(message?.id);
    expect(last?.headers.authorization).toBe('Bearer new-token');
    expect(message?.state).toBe('delivered');
  });

  it('answers 404 MESSAGE_NOT_FOUND for a redelivery of an unknown message', async () => {
    const res = await mock.admin('POST', '/callbacks/3e000000-0000-4000-8000-000000000099/redeliver');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('MESSAGE_NOT_FOUND');
  });

  it('keeps backoff delays within full-jitter bounds', () => {
    let calls = 0;
    const highest = () => {
      calls += 1;
      return 0.999999;
    };
    const bounds = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(DEFAULT_SETTINGS, n, highest));
    expect(calls).toBe(8);
    const caps = [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000];
    bounds.forEach((delay, index) => {
      expect(delay).toBeLessThan(caps[index]!);
      expect(delay).toBeGreaterThan(caps[index]! * 0.999);
    });
    expect(retryDelayMs(DEFAULT_SETTINGS, 3, () => 0)).toBe(0);
  });
});

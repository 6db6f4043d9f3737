import { beforeAll, describe, expect, it } from 'vitest';
import { useMockWithReceiver } from '../support/harness.js';
import { CASE_NOW, type TestMock } from '../support/mock.js';
import { adjust, register, settle } from './helpers.js';

const harness = useMockWithReceiver({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = harness.receiver;
let mock: TestMock;

beforeAll(() => {
  mock = harness.mock;
});

describe('RunningMock.callbacks', () => {
  it('resolves expect with a message delivered earlier', async () => {
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    await settle(mock);
    const message = await mock.running.callbacks.expect({ type: 'skuInventoryChange', cid: 'MUG-WHT' }, { within: 100 });
    expect(message.body.data[0].customer_identifier).toBe('MUG-WHT');
    expect(message.raw).toBe(receiver.attempts[0]!.text);
    expect(message.id).toBe(receiver.attempts[0]!.body.message_id);
    expect(message.attempts).toBe(1);
  });

  it('resolves expect with a message delivered later', async () => {
    await register(mock, receiver);
    const waiting = mock.running.callbacks.expect(
      { type: 'skuInventoryChange', match: (body) => body.data[0].total_units === 5 },
      { within: 2_000 },
    );
    await adjust(mock, 'MUG-WHT', 1);
    await adjust(mock, 'MUG-WHT', 3);
    const message = await waiting;
    expect(message.body.data[0].total_units).toBe(5);
  });

  it('rejects expect after within ms, listing what arrived', async () => {
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    await settle(mock);
    await expect(
      mock.running.callbacks.expect({ type: 'skuInventoryChange', cid: 'TEE-BLK-M' }, { within: 50 }),
    ).rejects.toThrow(/TEE-BLK-M[\s\S]*skuInventoryChange .* delivered \[MUG-WHT\]/);
  });

  it('returns the log of the default account', async () => {
    await register(mock, receiver);
    await adjust(mock, 'MUG-WHT', 1);
    await receiver.waitForAttempts(1);
    await settle(mock);
    const log = mock.running.callbacks.log();
    expect(log.account).toBe('acme-test');
    expect(log.messages).toHaveLength(1);
    expect(log.messages[0]).toMatchObject({ state: 'delivered', message_type: 'skuInventoryChange', customer_identifiers: ['MUG-WHT'] });
    expect(() => mock.running.callbacks.log('nobody')).toThrow(/nobody/);
  });
});

describe('delivery log route', () => {
  it('filters by account, state and message type', async () => {
    await register(mock, receiver);
    await register(mock, receiver, 'snapshotReady');
    receiver.script = (attempt) => (attempt.headers['x-message-type'] === 'snapshotReady' ? { status: 500 } : { status: 200 });
    await adjust(mock, 'MUG-WHT', 1);
    mock.running.server.callbacks.send(mock.running.mock.account('acme-test')!, 'snapshotReady', { snapshot_request_id: 'x' });
    await receiver.waitForAttempts(2);
    await settle(mock);

    const all = await mock.admin('GET', '/callbacks?account=acme-test');
    expect(all.body.total).toBe(2);
    const pending = await mock.admin('GET', '/callbacks?state=pending');
    expect(pending.body.messages.map((m: { message_type: string }) => m.message_type)).toEqual(['snapshotReady']);
    expect(pending.body.messages[0].next_attempt_at).toBeDefined();
    const inventory = await mock.admin('GET', '/callbacks?message_type=skuInventoryChange');
    expect(inventory.body.messages).toHaveLength(1);
    expect(inventory.body.messages[0].attempts[0]).toMatchObject({ attempt: 1, status: 200 });
    expect(typeof inventory.body.messages[0].attempts[0].latency_ms).toBe('number');
  });

  it('rejects unknown query values', async () => {
    const cases = ['/callbacks?state=lost', '/callbacks?message_type=SnapshotReady', '/callbacks?acount=x', '/callbacks?limit=0'];
    for (const path of cases) {
      const res = await mock.admin('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('INVALID_QUERY');
    }
    const unknown = await mock.admin('GET', '/callbacks?account=nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  });
});

describe('RunningMock.callbacks.expect errors', () => {
  it('rejects when match throws', async () => {
    await register(mock, receiver);
    const waiting = mock.running.callbacks.expect(
      {
        type: 'skuInventoryChange',
        match: () => {
          throw new Error('match failed');
        },
      },
      { within: 2_000 },
    );
    await adjust(mock, 'MUG-WHT', 1);
    await expect(waiting).rejects.toThrow('match failed');
    await settle(mock);
    expect(mock.running.callbacks.log().messages[0]).toMatchObject({ state: 'delivered' });
  });
});

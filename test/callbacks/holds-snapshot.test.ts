import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useMockWithReceiver } from '../support/harness.js';
import { CASE_NOW, type TestMock } from '../support/mock.js';
import { adjust, register, settle } from './helpers.js';

const harness = useMockWithReceiver({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = harness.receiver;
let mock: TestMock;

beforeAll(() => {
  mock = harness.mock;
});

beforeEach(async () => {
  const set = await mock.admin('PUT', '/accounts/acme-test/snapshots', { delayMs: 0, perThousandMs: 0 });
  expect(set.status).toBe(200);
});

function holds(method: 'POST' | 'DELETE', type: string) {
  return mock.api(method, '/callback_holds', {
    headers: { 'content-type': 'application/json' },
    raw: JSON.stringify([{ message_type: type }]),
  });
}

describe('H11 snapshotReady under holds', () => {
  it('delivers snapshotReady while skuInventoryChange is held', async () => {
    await register(mock, receiver);
    await register(mock, receiver, 'snapshotReady');
    expect((await holds('POST', 'skuInventoryChange')).body.results[0].status).toBe('success');
    await adjust(mock, 'TEE-BLK-M', 1);

    const requested = await mock.post('/snapshot_request', { snapshot_type: 'full' });
    expect(requested.status).toBe(200);
    await receiver.waitFor(() => receiver.ofType('snapshotReady').length === 1);
    await settle(mock);
    expect(receiver.ofType('snapshotReady')[0]?.body.data.snapshot_request_id).toBe(requested.body.snapshot_request_id);
    expect(receiver.ofType('skuInventoryChange')).toHaveLength(0);
  });

  it('holds snapshotReady until release, then sends it once', async () => {
    await register(mock, receiver);
    await register(mock, receiver, 'snapshotReady');
    expect((await holds('POST', 'snapshotReady')).body.results[0].status).toBe('success');

    const requested = await mock.post('/snapshot_request', { snapshot_type: 'full' });
    const id = requested.body.snapshot_request_id;
    const job = await mock.get(`/snapshot_request/${id}`);
    expect(job.body.status).toBe('complete');
    await settle(mock);
    expect(receiver.ofType('snapshotReady')).toHaveLength(0);

    expect((await holds('DELETE', 'snapshotReady')).body.results[0].status).toBe('success');
    await receiver.waitFor(() => receiver.ofType('snapshotReady').length === 1);
    mock.advance(3_600_000);
    await settle(mock);
    const arrived = receiver.ofType('snapshotReady');
    expect(arrived).toHaveLength(1);
    expect(arrived[0]?.body.data.snapshot_request_id).toBe(id);
  });
});

describe('H12 snapshot without and with a registration', () => {
  it('notes the missing registration and sends nothing', async () => {
    const requested = await mock.post('/snapshot_request', { snapshot_type: 'full' });
    expect(requested.status).toBe(200);
    expect(requested.body.status).toBe('processing');
    expect(requested.body.notice).toBeDefined();
    expect(requested.body.callback_registered).toBe(false);
    const job = await mock.get(`/snapshot_request/${requested.body.snapshot_request_id}`);
    expect(job.body.status).toBe('complete');
    expect(job.body.download_url).toBeDefined();
    expect(job.body.expires_at).toBeDefined();
    expect(job.body.record_count).toBe(8);
    await settle(mock);
    expect(receiver.attempts).toHaveLength(0);
    expect(mock.running.callbacks.log().skipped_no_registration).toBe(1);
  });

  it('sends snapshotReady once it is registered', async () => {
    await register(mock, receiver, 'snapshotReady');
    const requested = await mock.post('/snapshot_request', { snapshot_type: 'full' });
    expect(requested.status).toBe(200);
    expect(requested.body.notice).toBeUndefined();
    const message = await mock.running.callbacks.expect(
      { type: 'snapshotReady', match: (body) => body.data.snapshot_request_id === requested.body.snapshot_request_id },
      { within: 5_000 },
    );
    expect(message.body.message_type).toBe('snapshotReady');
    expect(receiver.ofType('snapshotReady')[0]?.body.data.snapshot_request_id).toBe(requested.body.snapshot_request_id);
  });
});

import { beforeEach, describe, expect, test } from 'vitest';
import { CASE_NOW, useTestMock, type TestMock } from '../support/mock.js';
import { useReceiver } from '../support/receiver.js';
import {
  getSnapshot,
  readyAttempts,
  registerSnapshotReady,
  requestSnapshot,
  setSnapshotSettings,
  startSnapshot,
  UTC_MICROS,
  waitForReady,
} from './helpers.js';

const mock = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = useReceiver();

beforeEach(async () => {
  await setSnapshotSettings(mock.current, { delayMs: 0, perThousandMs: 0 });
});

async function register(m: TestMock, path: string, messageType: string): Promise<void> {
  const res = await m.post('/callbacks', [{ url: `${receiver.url}${path}`, message_type: messageType, api_version: '1.0' }]);
  expect(res.status).toBe(200);
  expect(res.body.results[0].status, res.text).toBe('success');
}

async function setHold(m: TestMock, method: 'POST' | 'DELETE', messageType: string): Promise<void> {
  const res = await m.api(method, '/callback_holds', {
    headers: { 'content-type': 'application/json' },
    raw: JSON.stringify([{ message_type: messageType }]),
  });
  expect(res.status, res.text).toBe(200);
}

/** Waits until the mock has no callback request in flight. */
function callbacksIdle(m: TestMock): Promise<void> {
  return m.running.server.callbacks.idle();
}

describe('snapshots under callback holds', () => {
  beforeEach(async () => {
    await register(mock.current, '/hooks/inventory', 'skuInventoryChange');
    await registerSnapshotReady(mock.current, receiver);
  });

  test('snapshotReady is delivered while skuInventoryChange is held', async () => {
    const m = mock.current;
    await setHold(m, 'POST', 'skuInventoryChange');

    const id = await startSnapshot(m, { snapshot_type: 'full' });
    const data = await waitForReady(receiver, id);
    expect(data.status).toBe('complete');
    expect(data.record_count).toBe(8);
  });

  test('a held snapshotReady arrives once on release', async () => {
    const m = mock.current;
    await setHold(m, 'POST', 'snapshotReady');

    const id = await startSnapshot(m, { snapshot_type: 'full' });
    const view = await getSnapshot(m, id);
    expect(view.body.status).toBe('complete');
    await callbacksIdle(m);
    expect(readyAttempts(receiver)).toHaveLength(0);

    await setHold(m, 'DELETE', 'snapshotReady');
    const data = await waitForReady(receiver, id);
    await callbacksIdle(m);
    expect(readyAttempts(receiver)).toHaveLength(1);
    expect(data.download_url).toBe(view.body.download_url);
    expect(data.record_count).toBe(8);
  });
});

describe('snapshots and callback registration', () => {
  test('without a registration the answer carries a notice', async () => {
    const m = mock.current;
    const res = await requestSnapshot(m, { snapshot_type: 'full' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('processing');
    expect(res.body.callback_registered).toBe(false);
    expect(res.body.notice).toBeTypeOf('string');
    expect(res.body.notice).toContain('snapshotReady');

    const view = (await getSnapshot(m, res.body.snapshot_request_id)).body;
    expect(view.status).toBe('complete');
    expect(view.download_url).toBeTypeOf('string');
    expect(view.expires_at).toMatch(UTC_MICROS);
    expect(view.record_count).toBe(8);
    await callbacksIdle(m);
    expect(receiver.attempts).toHaveLength(0);
  });

  test('with a registration the callback arrives and the notice is gone', async () => {
    const m = mock.current;
    await registerSnapshotReady(m, receiver);
    await register(m, '/hooks/orders', 'orderEvent');

    const res = await requestSnapshot(m, { snapshot_type: 'full' });
    expect(res.status).toBe(200);
    expect(res.body.notice).toBeUndefined();
    expect(res.body.callback_registered).toBe(true);

    const id = res.body.snapshot_request_id;
    await waitForReady(receiver, id);
    await callbacksIdle(m);
    const [attempt] = readyAttempts(receiver);
    expect(attempt?.path).toBe('/hooks/snapshot');
    expect(attempt?.body.message_type).toBe('snapshotReady');
    expect(attempt?.body.data.snapshot_request_id).toBe(id);
    expect(receiver.attempts).toHaveLength(1);
  });
});

import { beforeEach, describe, expect, test } from 'vitest';
import { CASE_NOW, useTestMock } from '../support/mock.js';
import { useReceiver } from '../support/receiver.js';
import {
  getSnapshot,
  readyAttempts,
  registerSnapshotReady,
  requestSnapshot,
  setSnapshotSettings,
  startSnapshot,
  UUID,
  waitForReady,
} from './helpers.js';

const mock = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = useReceiver();

beforeEach(async () => {
  await registerSnapshotReady(mock.current, receiver);
  await setSnapshotSettings(mock.current, { delayMs: 60_000, perThousandMs: 0 });
});

describe('snapshot jobs', () => {
  test('response comes before its callback', async () => {
    const m = mock.current;
    const res = await requestSnapshot(m, { snapshot_type: 'full' });

    expect(res.status).toBe(200);
    expect(res.body.snapshot_request_id).toMatch(UUID);
    expect(res.body.status).toBe('processing');
    expect(res.body.snapshot_type).toBe('full');
    expect(res.body.snapshot_as_of_date).toBe('2026-12-04T12:00:00.000000Z');
    expect(res.body.estimated_completion).toBe('2026-12-04T12:01:00.000000Z');
    expect(res.body.notice).toBeUndefined();
    expect(res.body.callback_registered).toBe(true);
    expect(readyAttempts(receiver)).toHaveLength(0);
  });

  test('snapshotReady arrives at the estimated completion, not before', async () => {
    const m = mock.current;
    const id = await startSnapshot(m, { snapshot_type: 'full' });

    m.advance(59_000);
    expect((await getSnapshot(m, id)).body.status).toBe('processing');
    expect(readyAttempts(receiver)).toHaveLength(0);

    m.advance(999);
    expect((await getSnapshot(m, id)).body.status).toBe('processing');
    expect(readyAttempts(receiver)).toHaveLength(0);

    m.advance(1);
    const data = await waitForReady(receiver, id);
    expect(readyAttempts(receiver)).toHaveLength(1);
    expect(data.snapshot_request_id).toBe(id);
    expect(data.snapshot_id).toBe(id);
    expect(data.snapshot_type).toBe('full');
    expect(data.snapshot_as_of_date).toBe('2026-12-04T12:00:00.000000Z');
    expect(data.requested_at).toBe('2026-12-04T12:00:00.000000Z');
    expect(data.status).toBe('complete');
    expect(data.record_count).toBe(8);
    expect(data.download_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/acme-test\/api\/v1\/snapshot_download\//);
    expect(data.expires_at).toBe('2026-12-05T00:01:00.000000Z');

    const view = (await getSnapshot(m, id)).body;
    expect(view.status).toBe('complete');
    expect(view.download_url).toBe(data.download_url);
    expect(view.expires_at).toBe(data.expires_at);
    expect(view.record_count).toBe(8);
  });

  test('a second request while one processes is 409', async () => {
    const m = mock.current;
    const first = await startSnapshot(m, { snapshot_type: 'full' });
    m.advance(60_000);
    await waitForReady(receiver, first);

    const running = await startSnapshot(m, { snapshot_type: 'full' });
    const second = await requestSnapshot(m, { snapshot_type: 'full' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('SNAPSHOT_IN_PROGRESS');
    expect(second.body.error.snapshot_request_id).toBe(running);

    m.advance(60_000);
    await waitForReady(receiver, running);
    expect(readyAttempts(receiver).map((attempt) => attempt.body.data.snapshot_request_id)).toEqual([first, running]);
  });

  test('bad snapshot types are 400 and start nothing', async () => {
    const m = mock.current;
    const partial = await requestSnapshot(m, { snapshot_type: 'partial' });
    expect(partial.status).toBe(400);
    expect(partial.body.error.code).toBe('INVALID_SNAPSHOT_TYPE');
    expect(partial.body.error.details[0].field).toBe('snapshot_type');

    const missing = await requestSnapshot(m, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('INVALID_SNAPSHOT_TYPE');
    expect(missing.body.error.details[0].field).toBe('snapshot_type');

    for (const value of ['Full', 'FULL', ' full', 1, null, true, ['full']]) {
      const res = await requestSnapshot(m, { snapshot_type: value });
      expect(res.status, JSON.stringify(value)).toBe(400);
      expect(res.body.error.code).toBe('INVALID_SNAPSHOT_TYPE');
    }

    const delta = await requestSnapshot(m, { snapshot_type: 'delta' });
    expect(delta.status).toBe(200);
    expect(delta.body.snapshot_type).toBe('delta');
  });

  test('bodies that are not one object are 400', async () => {
    const m = mock.current;
    const cases: [string, string][] = [
      ['[{"snapshot_type":"full"}]', 'INVALID_BODY'],
      ['"full"', 'INVALID_BODY'],
      ['{"snapshot_type":"full",', 'INVALID_JSON'],
      ['{"snapshot_type":"full","snapshot_as_of":"2026-12-04T11:00:00Z"}', 'INVALID_BODY'],
    ];
    for (const [raw, code] of cases) {
      const res = await m.post('/snapshot_request', undefined, { raw });
      expect(res.status, raw).toBe(400);
      expect(res.body.error.code, raw).toBe(code);
    }
    const admin = await m.admin('GET', '/accounts/acme-test/snapshots');
    expect(admin.body.jobs).toEqual([]);
  });

  test('the response comes before a slow receiver replies', async () => {
    const m = mock.current;
    const delta = await startSnapshot(m, { snapshot_type: 'delta' });
    m.advance(60_000);
    await waitForReady(receiver, delta);

    await setSnapshotSettings(m, { delayMs: 0 });
    const events: string[] = [];
    receiver.script = () => {
      setTimeout(() => events.push('receiver replied'), 5000).unref();
      return { status: 200, delayMs: 5000 };
    };
    const res = await requestSnapshot(m, { snapshot_type: 'full' });
    events.push('response complete');
    expect(res.status).toBe(200);

    await waitForReady(receiver, res.body.snapshot_request_id);
    expect(events).toEqual(['response complete']);
  });

  test('an injected failure shows in the callback and GET', async () => {
    const m = mock.current;
    await setSnapshotSettings(m, { delayMs: 0, failNext: 1 });
    const id = await startSnapshot(m, { snapshot_type: 'full' });

    const data = await waitForReady(receiver, id);
    expect(data.status).toBe('failed');
    expect(data.snapshot_request_id).toBe(id);
    expect(data.snapshot_id).toBe(id);
    expect(data.download_url).toBeUndefined();
    expect(data.expires_at).toBeUndefined();
    expect(data.record_count).toBeUndefined();

    const view = (await getSnapshot(m, id)).body;
    expect(view.status).toBe('failed');
    expect(view.download_url).toBeUndefined();

    const next = await startSnapshot(m, { snapshot_type: 'full' });
    expect((await waitForReady(receiver, next)).status).toBe('complete');
  });

  test('a hung job stays processing until a reset', async () => {
    const m = mock.current;
    await setSnapshotSettings(m, { delayMs: 0, hangNext: 1 });
    const id = await startSnapshot(m, { snapshot_type: 'full' });

    m.advance(10 * 60_000);
    expect((await getSnapshot(m, id)).body.status).toBe('processing');
    for (const type of ['full', 'delta']) {
      const res = await requestSnapshot(m, { snapshot_type: type });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('SNAPSHOT_IN_PROGRESS');
      expect(res.body.error.snapshot_request_id).toBe(id);
    }
    expect(readyAttempts(receiver)).toHaveLength(0);

    const reset = await m.admin('POST', '/reset');
    expect(reset.status).toBe(200);
    m.setClock(CASE_NOW);
    expect((await getSnapshot(m, id)).status).toBe(404);
    expect((await requestSnapshot(m, { snapshot_type: 'full' })).status).toBe(200);
  });

  test('the control plane can end a hung job as failed', async () => {
    const m = mock.current;
    await setSnapshotSettings(m, { delayMs: 0, hangNext: 1 });
    const id = await startSnapshot(m, { snapshot_type: 'full' });

    const cancelled = await m.admin('DELETE', '/accounts/acme-test/snapshots/running');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('failed');
    expect((await waitForReady(receiver, id)).status).toBe('failed');
    expect((await m.admin('DELETE', '/accounts/acme-test/snapshots/running')).status).toBe(404);
  });

  test('an unknown snapshot id is 404', async () => {
    const m = mock.current;
    const res = await getSnapshot(m, '5c000000-0000-4000-8000-000000000001');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('SNAPSHOT_NOT_FOUND');
  });
});

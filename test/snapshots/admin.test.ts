import { describe, expect, test } from 'vitest';
import { CASE_NOW, startTestMock, useTestMock } from '../support/mock.js';

const mock = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });

const DEFAULTS = { delayMs: 2000, perThousandMs: 50, linkLifetimeMs: 43_200_000, failNext: 0, hangNext: 0 };

describe('snapshot settings in the control plane', () => {
  test('GET shows the defaults and no jobs', async () => {
    const res = await mock.current.admin('GET', '/accounts/acme-test/snapshots');
    expect(res.status).toBe(200);
    expect(res.body.account).toBe('acme-test');
    expect(res.body.settings).toEqual(DEFAULTS);
    expect(res.body.jobs).toEqual([]);
    expect(res.body.running_snapshot_request_id).toBeUndefined();
  });

  test('PUT changes only the keys given', async () => {
    const m = mock.current;
    const res = await m.admin('PUT', '/accounts/acme-test/snapshots', { delayMs: 60_000, failNext: 2 });
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual({ ...DEFAULTS, delayMs: 60_000, failNext: 2 });

    const again = await m.admin('GET', '/accounts/acme-test/snapshots');
    expect(again.body.settings).toEqual({ ...DEFAULTS, delayMs: 60_000, failNext: 2 });
  });

  test('PUT rejects bad values and changes nothing', async () => {
    const m = mock.current;
    const res = await m.admin('PUT', '/accounts/acme-test/snapshots', {
      delayMs: -1,
      perThousandMs: 'fast',
      linkLifetimeMs: 1e12,
      failNext: 1.5,
      hangNext: -2,
      delay: 5,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_BODY');
    const fields = res.body.error.details.map((detail: { field: string }) => detail.field).sort();
    expect(fields).toEqual(['delay', 'delayMs', 'failNext', 'hangNext', 'linkLifetimeMs', 'perThousandMs']);

    const partlyBad = await m.admin('PUT', '/accounts/acme-test/snapshots', { delayMs: 0, failNext: 'one' });
    expect(partlyBad.status).toBe(400);
    expect((await m.admin('GET', '/accounts/acme-test/snapshots')).body.settings).toEqual(DEFAULTS);
  });

  test('PUT with a body that is not an object is 400', async () => {
    const res = await mock.current.admin('PUT', '/accounts/acme-test/snapshots', [{ delayMs: 0 }]);
    expect(res.status).toBe(400);
  });

  test('an unknown account is 404', async () => {
    const res = await mock.current.admin('GET', '/accounts/nobody/snapshots');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  });

  test('GET lists jobs and the running one', async () => {
    const m = mock.current;
    await m.admin('PUT', '/accounts/acme-test/snapshots', { hangNext: 1 });
    const started = await m.post('/snapshot_request', { snapshot_type: 'full' });
    const id = started.body.snapshot_request_id;

    const res = await m.admin('GET', '/accounts/acme-test/snapshots');
    expect(res.body.running_snapshot_request_id).toBe(id);
    expect(res.body.jobs).toHaveLength(1);
    expect(res.body.jobs[0].snapshot_request_id).toBe(id);
    expect(res.body.jobs[0].status).toBe('processing');
    expect(res.body.settings.hangNext).toBe(0);
  });
});

describe('snapshot settings at start', () => {
  test('start options set every account and come back on reset', async () => {
    const m = await startTestMock({ fixtureName: 'f0', clockAt: CASE_NOW, snapshots: { delayMs: 0, perThousandMs: 0, failNext: 1 } });
    try {
      const failed = await m.post('/snapshot_request', { snapshot_type: 'full' });
      expect((await m.get(`/snapshot_request/${failed.body.snapshot_request_id}`)).body.status).toBe('failed');
      const complete = await m.post('/snapshot_request', { snapshot_type: 'full' });
      expect((await m.get(`/snapshot_request/${complete.body.snapshot_request_id}`)).body.status).toBe('complete');

      m.running.mock.reset();
      const settings = (await m.admin('GET', '/accounts/acme-test/snapshots')).body.settings;
      expect(settings).toEqual({ ...DEFAULTS, delayMs: 0, perThousandMs: 0, failNext: 1 });
    } finally {
      await m.close();
    }
  });

  test('bad start options are rejected', async () => {
    await expect(startTestMock({ fixtureName: 'f0', snapshots: { delayMs: -5 } })).rejects.toThrow(/delayMs/);
  });
});

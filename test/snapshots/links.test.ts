import { beforeEach, describe, expect, test } from 'vitest';
import { CASE_NOW, useTestMock } from '../support/mock.js';
import { useReceiver } from '../support/receiver.js';
import {
  download,
  getSnapshot,
  registerSnapshotReady,
  setSnapshotSettings,
  startSnapshot,
  tamperSignature,
  waitForReady,
} from './helpers.js';

const mock = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = useReceiver();

beforeEach(async () => {
  await registerSnapshotReady(mock.current, receiver);
  await setSnapshotSettings(mock.current, { delayMs: 0, perThousandMs: 0, linkLifetimeMs: 15 * 60_000 });
});

async function fullSnapshot(): Promise<{ id: string; data: any }> {
  const id = await startSnapshot(mock.current, { snapshot_type: 'full' });
  return { id, data: await waitForReady(receiver, id) };
}

describe('signed download links', () => {
  test('the link is absolute, tokenless and expires after 15 minutes', async () => {
    const { data } = await fullSnapshot();
    expect(data.expires_at).toBe('2026-12-04T12:15:00.000000Z');

    const link = new URL(data.download_url);
    expect(link.origin).toBe(mock.current.url);
    expect(link.pathname).toBe(`/acme-test/api/v1/snapshot_download/${data.snapshot_request_id}.json`);
    expect([...link.searchParams.keys()].sort()).toEqual(['expires', 'signature']);
    expect(data.download_url).not.toMatch(/token|bearer|authorization/i);
  });

  test('works without a token until the last microsecond', async () => {
    const m = mock.current;
    const { id, data } = await fullSnapshot();
    m.setClock('2026-12-04T12:14:59.999999Z');

    const file = await download(data.download_url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/json');
    expect(file.body.snapshot_request_id).toBe(id);
    expect(file.body.snapshot_type).toBe('full');
    expect(file.body.snapshot_as_of_date).toBe('2026-12-04T12:00:00.000000Z');
    expect(file.body.record_count).toBe(8);
    expect(file.body.data).toHaveLength(8);

    m.setClock('2026-12-04T12:15:00.000000Z');
    expect((await download(data.download_url)).status).toBe(200);
    expect((await getSnapshot(m, id)).body.status).toBe('complete');
  });

  test('a changed signature is 403', async () => {
    const { data } = await fullSnapshot();
    const res = await download(tamperSignature(data.download_url));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('DOWNLOAD_SIGNATURE_INVALID');
  });

  test('a missing parameter is 400, an altered one 403', async () => {
    const { data } = await fullSnapshot();
    const link = new URL(data.download_url);
    const withoutSignature = new URL(link);
    withoutSignature.searchParams.delete('signature');
    const withoutExpiry = new URL(link);
    withoutExpiry.searchParams.delete('expires');
    const later = new URL(link);
    later.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 60_000_000));
    const otherAccount = new URL(link.toString().replace('/acme-test/', '/acme-other/'));

    for (const [url, field] of [[withoutSignature, 'signature'], [withoutExpiry, 'expires']] as const) {
      const res = await download(url.toString());
      expect(res.status, url.toString()).toBe(400);
      expect(res.body.error.code).toBe('INVALID_QUERY');
      expect(res.body.error.details[0].field).toBe(field);
    }
    const res = await download(later.toString());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('DOWNLOAD_SIGNATURE_INVALID');
    expect((await download(otherAccount.toString())).status).toBe(404);
  });

  test('an expired link is 410 and the job shows expired', async () => {
    const m = mock.current;
    const { id, data } = await fullSnapshot();
    for (const at of ['2026-12-04T12:15:00.000001Z', '2026-12-04T12:16:00.000000Z']) {
      m.setClock(at);
      const res = await download(data.download_url);
      expect(res.status, at).toBe(410);
      expect(res.body.error.code).toBe('DOWNLOAD_EXPIRED');
    }
    const view = (await getSnapshot(m, id)).body;
    expect(view.status).toBe('expired');
    expect(view.download_url).toBe(data.download_url);
    expect((await download(tamperSignature(data.download_url))).status).toBe(403);
  });

  test('a new snapshot gets a new link that works until its own expiry', async () => {
    const m = mock.current;
    const first = await fullSnapshot();
    m.setClock('2026-12-04T12:20:00.000000Z');
    const second = await fullSnapshot();

    expect(second.data.download_url).not.toBe(first.data.download_url);
    expect(second.data.expires_at).toBe('2026-12-04T12:35:00.000000Z');
    expect((await download(first.data.download_url)).status).toBe(410);
    m.setClock('2026-12-04T12:35:00.000000Z');
    expect((await download(second.data.download_url)).status).toBe(200);
    m.setClock('2026-12-04T12:35:00.000001Z');
    expect((await download(second.data.download_url)).status).toBe(410);
  });

  test('a download with an Authorization header is 400', async () => {
    const { data } = await fullSnapshot();
    const res = await download(data.download_url, { authorization: `Bearer ${await mock.current.running.token()}` });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('Authorization');
  });

  test('the ndjson form shares the signature', async () => {
    const { data } = await fullSnapshot();
    const res = await download(data.download_url.replace('.json?', '.ndjson?'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = res.text.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(JSON.parse(line).sku_id).toBeTypeOf('string');
  });

  test('an unknown file name or extra query key is rejected', async () => {
    const { data } = await fullSnapshot();
    const csv = await download(data.download_url.replace('.json?', '.csv?'));
    expect(csv.status).toBe(400);
    expect(csv.body.error.details[0].field).toBe('file');

    const unknown = await download(data.download_url.replace(data.snapshot_request_id, '5a000000-0000-4000-8000-000000000009'));
    expect(unknown.status).toBe(403);

    const extra = await download(`${data.download_url}&token=x`);
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('INVALID_QUERY');
  });
});

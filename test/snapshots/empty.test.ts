import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, test } from 'vitest';
import type { FixtureFile } from '../../src/engine/fixture-format.js';
import { loadFixtureFile } from '../support/fixtures.js';
import { CASE_NOW, useTestMock } from '../support/mock.js';
import { useReceiver } from '../support/receiver.js';
import { download, registerSnapshotReady, setSnapshotSettings, startSnapshot, waitForReady } from './helpers.js';

const fixture: FixtureFile = {
  accounts: [...loadFixtureFile('f0').accounts, ...loadFixtureFile('f-empty').accounts],
};
const mock = useTestMock({ fixtureFile: fixture, clockAt: CASE_NOW });
const receiver = useReceiver();

beforeEach(async () => {
  for (const account of ['acme-test', 'empty-test']) {
    await registerSnapshotReady(mock.current, receiver, account);
    await setSnapshotSettings(mock.current, { delayMs: 0, perThousandMs: 0 }, account);
  }
});

/** GET with the exact Accept-Encoding given, which fetch would otherwise set itself. */
function rawGet(url: string, acceptEncoding: string): Promise<{ headers: Record<string, unknown>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('empty snapshots and content encoding', () => {
  test('an account with no SKUs completes with zero records', async () => {
    const id = await startSnapshot(mock.current, { snapshot_type: 'full' }, 'empty-test');
    const data = await waitForReady(receiver, id);
    expect(data.status).toBe('complete');
    expect(data.record_count).toBe(0);
    expect(data.download_url).toContain('/empty-test/api/v1/snapshot_download/');
    expect(data.expires_at).toBe('2026-12-05T00:00:00.000000Z');

    const file = await download(data.download_url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/json');
    expect(file.body.record_count).toBe(0);
    expect(file.body.data).toEqual([]);

    const lines = await download(data.download_url.replace('.json?', '.ndjson?'));
    expect(lines.status).toBe(200);
    expect(lines.text).toBe('');
  });

  test('a delta with no change in between is empty', async () => {
    const m = mock.current;
    const full = await startSnapshot(m, { snapshot_type: 'full' });
    expect((await waitForReady(receiver, full)).record_count).toBe(8);

    m.setClock('2026-12-04T12:05:00.000000Z');
    const delta = await startSnapshot(m, { snapshot_type: 'delta' });
    const data = await waitForReady(receiver, delta);
    expect(data.status).toBe('complete');
    expect(data.record_count).toBe(0);
    const file = await download(data.download_url);
    expect(file.body.snapshot_type).toBe('delta');
    expect(file.body.record_count).toBe(0);
    expect(file.body.data).toEqual([]);
  });

  test('the declared encoding matches the bytes', async () => {
    const id = await startSnapshot(mock.current, { snapshot_type: 'full' });
    const { download_url: url } = await waitForReady(receiver, id);

    const identity = await rawGet(url, 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(identity.bytes.toString('utf8')).record_count).toBe(8);

    const gzip = await rawGet(url, 'gzip');
    const isGzip = gzip.bytes[0] === 0x1f && gzip.bytes[1] === 0x8b;
    if (gzip.headers['content-encoding'] === 'gzip') {
      expect(isGzip).toBe(true);
      expect(JSON.parse(gunzipSync(gzip.bytes).toString('utf8'))).toEqual(JSON.parse(identity.bytes.toString('utf8')));
    } else {
      expect(gzip.headers['content-encoding']).toBeUndefined();
      expect(isGzip).toBe(false);
      expect(JSON.parse(gzip.bytes.toString('utf8'))).toEqual(JSON.parse(identity.bytes.toString('utf8')));
    }
  });
});

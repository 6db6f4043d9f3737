/**
 * Snapshot benchmark: one account of 100,000 SKUs over 3 locations, with
 * about 4 (location, status) rows per SKU, from the seeded generator. It
 * requests a full snapshot with zero processing time, waits for
 * snapshotReady at a local receiver, then downloads the file twice from a
 * child process: once counting bytes only, once parsing it as a stream with
 * stream-json. It prints time to ready, time to first byte, download time
 * and MB/s, and the mock's RSS before and at its peak during each download.
 * Run with `npm run bench:snapshot`; BENCH_SKUS changes the SKU count.
 * Target: ready plus downloaded in under 5 s, RSS growth under 100 MB.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateAccount } from '../../src/simulation/fixture-generator.js';
import { startMock } from '../../src/start.js';
import { startReceiver } from '../support/receiver.js';
import { parseSnapshotStream } from '../snapshots/stream-parse.js';

const SKUS = Number(process.env.BENCH_SKUS ?? 100_000);
const MB = 1024 * 1024;

interface ClientResult {
  mode: 'bytes' | 'parse';
  status: number;
  bytes: number;
  records: number;
  statusRows: number;
  firstByteMs: number;
  totalMs: number;
}

/** Child process: downloads `url` and prints one JSON line of figures. */
async function client(mode: 'bytes' | 'parse', url: string): Promise<void> {
  let result: ClientResult;
  if (mode === 'parse') {
    const file = await parseSnapshotStream(url);
    result = {
      mode,
      status: file.status,
      bytes: file.bytes,
      records: file.recordCount,
      statusRows: file.statusCountRows,
      firstByteMs: file.firstByteMs,
      totalMs: file.totalMs,
    };
  } else {
    const started = performance.now();
    const response = await fetch(url);
    let bytes = 0;
    let firstByteMs = -1;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      if (firstByteMs < 0) firstByteMs = performance.now() - started;
      bytes += chunk.byteLength;
    }
    result = { mode, status: response.status, bytes, records: -1, statusRows: -1, firstByteMs, totalMs: performance.now() - started };
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Runs one download in a child process while sampling this process's RSS. */
async function measuredDownload(mode: 'bytes' | 'parse', url: string) {
  const script = fileURLToPath(import.meta.url);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, 'client', mode, url], {
    maxBuffer: MB,
  });
  clearInterval(sampler);
  return { result: JSON.parse(stdout) as ClientResult, peakRss };
}

async function main(): Promise<void> {
  const loadStarted = performance.now();
  const fixture = {
    accounts: [
      generateAccount({
        slug: 'bench',
        seed: 20261204,
        skuCount: SKUS,
        locationCount: 3,
        stockedAt: '2026-12-04T11:00:00.000000Z',
      }),
    ],
  };
  const rows = fixture.accounts[0]?.stock.length ?? 0;
  const mock = await startMock({ fixture, logLevel: (process.env.BENCH_LOG ?? 'silent') as 'silent', snapshots: { delayMs: 0, perThousandMs: 0 } });
  const loadMs = performance.now() - loadStarted;
  const receiver = await startReceiver();
  const token = await mock.token('bench');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const registered = await fetch(`${mock.baseUrl('bench')}/callbacks`, {
    method: 'POST',
    headers,
    body: JSON.stringify([{ url: `${receiver.url}/hooks/snapshot`, message_type: 'snapshotReady' }]),
  });
  const registration = (await registered.json()) as { results?: { status: string }[] };
  if (registration.results?.[0]?.status !== 'success') {
    throw new Error(`callback registration failed: ${JSON.stringify(registration)}`);
  }

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;

  const requested = performance.now();
  const response = await fetch(`${mock.baseUrl('bench')}/snapshot_request`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ snapshot_type: 'full' }),
  });
  const accepted = (await response.json()) as { snapshot_request_id: string };
  if (response.status !== 200) throw new Error(`snapshot request failed: ${JSON.stringify(accepted)}`);
  const returnedMs = performance.now() - requested;
  await receiver.waitFor(() => receiver.attempts.some((attempt) => attempt.body?.data?.snapshot_request_id === accepted.snapshot_request_id), 60_000);
  const readyMs = performance.now() - requested;
  const data = receiver.attempts.at(-1)?.body.data as { download_url: string; record_count: number };

  const bytesRun = await measuredDownload('bytes', data.download_url);
  global.gc?.();
  const rssBetween = process.memoryUsage().rss;
  const parseRun = await measuredDownload('parse', data.download_url);

  const mb = (bytes: number) => (bytes / MB).toFixed(1);
  const line = (name: string, run: Awaited<ReturnType<typeof measuredDownload>>, rssStart: number) => {
    const { result } = run;
    const seconds = result.totalMs / 1000;
    return [
      `${name.padEnd(18)} HTTP ${result.status}  ${mb(result.bytes)} MB in ${result.totalMs.toFixed(0)} ms`,
      `(${(result.bytes / MB / seconds).toFixed(1)} MB/s), first byte after ${result.firstByteMs.toFixed(1)} ms,`,
      `mock RSS peak ${mb(run.peakRss)} MB (+${mb(run.peakRss - rssStart)} MB)`,
      result.records >= 0 ? `, ${result.records} records, ${result.statusRows} status_counts rows` : '',
    ].join(' ');
  };

  console.log(`account: ${SKUS} SKUs, 3 locations, ${rows} stock rows; load ${(loadMs / 1000).toFixed(1)} s; record_count ${data.record_count}`);
  console.log(`POST returned after ${returnedMs.toFixed(1)} ms; snapshotReady received after ${readyMs.toFixed(1)} ms`);
  console.log(`mock RSS before: ${mb(rssBefore)} MB`);
  console.log(line('download (bytes)', bytesRun, rssBefore));
  console.log(line('download + parse', parseRun, rssBetween));
  const total = readyMs + bytesRun.result.totalMs;
  console.log(`ready + downloaded: ${(total / 1000).toFixed(2)} s (target under 5 s); RSS growth target under 100 MB`);

  await receiver.close();
  await mock.close();
}

if (process.argv[2] === 'client') {
  await client(process.argv[3] as 'bytes' | 'parse', process.argv[4] ?? '');
} else {
  await main();
}

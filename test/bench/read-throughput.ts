/**
 * Read throughput: GET inventory for 30 cids with include_ledger=true, under
 * autocannon for 10 s at 20 connections, beside a bare node:http server that
 * sends a precomputed body of the same size. Prints req/s, p50 and p99 of
 * both, and their ratio. The load runs in a child process; the mock and the
 * bare server share this one. Run with `npm run bench:read`.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { startMock } from '../../src/start.js';

const run = promisify(execFile);
const AUTOCANNON = new URL('../../node_modules/autocannon/autocannon.js', import.meta.url).pathname;

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 20;

/** Runs autocannon in its own process, so the load does not share the server's event loop. */
async function load(url: string, headers: Record<string, string>) {
  const args = [AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(DURATION_S), '-j'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  const { stdout } = await run(process.execPath, [...args, url], { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const mock = await startMock({ logLevel: 'silent' });
const account = mock.mock.account(mock.defaultAccount);
if (!account) throw new Error('the default fixture has no account');
const cids = account.skusInOrder().slice(0, 30).map((sku) => encodeURIComponent(sku.customer_identifier));
const path = `/inventory?cid=${cids.join(',')}&include_ledger=true`;
const token = await mock.token();
const headers = { authorization: `Bearer ${token}` };

const sample = await fetch(`${mock.baseUrl()}${path}`, { headers });
const body = Buffer.from(await sample.arrayBuffer());
if (sample.status !== 200) throw new Error(`warm-up request answered ${sample.status}`);

const bare = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  response.end(body);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const barePort = (bare.address() as AddressInfo).port;

console.log(`body: ${body.length} bytes, 30 SKUs with ledger; ${CONNECTIONS} connections, ${DURATION_S} s each`);
const mockResult = await load(`${mock.baseUrl()}${path}`, headers);
const bareResult = await load(`http://127.0.0.1:${barePort}/`, {});

const row = (name: string, r: typeof mockResult) =>
  `${name.padEnd(12)} ${r.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}`;
console.log(row('mock', mockResult));
console.log(row('bare node', bareResult));
const ratio = mockResult.requestsPerSecond / bareResult.requestsPerSecond;
console.log(`ratio: ${(ratio * 100).toFixed(1)}% of the bare server (target: at least 50%, p99 under 20 ms)`);

bare.close();
await mock.close();

/**
 * Control-plane cost per API request. First in-process: the time of one
 * fault decision over 0, 10 and 100 rules (none of which match) plus one
 * journal entry. Then over HTTP: GET inventory_locations under autocannon
 * (20 connections, BENCH_DURATION_S seconds, 5 by default) with no rules and
 * with 100 rules that do not match. Prints req/s and p99 of each. Run with
 * `npm run bench:control`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FaultRuleInput } from '../../src/control/types.js';
import { startMock } from '../../src/start.js';

const run = promisify(execFile);
const AUTOCANNON = new URL('../../node_modules/autocannon/autocannon.js', import.meta.url).pathname;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 20;

/** Builds rules for other accounts, so each is checked and none applies. */
function otherRules(count: number): FaultRuleInput[] {
  return Array.from({ length: count }, (_, index) => ({
    account: `other-${index}`,
    route: '/inventory/*',
    action: { type: 'error', status: 500 },
  }));
}

async function load(url: string, headers: Record<string, string>) {
  const args = [AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(DURATION_S), '-j'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  const { stdout } = await run(process.execPath, [...args, url], { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout) as { requests: { average: number }; latency: { p99: number }; non2xx: number };
  return { requestsPerSecond: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx };
}

const mock = await startMock({ logLevel: 'silent' });
const account = mock.mock.account(mock.defaultAccount);
if (!account) throw new Error('the default fixture has no account');
const control = mock.server.control;

for (const count of [0, 10, 100]) {
  mock.admin.setFaults(otherRules(count));
  const iterations = 200_000;
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    control.decide(account, 'GET', '/inventory');
    control.journal.record({ at: '', method: 'GET', path: '/x', query: '', account: account.slug, status: 200, duration_ms: 0 });
  }
  const micros = ((performance.now() - started) * 1000) / iterations;
  console.log(`in-process, ${String(count).padStart(3)} rules: ${micros.toFixed(2)} µs per decision and journal entry`);
}

const headers = { authorization: `Bearer ${await mock.token()}` };
const url = `${mock.baseUrl()}/inventory_locations`;
for (const count of [0, 100]) {
  mock.admin.reset();
  mock.admin.setFaults(otherRules(count));
  const result = await load(url, headers);
  console.log(
    `HTTP, ${String(count).padStart(3)} rules: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99} ms, non-2xx ${result.non2xx}`,
  );
}
await mock.close();

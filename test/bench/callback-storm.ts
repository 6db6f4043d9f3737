/**
 * Callback storm benchmark: 20,000 changes at full speed into a local
 * receiver, counting every message id at the receiver.
 *
 *   npm run bench:callbacks
 *
 * Part 1 runs on the real clock with a receiver that returns 200 at once,
 * once with the default of 30 SKUs per message and once with one SKU per
 * message. Part 2 runs on the manual clock, advanced in steps to run the
 * retries quickly, with a receiver that fails 30% of attempts. The receiver
 * runs in a worker thread, so it has the second core to itself.
 */
import { Worker } from 'node:worker_threads';
import type { DeliveryMessage } from '../../src/callbacks/types.js';
import type { Account } from '../../src/engine/account.js';
import { startMock, type RunningMock } from '../../src/start.js';

const CHANGES = 20_000;
const RATE_PER_SECOND = 100_000;
const MANUAL_START = '2026-12-04T12:00:00Z';
/** Mock time the manual run moves per step. */
const STEP_MS = 50;

interface ReceiverReport {
  requests: number;
  ids: number;
  /** Ids acknowledged with a 2xx more than once. */
  duplicateAcks: number;
  ackedIds: string[];
}

/** The receiver, as CommonJS for an eval worker: it returns 200, or 503 for a seeded share of attempts. */
const RECEIVER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
let state = workerData.seed >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const acks = new Map();
let requests = 0;
const server = http.createServer((request, response) => {
  const id = String(request.headers['webhook-id']);
  request.resume();
  request.on('end', () => {
    requests += 1;
    if (!acks.has(id)) acks.set(id, 0);
    if (random() < workerData.failRate) {
      response.writeHead(503);
      response.end();
      return;
    }
    acks.set(id, acks.get(id) + 1);
    response.writeHead(200);
    response.end();
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'listening', port: server.address().port }));
parentPort.on('message', (message) => {
  if (message === 'report') {
    const ackedIds = [];
    let duplicateAcks = 0;
    for (const [id, count] of acks) {
      if (count > 0) ackedIds.push(id);
      if (count > 1) duplicateAcks += 1;
    }
    parentPort.postMessage({ type: 'report', report: { requests, ids: acks.size, duplicateAcks, ackedIds } });
  } else if (message === 'close') {
    server.closeAllConnections();
    server.close(() => parentPort.close());
  }
});
`;

class ReceiverWorker {
  readonly worker: Worker;
  url = '';

  constructor(failRate: number) {
    this.worker = new Worker(RECEIVER_SOURCE, { eval: true, workerData: { failRate, seed: 20261204 } });
  }

  async start(): Promise<this> {
    const port = await this.#next<number>('listening', (message) => message.port);
    this.url = `http://127.0.0.1:${port}/hooks/inventory`;
    return this;
  }

  report(): Promise<ReceiverReport> {
    this.worker.postMessage('report');
    return this.#next('report', (message) => message.report);
  }

  async close(): Promise<void> {
    this.worker.postMessage('close');
    await new Promise((resolve) => this.worker.once('exit', resolve));
  }

  #next<T>(type: string, pick: (message: any) => T): Promise<T> {
    return new Promise((resolve) => {
      const listener = (message: any) => {
        if (message.type !== type) return;
        this.worker.off('message', listener);
        resolve(pick(message));
      };
      this.worker.on('message', listener);
    });
  }
}

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] as number;
}

async function registerReceiver(mock: RunningMock, url: string): Promise<void> {
  const response = await fetch(`${mock.baseUrl('demo')}/callbacks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await mock.token('demo')}` },
    body: JSON.stringify([{ url, message_type: 'skuInventoryChange' }]),
  });
  const body = (await response.json()) as { records_succeeded: number };
  if (body.records_succeeded !== 1) throw new Error(`registration failed: ${JSON.stringify(body)}`);
}

interface RunResult {
  label: string;
  changes: number;
  created: number;
  delivered: number;
  dead: number;
  attempts: number;
  seconds: number;
  latencies: number[];
  receiver: ReceiverReport;
  lost: number;
}

/** Runs one storm and waits until every message is delivered or dead. */
async function runStorm(options: {
  label: string;
  mock: RunningMock;
  failRate: number;
  maxSkusPerMessage: number;
  drive?: (account: Account) => void;
}): Promise<RunResult> {
  const { mock } = options;
  const receiver = await new ReceiverWorker(options.failRate).start();
  const account = mock.mock.account('demo') as Account;
  const engine = mock.server.callbacks;
  await registerReceiver(mock, receiver.url);
  engine.settings(account).maxSkusPerMessage = options.maxSkusPerMessage;

  const finished: DeliveryMessage[] = [];
  let lastFinish = 0;
  const unsubscribe = engine.onFinished((message) => {
    finished.push(message);
    lastFinish = performance.now();
  });

  const started = performance.now();
  const storm = mock.startStorm({ account: 'demo', ratePerSecond: RATE_PER_SECOND, durationSeconds: CHANGES / RATE_PER_SECOND, skus: 20_000, seed: 1 });
  let done = false;
  void storm.done.then(() => {
    done = true;
  });
  for (;;) {
    options.drive?.(account);
    await engine.idle();
    if (done && finished.length === engine.stats(account).created) break;
    if (!options.drive) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  unsubscribe();

  const summary = await storm.done;
  const receiverReport = await receiver.report();
  await receiver.close();
  const acked = new Set(receiverReport.ackedIds);
  const delivered = finished.filter((message) => message.state === 'delivered');
  return {
    label: options.label,
    changes: summary.changes_made,
    created: engine.stats(account).created,
    delivered: delivered.length,
    dead: finished.length - delivered.length,
    attempts: finished.reduce((sum, message) => sum + message.attempts.length, 0),
    seconds: (lastFinish - started) / 1000,
    latencies: delivered.map((message) => ((message.deliveredAt ?? 0) - message.changedAt) / 1000).sort((a, b) => a - b),
    receiver: receiverReport,
    lost: delivered.filter((message) => !acked.has(message.id)).length,
  };
}

function print(result: RunResult, showLatency: boolean): void {
  const lines = [
    `${result.label}`,
    `  changes ${result.changes}, messages ${result.created}, delivered ${result.delivered}, dead ${result.dead}, attempts ${result.attempts}`,
    `  wall time ${result.seconds.toFixed(2)} s: ${Math.round(result.created / result.seconds)} messages/s, ${Math.round(result.changes / result.seconds)} changes/s`,
    `  receiver: ${result.receiver.requests} requests, ${result.receiver.ids} distinct message ids, ${result.receiver.duplicateAcks} ids acked twice`,
    `  lost (delivered but never acked at the receiver): ${result.lost}; neither delivered nor dead: ${result.created - result.delivered - result.dead}`,
  ];
  if (showLatency) {
    lines.push(
      `  change to delivery: p50 ${percentile(result.latencies, 0.5).toFixed(1)} ms, p99 ${percentile(result.latencies, 0.99).toFixed(1)} ms (mock clock, 1 ms resolution)`,
    );
  }
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${CHANGES} changes per run at ${RATE_PER_SECOND}/s of mock time`);

  const realMock = await startMock({ generate: 20_000, logLevel: 'silent' });
  print(await runStorm({ label: 'real clock, receiver acks at once, 30 SKUs per message', mock: realMock, failRate: 0, maxSkusPerMessage: 30 }), true);
  realMock.mock.reset();
  print(await runStorm({ label: 'real clock, receiver acks at once, 1 SKU per message', mock: realMock, failRate: 0, maxSkusPerMessage: 1 }), true);
  await realMock.close();

  const manualMock = await startMock({ generate: 20_000, logLevel: 'silent', manualClock: MANUAL_START });
  const drive = (account: Account) => account.clock.advance(STEP_MS * 1000);
  print(
    await runStorm({ label: `manual clock (+${STEP_MS} ms a step), receiver fails 30% of attempts, 1 SKU per message`, mock: manualMock, failRate: 0.3, maxSkusPerMessage: 1, drive }),
    false,
  );
  await manualMock.close();

  console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
}

await main();

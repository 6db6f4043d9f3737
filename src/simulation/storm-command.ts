import { Command, InvalidArgumentError } from 'commander';
import { isLoopbackHost } from '../callbacks/registrations.js';
import type { StormSummary } from './storms.js';

/** Flags of `inventory-mock storm`. */
export interface StormCommandOptions {
  target: string;
  account?: string;
  rate: number;
  duration: number;
  skus?: number | string[];
  statuses?: string[];
  seed?: number;
  adminToken?: string;
  /** Milliseconds between progress lines; 1000. */
  interval?: number;
}

function positiveNumber(name: string) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
      throw new InvalidArgumentError(`${name} must be a number above 0, got '${text}'.`);
    }
    return value;
  };
}

function skuList(text: string): number | string[] {
  if (/^\d+$/.test(text)) return Number(text);
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError(`--skus takes a count or a comma-separated list of identifiers, got '${text}'.`);
  return items;
}

/** Checks that the target is an http(s) URL on a loopback host, and returns its origin. */
export function loopbackOrigin(target: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`--target '${target}' is not a URL; use the mock's origin, such as http://127.0.0.1:4010`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isLoopbackHost(url.hostname)) {
    throw new Error(`--target '${target}' must be an http(s) URL on a loopback host (127.0.0.0/8, ::1, localhost)`);
  }
  return url.origin;
}

async function call(origin: string, method: string, path: string, token: string | undefined, body?: unknown): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${origin}/__admin${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  const parsed: any = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    const details = (parsed?.error?.details ?? []).map((detail: { field: string; problem: string }) => `\n  ${detail.field}: ${detail.problem}`);
    throw new Error(`${method} /__admin${path} failed with ${response.status} ${parsed?.error?.code ?? ''}: ${parsed?.message ?? text}${details.join('')}`);
  }
  return parsed;
}

function progressLine(summary: StormSummary): string {
  const done = summary.changes_made + summary.changes_failed;
  const percent = summary.planned_changes === 0 ? 100 : Math.floor((done / summary.planned_changes) * 100);
  return `storm ${summary.storm_id}: ${summary.state}, ${done}/${summary.planned_changes} changes (${percent}%), ${summary.changes_failed} failed`;
}

/**
 * Starts a storm on a running mock through `POST /__admin/storms`, prints
 * its progress until it ends, and stops it early when `signal` aborts.
 */
export async function runStorm(
  options: StormCommandOptions,
  write: (line: string) => void,
  signal?: AbortSignal,
): Promise<StormSummary> {
  const origin = loopbackOrigin(options.target);
  const body = {
    ...(options.account === undefined ? {} : { account: options.account }),
    rate_per_s: options.rate,
    duration_s: options.duration,
    ...(options.skus === undefined ? {} : { skus: options.skus }),
    ...(options.statuses === undefined ? {} : { statuses: options.statuses }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  let summary: StormSummary = await call(origin, 'POST', '/storms', options.adminToken, body);
  write(`storm ${summary.storm_id} started on account ${summary.account}: ${summary.rate_per_s}/s for ${summary.duration_s} s, ${summary.planned_changes} changes planned`);

  const interval = options.interval ?? 1000;
  const path = `/storms/${encodeURIComponent(summary.storm_id)}`;
  if (summary.state !== 'running') write(progressLine(summary));
  while (summary.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, interval));
    summary = signal?.aborted
      ? await call(origin, 'DELETE', path, options.adminToken)
      : await call(origin, 'GET', path, options.adminToken);
    write(progressLine(summary));
  }
  return summary;
}

/** Builds the `storm` subcommand. */
export function stormCommand(): Command {
  return new Command('storm')
    .description('Run a storm of random adjustments on a running mock and print its progress')
    .requiredOption('--target <url>', "the mock's origin on a loopback host, such as http://127.0.0.1:4010")
    .option('--account <slug>', "account to change; the mock's first account by default")
    .requiredOption('--rate <n>', 'changes per second of mock time, 1 to 100000', positiveNumber('--rate'))
    .requiredOption('--duration <s>', 'length in seconds of mock time, at most 3600', positiveNumber('--duration'))
    .option('--skus <n|a,b>', 'the first N SKUs by identifier, or a comma-separated list; all SKUs by default', skuList)
    .option('--statuses <a,b>', 'statuses to change; available by default', (text: string) => text.split(',').map((item) => item.trim()))
    .option('--seed <n>', 'seed of the random changes', (text: string) => {
      if (!/^\d+$/.test(text)) throw new InvalidArgumentError(`--seed must be a whole number, got '${text}'.`);
      return Number(text);
    })
    .option('--admin-token <token>', 'bearer token of the /__admin/ routes, when the mock requires one')
    .action(async (flags: StormCommandOptions) => {
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      try {
        await runStorm(flags, (line) => process.stdout.write(`${line}\n`), controller.signal);
      } catch (error) {
        process.stderr.write(`inventory-mock storm: ${(error as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}

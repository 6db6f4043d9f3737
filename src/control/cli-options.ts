import { InvalidArgumentError, type Command } from 'commander';
import { loadConfigFile, type ConfigFile } from './config.js';
import { ConfigError } from './errors.js';
import { parseErrorRate, parseLatency, parseRateLimit } from './flags.js';
import type { ControlOptions } from './types.js';

/** Config keys that are also `serve` flags; a flag given on the command line wins. */
const FLAG_KEYS = [
  'port',
  'host',
  'fixture',
  'seed',
  'generate',
  'auth',
  'secret',
  'logLevel',
  'callbackAllow',
  'adminToken',
  'latency',
  'errorRate',
  'rateLimit',
] as const;

/** Option attribute under which the config keys without a flag wait for `withControlFlags`. */
const STASH = 'configOptions';

/**
 * Adds `--config`, `--latency`, `--error-rate` and `--rate-limit` to a
 * command. Before the action runs, the config file fills in every option not
 * given on the command line. A bad file ends the process with exit code 2
 * and a message that names the bad key.
 */
export function addControlOptions(command: Command): Command {
  return command
    .option('--config <file>', 'JSON or YAML config file of server options, fault rules, callback and snapshot settings, clock')
    .option('--latency <ms>', 'delay every API request by a fixed (50) or uniform (50-200) number of milliseconds', latencyFlag)
    .option('--error-rate <share>', 'answer this share of API requests, from 0 to 1, with a 500', errorRateFlag)
    .option('--rate-limit <n/window>', 'allow each account N API requests per window, such as 10/s, 100/m or 5/500ms', rateLimitFlag)
    .hook('preAction', (self) => applyConfigFile(self));
}

function applyConfigFile(command: Command): void {
  const path = command.getOptionValue('config') as string | undefined;
  if (path === undefined) return;

  let config: ConfigFile;
  try {
    config = loadConfigFile(path);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`inventory-mock: invalid config ${error.message}\n`);
    for (const detail of error.details.slice(1)) process.stderr.write(`  ${detail.field}: ${detail.problem}\n`);
    process.exit(2);
  }

  const rest: Record<string, unknown> = { ...config };
  for (const key of FLAG_KEYS) {
    delete rest[key];
    const value = config[key];
    const source = command.getOptionValueSource(key);
    if (value === undefined || source === 'cli' || source === 'env') continue;
    command.setOptionValueWithSource(key, value, 'config');
  }
  command.setOptionValueWithSource(STASH, rest, 'config');
}

/**
 * Adds the control-plane options from the `serve` flags (and the config file
 * behind them) to the options built from the other flags. Snapshot settings
 * merge, the flags' values winning over the file's.
 */
export function withControlFlags<T extends ControlOptions>(flags: Record<string, unknown>, options: T): T {
  const stash = (flags[STASH] ?? {}) as ControlOptions;
  const merged: T = { ...stash, ...options };
  if (stash.snapshots !== undefined || options.snapshots !== undefined) {
    merged.snapshots = { ...stash.snapshots, ...options.snapshots };
  }
  if (flags.latency !== undefined) merged.latency = flags.latency as string | number;
  if (flags.errorRate !== undefined) merged.errorRate = flags.errorRate as number;
  if (flags.rateLimit !== undefined) merged.rateLimit = flags.rateLimit as string;
  return merged;
}

function latencyFlag(text: string): string {
  if (!parseLatency(text)) throw new InvalidArgumentError(`use milliseconds such as 50 or a range such as 50-200; got '${text}'.`);
  return text;
}

function errorRateFlag(text: string): number {
  const rate = parseErrorRate(text);
  if (rate === undefined) throw new InvalidArgumentError(`use a share from 0 to 1, such as 0.05; got '${text}'.`);
  return rate;
}

function rateLimitFlag(text: string): string {
  if (!parseRateLimit(text)) throw new InvalidArgumentError(`use requests per window, such as 10/s, 100/m or 5/500ms; got '${text}'.`);
  return text;
}

import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isRecord } from '../domain/adjustments.js';
import { parseRfc3339 } from '../domain/time.js';
import type { AuthMode } from '../server/auth.js';
import type { ErrorDetail } from '../server/errors.js';
import type { LogLevel } from '../server/logger.js';
import { ConfigError } from './errors.js';
import { checkRules } from './faults.js';
import { schemaProblems } from './schema.js';
import type { ControlOptions } from './types.js';

/** The contents of a config file: startMock's serialisable options. */
export interface ConfigFile extends Omit<ControlOptions, 'config'> {
  port?: number;
  host?: string;
  fixture?: string;
  seed?: number;
  generate?: number;
  auth?: AuthMode;
  secret?: string;
  logLevel?: LogLevel;
  callbackAllow?: string[];
  adminToken?: string;
}

/** Keys of ControlOptions that the config schema checks when they come from code. */
const CONTROL_KEYS = ['faults', 'latency', 'errorRate', 'rateLimit', 'callbacks', 'snapshots', 'clock', 'journal'] as const;

/**
 * Reads a JSON (`.json`) or YAML (any other name) config file and checks it
 * against contracts/config.schema.json. A relative `fixture` path is resolved
 * against the file's folder. Throws a ConfigError naming every bad key.
 *
 * @example
 * const options = loadConfigFile('mock.yaml'); // { port: 4010, faults: [...] }
 */
export function loadConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [{ field: '/', problem: `cannot read the file: ${(error as Error).message}` }]);
  }

  let parsed: unknown;
  try {
    parsed = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(path, [{ field: '/', problem: `not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}` }]);
  }
  // An empty YAML file parses to null: no settings.
  if (parsed === null || parsed === undefined) return {};
  if (!isRecord(parsed)) throw new ConfigError(path, [{ field: '/', problem: 'must be a mapping of settings' }]);

  const details = problemsOf(parsed);
  if (details.length > 0) throw new ConfigError(path, details);

  const config = parsed as ConfigFile;
  if (config.fixture !== undefined) config.fixture = resolve(dirname(path), config.fixture);
  return config;
}

/** Checks the control options given in code, as a config file's would be; throws a ConfigError. */
export function checkControlOptions(options: ControlOptions): void {
  const subset: Record<string, unknown> = {};
  for (const key of CONTROL_KEYS) if (options[key] !== undefined) subset[key] = options[key];
  const details = problemsOf(subset);
  if (details.length > 0) throw new ConfigError('startMock options', details);
}

/** Schema problems, then the others, one per field. */
function problemsOf(config: Record<string, unknown>): ErrorDetail[] {
  const details = schemaProblems('config', config);
  const fields = new Set(details.map((detail) => detail.field));
  for (const detail of extraProblems(config)) if (!fields.has(detail.field)) details.push(detail);
  return details;
}

/** Problems the schema cannot express: fault rule cross-checks and the clock's instant. */
function extraProblems(config: Record<string, unknown>): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (Array.isArray(config.faults)) details.push(...checkRules(config.faults, '/faults').details);
  const clock = config.clock;
  if (isRecord(clock) && typeof clock.at === 'string' && parseRfc3339(clock.at) === undefined) {
    details.push({ field: '/clock/at', problem: 'must be an RFC 3339 date-time with an offset' });
  }
  if (typeof config.latency === 'string') {
    const [low, high] = config.latency.split('-').map(Number);
    if (high !== undefined && low !== undefined && high < low) {
      details.push({ field: '/latency', problem: 'the upper bound must be at least the lower one' });
    }
  }
  return details;
}

/** Merges a `config` file into options; the options given next to it win. */
export function withConfigFile<T extends ControlOptions>(options: T): T {
  if (options.config === undefined) return options;
  const { config, ...explicit } = options;
  const defined = Object.fromEntries(Object.entries(explicit).filter(([, value]) => value !== undefined));
  return { ...loadConfigFile(config), ...defined } as T;
}

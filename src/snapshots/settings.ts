import type { ErrorDetail } from '../server/errors.js';
import type { SnapshotSettings } from './types.js';

/** Processing time and link lifetime that every account starts with. */
export const DEFAULT_SNAPSHOT_SETTINGS: Readonly<SnapshotSettings> = {
  delayMs: 2000,
  perThousandMs: 50,
  linkLifetimeMs: 12 * 60 * 60 * 1000,
  failNext: 0,
  hangNext: 0,
};

/** Maximum delay, cost or link lifetime: 30 days, in milliseconds. */
export const MAX_SNAPSHOT_MS = 30 * 24 * 60 * 60 * 1000;

/** Maximum number of jobs that one setting may make fail or hang. */
export const MAX_INJECTED_JOBS = 1000;

const DURATION_KEYS = ['delayMs', 'perThousandMs', 'linkLifetimeMs'] as const;
const COUNT_KEYS = ['failNext', 'hangNext'] as const;
const KNOWN_KEYS = new Set<string>([...DURATION_KEYS, ...COUNT_KEYS]);

/**
 * Checks a partial settings object. Returns the accepted values, or the
 * problems, one per bad key, so a caller can report all of them at once.
 */
export function parseSnapshotSettings(
  input: Record<string, unknown>,
): { settings: Partial<SnapshotSettings>; problems: ErrorDetail[] } {
  const settings: Partial<SnapshotSettings> = {};
  const problems: ErrorDetail[] = [];

  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) {
      problems.push({ field: key, problem: `unknown setting '${key}'; use ${[...KNOWN_KEYS].join(', ')}` });
    }
  }
  for (const key of DURATION_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_SNAPSHOT_MS) {
      problems.push({ field: key, problem: `${key} must be a number of milliseconds from 0 to ${MAX_SNAPSHOT_MS}` });
      continue;
    }
    settings[key] = value;
  }
  for (const key of COUNT_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_INJECTED_JOBS) {
      problems.push({ field: key, problem: `${key} must be a whole number of jobs from 0 to ${MAX_INJECTED_JOBS}` });
      continue;
    }
    settings[key] = value as number;
  }
  return { settings, problems };
}

import type { DeliverySettings } from './types.js';

/** Accepted range of each setting, and whether it must be a whole number. */
export const SETTING_RANGES: Record<keyof DeliverySettings, { min: number; max: number; integer: boolean }> = {
  maxAttempts: { min: 1, max: 100, integer: true },
  baseDelayMs: { min: 0, max: 3_600_000, integer: false },
  maxDelayMs: { min: 0, max: 86_400_000, integer: false },
  timeoutMs: { min: 1, max: 600_000, integer: false },
  concurrency: { min: 1, max: 1024, integer: true },
  maxSkusPerMessage: { min: 1, max: 30, integer: true },
  duplicateProbability: { min: 0, max: 1, integer: false },
  reorderWindowMs: { min: 0, max: 3_600_000, integer: false },
  extraDelayMs: { min: 0, max: 3_600_000, integer: false },
};

export interface SettingProblem {
  field: string;
  problem: string;
}

/**
 * Checks a partial settings object. Returns the problems, and when there
 * are none, `changes` contains the values to apply.
 */
export function checkSettings(body: Record<string, unknown>): { changes: Partial<DeliverySettings>; problems: SettingProblem[] } {
  const changes: Partial<DeliverySettings> = {};
  const problems: SettingProblem[] = [];
  for (const [key, value] of Object.entries(body)) {
    const range = SETTING_RANGES[key as keyof DeliverySettings] as (typeof SETTING_RANGES)[keyof DeliverySettings] | undefined;
    if (!range) {
      problems.push({ field: key, problem: `unknown setting '${key}'; use ${Object.keys(SETTING_RANGES).join(', ')}` });
      continue;
    }
    const kind = range.integer ? 'an integer' : 'a number';
    if (typeof value !== 'number' || !Number.isFinite(value) || (range.integer && !Number.isInteger(value))) {
      problems.push({ field: key, problem: `${key} must be ${kind} from ${range.min} to ${range.max}, got ${JSON.stringify(value)}` });
      continue;
    }
    if (value < range.min || value > range.max) {
      problems.push({ field: key, problem: `${key} must be ${kind} from ${range.min} to ${range.max}, got ${value}` });
      continue;
    }
    changes[key as keyof DeliverySettings] = value;
  }
  return { changes, problems };
}

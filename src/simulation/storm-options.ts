import { isRecord } from '../domain/adjustments.js';
import type { Sku } from '../domain/catalog.js';
import { isStoredStatus, KIT_STATUS, type StoredStatus } from '../domain/statuses.js';
import type { Account } from '../engine/account.js';
import { ApiError, type ErrorDetail } from '../server/errors.js';

/** Bounds of a storm request. */
export const STORM_LIMITS = {
  minRate: 1,
  maxRate: 100_000,
  maxDurationSeconds: 3600,
  /** Every change adds ledger events and an audit entry that stay in memory. */
  maxChanges: 1_000_000,
  maxSkuList: 10_000,
} as const;

/** A storm request after its checks, in the library's spelling. */
export interface StormOptions {
  account: Account;
  ratePerSecond: number;
  durationSeconds: number;
  skus: Sku[];
  statuses: StoredStatus[];
  seed?: number;
}

const FIELDS = new Set(['account', 'rate_per_s', 'duration_s', 'skus', 'statuses', 'seed']);

/**
 * Checks a `POST /__admin/storms` body: `{account?, rate_per_s, duration_s,
 * skus?, statuses?, seed?}`. Throws a 400 listing every bad field, or a 404
 * for an unknown account.
 */
export function parseStormRequest(body: unknown, accountOf: (slug: string | undefined) => Account | undefined): StormOptions {
  if (!isRecord(body)) throw ApiError.field('INVALID_BODY', 'body', 'the body must be a JSON object such as {"rate_per_s": 100, "duration_s": 10}');
  const details: ErrorDetail[] = [];
  const problem = (field: string, text: string) => details.push({ field, problem: text });

  for (const key of Object.keys(body)) {
    if (!FIELDS.has(key)) problem(key, `unknown field '${key}'; a storm takes ${[...FIELDS].join(', ')}`);
  }

  const slug = body.account;
  if (slug !== undefined && (typeof slug !== 'string' || slug === '')) {
    throw ApiError.field('INVALID_BODY', 'account', `account must be a non-empty string, got ${JSON.stringify(slug)}`);
  }
  const account = accountOf(slug);
  if (!account) {
    throw new ApiError('ACCOUNT_NOT_FOUND', slug === undefined ? 'the mock has no accounts' : `account '${slug}' not found`, {
      details: [{ field: 'account', problem: 'no such account' }],
    });
  }

  const rate = body.rate_per_s;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < STORM_LIMITS.minRate || rate > STORM_LIMITS.maxRate) {
    problem('rate_per_s', `rate_per_s must be a number from ${STORM_LIMITS.minRate} to ${STORM_LIMITS.maxRate}, got ${JSON.stringify(rate)}`);
  }
  const duration = body.duration_s;
  if (typeof duration !== 'number' || !Number.isFinite(duration) || duration <= 0 || duration > STORM_LIMITS.maxDurationSeconds) {
    problem('duration_s', `duration_s must be a number above 0 and at most ${STORM_LIMITS.maxDurationSeconds}, got ${JSON.stringify(duration)}`);
  }
  if (typeof rate === 'number' && typeof duration === 'number' && rate * duration > STORM_LIMITS.maxChanges) {
    problem('duration_s', `rate_per_s * duration_s must be at most ${STORM_LIMITS.maxChanges} changes, got ${Math.round(rate * duration)}`);
  }

  const skus = pickSkus(account, body.skus, problem);
  const statuses = pickStatuses(body.statuses, problem);

  const seed = body.seed;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)) {
    problem('seed', `seed must be an integer from 0 to ${0xffffffff}, got ${JSON.stringify(seed)}`);
  }

  if (details.length > 0) {
    throw new ApiError('INVALID_BODY', `invalid storm request: ${details.map((detail) => detail.problem).join('; ')}`, { details });
  }
  return {
    account,
    ratePerSecond: rate as number,
    durationSeconds: duration as number,
    skus,
    statuses,
    ...(seed === undefined ? {} : { seed: seed as number }),
  };
}

/** Picks the SKUs a storm changes: the first N by identifier, a named list, or all of them. */
function pickSkus(account: Account, value: unknown, problem: (field: string, text: string) => void): Sku[] {
  const all = account.skusInOrder();
  if (value === undefined) {
    if (all.length === 0) problem('skus', `account '${account.slug}' has no SKUs to change`);
    return all;
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > all.length) {
      problem('skus', `skus must be a count from 1 to ${all.length} (the account's SKUs), got ${value}`);
      return [];
    }
    return all.slice(0, value);
  }
  if (!Array.isArray(value) || value.length === 0 || value.length > STORM_LIMITS.maxSkuList) {
    problem('skus', `skus must be a count or a list of 1 to ${STORM_LIMITS.maxSkuList} customer identifiers`);
    return [];
  }
  const picked: Sku[] = [];
  const seen = new Set<string>();
  value.forEach((item, index) => {
    const sku = typeof item === 'string' ? account.skuByIdentifier(item) : undefined;
    if (!sku) {
      problem(`skus[${index}]`, `unknown SKU ${JSON.stringify(item)} in account '${account.slug}'`);
      return;
    }
    if (!seen.has(sku.id)) picked.push(sku);
    seen.add(sku.id);
  });
  return picked;
}

function pickStatuses(value: unknown, problem: (field: string, text: string) => void): StoredStatus[] {
  if (value === undefined) return ['available'];
  if (!Array.isArray(value) || value.length === 0) {
    problem('statuses', 'statuses must be a non-empty list of inventory statuses');
    return [];
  }
  const picked: StoredStatus[] = [];
  value.forEach((item, index) => {
    if (item === KIT_STATUS || !isStoredStatus(item)) {
      problem(`statuses[${index}]`, `${JSON.stringify(item)} is not a status that adjustments can change`);
    } else if (!picked.includes(item)) {
      picked.push(item);
    }
  });
  return picked;
}

import { ApiError } from '../server/errors.js';
import type { RequestFilter } from './types.js';

/** Most entries one journal query returns. */
export const MAX_PAGE = 10_000;

/**
 * Checks journal filters, given as query strings or as values from code.
 * Throws a 400 INVALID_QUERY naming the bad filter.
 */
export function readFilter(input: Record<string, unknown>): RequestFilter {
  const filter: RequestFilter = {};
  const text = (key: string): string | undefined => {
    const value = input[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') throw ApiError.field('INVALID_QUERY', key, `${key} must be a non-empty string`);
    return value;
  };

  const account = text('account');
  if (account !== undefined) filter.account = account;
  const method = text('method');
  if (method !== undefined) filter.method = method.toUpperCase();
  const path = text('path');
  if (path !== undefined) filter.path = path;

  const status = input.status;
  if (status !== undefined) {
    const value = String(status).toLowerCase();
    if (!/^[1-5](\d\d|xx)$/.test(value)) {
      throw ApiError.field('INVALID_QUERY', 'status', 'status must be a status code such as 429 or a class such as 4xx');
    }
    filter.status = /x/.test(value) ? value : Number(value);
  }

  const limit = input.limit;
  if (limit !== undefined) {
    const value = typeof limit === 'number' ? limit : /^\d+$/.test(String(limit)) ? Number(limit) : Number.NaN;
    if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE) {
      throw ApiError.field('INVALID_QUERY', 'limit', `limit must be a whole number from 1 to ${MAX_PAGE}`);
    }
    filter.limit = value;
  }
  return filter;
}

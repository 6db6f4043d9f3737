import { isInventoryStatus } from '../domain/statuses.js';
import { parseRfc3339, type Micros } from '../domain/time.js';
import { ApiError } from './errors.js';

/** Most identifiers one `cid` list may hold. */
export const MAX_CIDS = 30;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Query parameters of one request, decoded the way browsers and HTTP clients
 * encode them (`+` is a space, percent escapes are UTF-8).
 */
export class Query {
  readonly params: URLSearchParams;

  constructor(url: string) {
    const index = url.indexOf('?');
    this.params = new URLSearchParams(index < 0 ? '' : url.slice(index + 1));
  }

  /** Rejects every key that the route does not document. */
  allowOnly(keys: readonly string[]): void {
    const allowed = new Set(keys);
    for (const key of new Set(this.params.keys())) {
      if (allowed.has(key)) continue;
      const base = key.endsWith('[]') ? key.slice(0, -2) : undefined;
      if (base !== undefined && allowed.has(base)) {
        throw ApiError.field(
          'INVALID_QUERY',
          key,
          `unknown query parameter '${key}'; send a list as ${base}=A,B or repeat ${base}=`,
        );
      }
      const accepted = keys.length === 0 ? 'this route takes no query parameters' : `this route takes ${keys.join(', ')}`;
      throw ApiError.field('INVALID_QUERY', key, `unknown query parameter '${key}'; ${accepted}`);
    }
  }

  has(key: string): boolean {
    return this.params.has(key);
  }

  /** Returns the value of a key that may appear at most once. */
  single(key: string): string | undefined {
    const values = this.params.getAll(key);
    if (values.length > 1) {
      throw ApiError.field('INVALID_QUERY', key, `${key} is given ${values.length} times; give it once`);
    }
    return values[0];
  }

  /**
   * Reads a list sent as `key=a,b`, as `key=a&key=b`, or both. The values
   * merge, duplicates count once, and every item must be non-empty.
   */
  list(key: string, options: { required: boolean; max?: number }): string[] | undefined {
    const values = this.params.getAll(key);
    if (values.length === 0) {
      if (!options.required) return undefined;
      throw ApiError.field('INVALID_QUERY', key, `${key} is required`);
    }

    const items: string[] = [];
    for (const value of values) {
      if (value === '') {
        const problem =
          values.length === 1
            ? `${key} needs at least one identifier`
            : `a repeated ${key} key carries an empty identifier`;
        throw ApiError.field('INVALID_QUERY', key, problem);
      }
      items.push(...value.split(','));
    }
    if (items.every((item) => item === '')) {
      throw ApiError.field('INVALID_QUERY', key, `the ${key} identifiers are empty`);
    }
    const empty = items.findIndex((item) => item === '');
    if (empty >= 0) {
      throw ApiError.field('INVALID_QUERY', key, `${key} item ${empty + 1} is empty`);
    }

    const distinct = [...new Set(items)];
    if (options.max !== undefined && distinct.length > options.max) {
      throw ApiError.field(
        'INVALID_SKU_LIMIT',
        key,
        `Maximum ${options.max} customer identifiers allowed per request, got ${distinct.length}`,
      );
    }
    return distinct;
  }

  /** Reads a non-negative decimal integer within bounds, written in plain digits. */
  integer(key: string, options: { min: number; max?: number; fallback: number }): number {
    const text = this.single(key);
    if (text === undefined) return options.fallback;
    const range = options.max === undefined ? `${options.min} or more` : `from ${options.min} to ${options.max}`;
    if (!/^\d{1,15}$/.test(text)) {
      throw ApiError.field('INVALID_QUERY', key, `${key} must be an integer ${range}, got '${text}'`);
    }
    const value = Number(text);
    if (value < options.min || (options.max !== undefined && value > options.max)) {
      throw ApiError.field('INVALID_QUERY', key, `${key} must be an integer ${range}, got ${value}`);
    }
    return value;
  }

  /** Reads a boolean written `true`, `false`, `1` or `0`. */
  boolean(key: string, fallback: boolean): boolean {
    const text = this.single(key);
    if (text === undefined) return fallback;
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    throw ApiError.field('INVALID_QUERY', key, `${key} must be true, false, 1 or 0, got '${text}'`);
  }

  uuid(key: string): string | undefined {
    const text = this.single(key);
    if (text === undefined) return undefined;
    if (!UUID.test(text)) {
      throw ApiError.field('INVALID_QUERY', key, `${key} must be a uuid, got '${text}'`);
    }
    return text.toLowerCase();
  }

  /** Reads an RFC 3339 date-time with an offset. */
  date(key: string): Micros | undefined {
    const text = this.single(key);
    if (text === undefined) return undefined;
    const value = parseRfc3339(text);
    if (value === undefined) {
      throw ApiError.field(
        'INVALID_DATE_FORMAT',
        key,
        `${key} must be an RFC 3339 date-time with an offset, such as 2026-01-01T00:00:00Z; got '${text}'`,
      );
    }
    return value;
  }

  statuses(key: string): Set<string> | undefined {
    const items = this.list(key, { required: false });
    if (!items) return undefined;
    for (const item of items) {
      if (!isInventoryStatus(item)) {
        throw ApiError.field('INVALID_QUERY', key, `unknown inventory status '${item}'`);
      }
    }
    return new Set(items);
  }

  /** A free-text value that must not be empty when given. */
  text(key: string): string | undefined {
    const text = this.single(key);
    if (text === '') throw ApiError.field('INVALID_QUERY', key, `${key} must not be empty`);
    return text;
  }
}

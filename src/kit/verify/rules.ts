import { describeValue, mustBe } from '../../contracts/problems.js';
import type { Problem } from '../../contracts/types.js';
import {
  GONE_STATUSES,
  KIT_STATUS,
  SELLABLE_STATUSES,
} from '../../domain/statuses.js';

/**
 * Rules of the API that a schema cannot hold, as pure functions of a
 * response body. A value of the wrong type is left to the contract check,
 * so that one fault gives one problem.
 */

type Json = Record<string, unknown>;

const gone = new Set<string>(GONE_STATUSES);
const sellable = new Set<string>(SELLABLE_STATUSES);

/** True for a JSON object that is not an array. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the objects in `body.data`, or none when the body has no array there. */
export function recordsOf(body: unknown): Json[] {
  if (!isObject(body) || !Array.isArray(body.data)) return [];
  return body.data.filter(isObject);
}

/** Returns the `customer_identifier` of every record in `body.data`. */
export function identifiersOf(body: unknown): unknown[] {
  return recordsOf(body).map((record) => record.customer_identifier);
}

/**
 * Checks `total_units` and `total_available_to_sell` of every record that
 * has `status_counts`. Units are the sum over every status except the gone
 * ones and `kit-to-ship-available`. Available-to-sell is available +
 * expected + received + `kit-to-ship-available`, a row that only kits
 * have. The rule does not apply to a response with a `status` filter,
 * because that filter trims the rows but not the totals.
 */
export function checkInventoryTotals(body: unknown): Problem[] {
  const problems: Problem[] = [];

  recordsOf(body).forEach((record, index) => {
    const rows = record.status_counts;
    if (!Array.isArray(rows)) return;
    const readable = rows.every(
      (row) =>
        isObject(row) &&
        typeof row.inventory_status === 'string' &&
        Number.isInteger(row.quantity),
    );
    if (!readable) return;

    let units = 0;
    let availableToSell = 0;
    for (const row of rows as Json[]) {
      const status = row.inventory_status as string;
      const quantity = row.quantity as number;
      if (!gone.has(status) && status !== KIT_STATUS) units += quantity;
      if (sellable.has(status) || status === KIT_STATUS) {
        availableToSell += quantity;
      }
    }

    const base = `/data/${index}`;
    if (Number.isInteger(record.total_units) && record.total_units !== units) {
      problems.push(
        mustBe(
          `${base}/total_units`,
          `${units}, the sum of status_counts without the gone statuses ` +
            'and kit-to-ship-available',
          String(record.total_units),
        ),
      );
    }
    const ats = record.total_available_to_sell;
    if (Number.isInteger(ats) && ats !== availableToSell) {
      problems.push(
        mustBe(
          `${base}/total_available_to_sell`,
          `${availableToSell}, the sum of available, expected, received ` +
            'and kit-to-ship-available in status_counts',
          String(ats),
        ),
      );
    }
  });
  return problems;
}

/** The cid, limit and offset of an inventory request. */
export interface InventoryQuery {
  /** Requested identifiers, duplicates included. */
  cids: readonly string[];
  limit: number;
  offset: number;
}

/**
 * Checks `total` against the request: requested identifiers that exist
 * (distinct ones, less `missing_cids`), and offset + records when the page
 * is shorter than the limit.
 */
export function checkInventoryTotal(
  body: unknown,
  query: InventoryQuery,
): Problem[] {
  if (!isObject(body)) return [];
  const { total, data } = body;
  const missing = body.missing_cids;
  if (!Number.isInteger(total) || !Array.isArray(data)) return [];
  if (!Array.isArray(missing)) return [];

  const requested = new Set(query.cids).size;
  const existing = requested - missing.length;
  if (total !== existing) {
    return [
      mustBe(
        '/total',
        `${existing}: ${requested} distinct identifiers requested, ` +
          `${missing.length} of them in missing_cids`,
        String(total),
      ),
    ];
  }

  const shortPage = data.length < query.limit && query.offset < existing;
  if (shortPage && query.offset + data.length !== total) {
    return [
      mustBe(
        '/total',
        `${query.offset + data.length}, the offset plus the records of a ` +
          'page shorter than the limit',
        String(total),
      ),
    ];
  }
  return [];
}

const ERROR_CODE = /^[A-Z][A-Z0-9_]*$/;

/**
 * Returns the first way an error body breaks the documented shape
 * `{message, error: {code, message, details}}`, in the order a client
 * reads it, or undefined when the shape holds. Once `error` is not an
 * object nothing else can be read, so one broken body gives one problem.
 */
export function errorShapeProblem(body: unknown): Problem | undefined {
  const shape = 'an object {message, error: {code, message, details}}';
  if (!isObject(body)) return mustBe('', shape, describeValue(body));

  const error = body.error;
  if (!isObject(error)) {
    return mustBe(
      '/error',
      'an object with code, message and details',
      describeValue(error),
    );
  }
  if (typeof error.code !== 'string' || !ERROR_CODE.test(error.code)) {
    return mustBe(
      '/error/code',
      'an UPPER_SNAKE string',
      describeValue(error.code),
    );
  }
  if (typeof error.message !== 'string' || error.message === '') {
    return mustBe(
      '/error/message',
      'a non-empty string',
      describeValue(error.message),
    );
  }
  if (typeof body.message !== 'string' || body.message === '') {
    return mustBe('/message', 'a non-empty string', describeValue(body.message));
  }
  if (error.details !== undefined && !Array.isArray(error.details)) {
    return mustBe('/error/details', 'an array', describeValue(error.details));
  }
  return undefined;
}

/** Reads `error.code` of an error body, when it has the documented shape. */
export function errorCodeOf(body: unknown): string | undefined {
  if (errorShapeProblem(body) !== undefined) return undefined;
  return ((body as Json).error as Json).code as string;
}

/** Reads the `field` of every `error.details` entry. */
export function errorFieldsOf(body: unknown): string[] {
  if (!isObject(body) || !isObject(body.error)) return [];
  const details = body.error.details;
  if (!Array.isArray(details)) return [];
  return details
    .filter(isObject)
    .map((detail) => detail.field)
    .filter((field): field is string => typeof field === 'string');
}

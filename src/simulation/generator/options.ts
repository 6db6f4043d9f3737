import { parseRfc3339 } from '../../domain/time.js';
import type { Micros } from '../../domain/time.js';
import { METROS } from './locations.js';

export interface GenerateAccountOptions {
  slug: string;
  /** Seed of the account's own Faker instance. */
  seed: number;
  /** SKUs in total, kits and `extraSkuIdentifiers` included. */
  skuCount: number;
  /** Distribution centers, 1 to 14 (default 3). */
  locationCount?: number;
  /** Number of SKUs that are kits, placed last (default 0). */
  kitCount?: number;
  /** RFC 3339 time of the stock rows' ledger events. */
  stockedAt: string;
  /** Identifiers of the first SKUs, in order. Each has stock everywhere. */
  extraSkuIdentifiers?: string[];
  /** Written as the account's `callback_secret` when given. */
  callbackSecret?: string;
}

export interface Settings {
  skuCount: number;
  locationCount: number;
  kitCount: number;
  stockedAt: Micros;
  extraSkuIdentifiers: readonly string[];
}

export function checkOptions(options: GenerateAccountOptions): Settings {
  const {
    skuCount,
    locationCount = 3,
    kitCount = 0,
    extraSkuIdentifiers = [],
  } = options;
  const stockedAt = parseRfc3339(options.stockedAt);

  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(options.slug)) {
    throw new RangeError(
      `Invalid slug '${options.slug}': use 1 to 63 lower-case letters, ` +
        'digits and hyphens, starting with a letter or digit.',
    );
  }
  if (
    options.callbackSecret !== undefined &&
    !/^whsec_[A-Za-z0-9+/=]+$/.test(options.callbackSecret)
  ) {
    throw new RangeError(
      'Invalid callbackSecret: expected whsec_ followed by base64.',
    );
  }
  if (stockedAt === undefined) {
    throw new RangeError(
      `Invalid stockedAt '${options.stockedAt}': expected an RFC 3339 ` +
        'date-time with an offset, such as 2026-01-01T00:00:00Z.',
    );
  }
  requireInteger('seed', options.seed, Number.MIN_SAFE_INTEGER);
  requireInteger('skuCount', skuCount, 0);
  requireInteger('locationCount', locationCount, 1, METROS.length);
  requireInteger('kitCount', kitCount, 0, skuCount);

  const nonKitCount = skuCount - kitCount;
  if (kitCount > 0 && nonKitCount < 2) {
    throw new RangeError(
      `Invalid kitCount ${kitCount}: kits need at least 2 non-kit SKUs, ` +
        `but skuCount ${skuCount} leaves ${nonKitCount}.`,
    );
  }
  if (extraSkuIdentifiers.length > nonKitCount) {
    throw new RangeError(
      `Too many extraSkuIdentifiers (${extraSkuIdentifiers.length}): ` +
        `skuCount minus kitCount leaves room for ${nonKitCount}.`,
    );
  }
  if (new Set(extraSkuIdentifiers).size !== extraSkuIdentifiers.length) {
    throw new RangeError('extraSkuIdentifiers contains a duplicate.');
  }

  return { skuCount, locationCount, kitCount, stockedAt, extraSkuIdentifiers };
}

function requireInteger(
  name: string,
  value: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `Invalid ${name} ${value}: expected an integer from ${min} to ${max}.`,
    );
  }
}

import type { Location, Sku } from '../domain/catalog.js';
import { formatRfc3339 } from '../domain/time.js';
import type { Account } from '../engine/account.js';
import type { AccountFixture, LocationFixture, SkuFixture, StockFixture } from '../engine/fixture-format.js';
import { UNLIMITED_CAPACITY } from '../engine/load.js';

/**
 * Dumps one account's catalog and current counts as fixture JSON. Each
 * non-zero (SKU, location, status) count becomes one stock row dated at its
 * last change, so loading the dump gives the same counts and `as_of` times.
 * The ledger's history, the audit trail, callback registrations and pairs
 * that went back to zero are not part of a fixture, so a load starts without
 * them. Loading a dump without a secret keeps the account's current one.
 */
export function dumpAccount(account: Account): AccountFixture {
  const skus = account.skusInOrder();
  const stock: StockFixture[] = [];
  for (const sku of skus) {
    for (const pair of account.pairs(sku.id)) {
      if (pair.quantity === 0) continue;
      stock.push({
        customer_identifier: sku.customer_identifier,
        inventory_location_id: pair.location_id,
        inventory_status: pair.status,
        quantity: pair.quantity,
        at: formatRfc3339(pair.as_of),
      });
    }
  }

  return {
    slug: account.slug,
    callback_secret: account.callbackSecret,
    locations: account.locations.map(locationFixture),
    skus: skus.map(skuFixture),
    stock,
  };
}

function locationFixture(location: Location): LocationFixture {
  return {
    id: location.id,
    name: location.name,
    street_line_one: location.street_line_one,
    ...(location.street_line_two ? { street_line_two: location.street_line_two } : {}),
    ...(location.street_line_three ? { street_line_three: location.street_line_three } : {}),
    city: location.city,
    locale_code: location.locale_code,
    postal_code: location.postal_code,
    short_code: location.short_code,
    timezone: location.timezone,
    ...(location.capacity === UNLIMITED_CAPACITY ? {} : { capacity: location.capacity }),
    weight: location.weight,
    created_at: formatRfc3339(location.created_at),
    updated_at: formatRfc3339(location.updated_at),
  };
}

function skuFixture(sku: Sku): SkuFixture {
  return {
    id: sku.id,
    customer_identifier: sku.customer_identifier,
    is_kit: sku.is_kit,
    ...(sku.is_kit
      ? {
          kit_skus: sku.kit_skus.map((component) => ({
            customer_identifier: component.customer_identifier,
            quantity: component.quantity,
          })),
        }
      : {}),
    customer_bar_code: sku.customer_bar_code,
    brand_name: sku.brand_name,
    product_name: sku.product_name,
    product_category: sku.product_category,
    product_sub_category: sku.product_sub_category,
    product_description: sku.product_description,
    customer_brand_code: sku.customer_brand_code,
    vendor_brand_code: sku.vendor_brand_code,
    dim_weight: sku.dim_weight,
    dim_length: sku.dim_length,
    dim_width: sku.dim_width,
    dim_height: sku.dim_height,
    dim_volume: sku.dim_volume,
    created_at: formatRfc3339(sku.created_at),
    updated_at: formatRfc3339(sku.updated_at),
  };
}

/** Size and clock of one account, as `GET /__admin/accounts` lists it. */
export function accountSummary(account: Account): AccountSummary {
  return {
    slug: account.slug,
    locations: account.locations.length,
    skus: account.skuCount,
    ledger_events: account.ledger.size,
    clock: { mode: account.clock.mode, now: formatRfc3339(account.clock.now()) },
  };
}

export interface AccountSummary {
  slug: string;
  locations: number;
  skus: number;
  ledger_events: number;
  clock: { mode: 'manual' | 'real'; now: string };
}

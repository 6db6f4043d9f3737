import { formatAddress, type Location, type Sku } from '../domain/catalog.js';
import { skuCounts, type CountOptions } from '../domain/counts.js';
import type { LedgerEvent, PairCount } from '../domain/ledger.js';
import { formatRfc3339, type Micros } from '../domain/time.js';
import type { Account } from './account.js';
import type { AuditEntry } from './audit.js';

/** At most this many ledger events are listed per inventory record. */
export const EVENTS_PER_RECORD = 30;

export interface InventoryViewOptions extends CountOptions {
  /** Replays the ledger at this time instead of reading the projection. */
  at?: Micros;
  includeLedger?: boolean;
  /** Lists exactly these events instead of the SKU's latest ones. */
  events?: readonly LedgerEvent[];
}

export type WireObject = Record<string, unknown>;

/** Builds one SKU's counts at `at`, or now, from the ledger. */
export function countsOf(account: Account, sku: Sku, options: InventoryViewOptions = {}) {
  const pairs = account.pairs(sku.id, options.at);
  let kit: { components: Sku['kit_skus']; componentPairs: Map<string, PairCount[]> } | undefined;
  if (sku.is_kit) {
    const componentPairs = new Map<string, PairCount[]>();
    for (const component of sku.kit_skus) {
      componentPairs.set(component.sku_id, account.pairs(component.sku_id, options.at));
    }
    kit = { components: sku.kit_skus, componentPairs };
  }
  return skuCounts({ createdAt: sku.created_at, pairs, ...(kit ? { kit } : {}) }, options);
}

/** Shapes one SKU as a record of the inventory route, of callbacks and of snapshots. */
export function inventoryRecord(account: Account, sku: Sku, options: InventoryViewOptions = {}): WireObject {
  const counts = countsOf(account, sku, options);
  const record: WireObject = {
    sku_id: sku.id,
    customer_identifier: sku.customer_identifier,
    total_units: counts.total_units,
    total_available_to_sell: counts.total_available_to_sell,
    as_of: formatRfc3339(counts.as_of),
  };
  if (options.includeLedger === false) return record;

  record.status_counts = counts.status_counts.map((row) => {
    const location = account.location(row.inventory_location_id);
    return {
      inventory_location_id: row.inventory_location_id,
      inventory_location_address: location ? formatAddress(location) : '',
      inventory_status: row.inventory_status,
      quantity: row.quantity,
      as_of: formatRfc3339(row.as_of),
    };
  });
  record.inventory_events = (options.events ?? latestEvents(account, sku, options)).map((event) =>
    wireEvent(account, sku, event),
  );
  return record;
}

/** Most cached record renderings per account before the cache starts afresh. */
const RENDER_CACHE_LIMIT = 50_000;

const renderCache = new WeakMap<Account, Map<string, { version: string; text: string }>>();

/** Returns a string that changes whenever anything in a SKU's current record may have changed. */
export function renderVersion(account: Account, sku: Sku): string {
  let version = `${account.catalogVersion}:${account.ledger.eventsOf(sku.id).length}`;
  for (const component of sku.kit_skus) version += `:${account.ledger.eventsOf(component.sku_id).length}`;
  return version;
}

/**
 * Renders one SKU's current record as JSON text, reusing the last rendering
 * while nothing it shows has changed. Point-in-time records are not cached.
 */
export function inventoryRecordJson(account: Account, sku: Sku, options: InventoryViewOptions = {}): string {
  if (options.at !== undefined || options.events !== undefined) {
    return JSON.stringify(inventoryRecord(account, sku, options));
  }
  let cache = renderCache.get(account);
  if (!cache) {
    cache = new Map();
    renderCache.set(account, cache);
  }
  const statuses = options.statuses ? [...options.statuses].sort().join(',') : '';
  const key = `${sku.id}|${options.includeLedger !== false}|${options.locationId ?? ''}|${statuses}`;
  const version = renderVersion(account, sku);
  const cached = cache.get(key);
  if (cached?.version === version) return cached.text;

  const text = JSON.stringify(inventoryRecord(account, sku, options));
  if (cache.size >= RENDER_CACHE_LIMIT) cache.clear();
  cache.set(key, { version, text });
  return text;
}

function latestEvents(account: Account, sku: Sku, options: InventoryViewOptions): LedgerEvent[] {
  const all = account.ledger.eventsOf(sku.id);
  const picked: LedgerEvent[] = [];
  for (let i = all.length - 1; i >= 0 && picked.length < EVENTS_PER_RECORD; i--) {
    const event = all[i] as LedgerEvent;
    if (options.at !== undefined && event.at > options.at) continue;
    if (options.locationId !== undefined && event.location_id !== options.locationId) continue;
    picked.push(event);
  }
  return picked;
}

export function wireEvent(account: Account, sku: Sku, event: LedgerEvent): WireObject {
  return {
    id: event.id,
    sku_id: sku.id,
    customer_identifier: sku.customer_identifier,
    inventory_location_id: event.location_id,
    event_type: event.status,
    quantity: event.quantity,
    reference_uri: event.reference === '' ? `inventory-mock:${account.slug}:ledger:${event.seq}` : event.reference,
    actor_uri: `inventory-mock:${account.slug}:actor:${encodeURIComponent(event.actor)}`,
    occured_at: formatRfc3339(event.at),
  };
}

export function wireLocation(account: Account, location: Location): WireObject {
  const room = account.usedRoom(location.id);
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
    created_at: formatRfc3339(location.created_at),
    updated_at: formatRfc3339(location.updated_at),
    ...(location.deleted_at === undefined ? {} : { deleted_at: formatRfc3339(location.deleted_at) }),
    address: formatAddress(location),
    capacity: location.capacity,
    units_on_hand: room.onHand,
    weight: location.weight,
  };
}

export function wireSku(sku: Sku): WireObject {
  const { created_at, updated_at, kit_skus, ...fields } = sku;
  return {
    ...fields,
    kit_skus: kit_skus.map((component) => ({ ...component })),
    created_at: formatRfc3339(created_at),
    updated_at: formatRfc3339(updated_at),
  };
}

export function wireAudit(entry: AuditEntry): WireObject {
  return { ...entry, adjusted_at: formatRfc3339(entry.adjusted_at) };
}

import type { Sku } from '../domain/catalog.js';
import { kitAvailability } from '../domain/counts.js';
import { pairKey, type LedgerEvent, type PairCount } from '../domain/ledger.js';
import type { Micros } from '../domain/time.js';
import type { Account } from '../engine/account.js';

/**
 * A position in an account's history: the ledger as it stood at `asOf`,
 * counting only the first `seq` events. Ledger times never go backwards, so
 * events appended later can only be later in time or at exactly `asOf`, and
 * `seq` distinguishes the second kind from what a snapshot already covered.
 */
export interface LedgerPoint {
  asOf: Micros;
  seq: number;
}

/** Orders SKUs as GET `skus` pages them: ascending `customer_identifier`. */
function byIdentifier(a: Sku, b: Sku): number {
  if (a.customer_identifier < b.customer_identifier) return -1;
  return a.customer_identifier > b.customer_identifier ? 1 : 0;
}

function pairsAt(account: Account, skuId: string, point: LedgerPoint): PairCount[] {
  const pairs = new Map<string, PairCount>();
  for (const event of account.ledger.eventsOf(skuId)) {
    if (event.at > point.asOf) break;
    if (event.seq > point.seq) continue;
    const key = pairKey(event.location_id, event.status);
    const pair = pairs.get(key);
    if (pair) pair.quantity += event.quantity;
    else pairs.set(key, { location_id: event.location_id, status: event.status, quantity: event.quantity, as_of: event.at });
  }
  return [...pairs.values()];
}

/** Non-zero quantities of one SKU at a point, kit rows included, by (location, status). */
function quantitiesAt(account: Account, sku: Sku, point: LedgerPoint): Map<string, number> {
  const result = new Map<string, number>();
  for (const pair of pairsAt(account, sku.id, point)) {
    if (pair.quantity !== 0) result.set(pairKey(pair.location_id, pair.status), pair.quantity);
  }
  if (sku.is_kit) {
    const componentPairs = new Map<string, PairCount[]>();
    for (const component of sku.kit_skus) componentPairs.set(component.sku_id, pairsAt(account, component.sku_id, point));
    for (const row of kitAvailability(sku.kit_skus, componentPairs)) {
      if (row.quantity !== 0) result.set(pairKey(row.inventory_location_id, row.inventory_status), row.quantity);
    }
  }
  return result;
}

function sameQuantities(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, quantity] of a) if (b.get(key) !== quantity) return false;
  return true;
}

/** SKU ids with an event after `from` (later in time or later in the ledger) and not after `to`. */
function candidateSkuIds(account: Account, from: LedgerPoint, to: LedgerPoint): Set<string> {
  const ids = account.ledger.skusChangedBetween(from.asOf, to.asOf);
  const events = account.ledger.all();
  for (let i = from.seq; i < Math.min(events.length, to.seq); i++) {
    const event = events[i] as LedgerEvent;
    if (event.at <= to.asOf) ids.add(event.sku_id);
  }
  return ids;
}

/**
 * Lists the SKUs whose counts differ between two points. Candidates are the
 * SKUs with ledger events in between plus the kits that use one of them.
 * Each candidate's replayed quantities are then compared, so a +1 followed
 * by a −1 is no change, while a kit whose component availability moved is.
 */
export function skusChangedBetween(account: Account, from: LedgerPoint, to: LedgerPoint): Sku[] {
  const [start, end] = from.asOf <= to.asOf ? [from, to] : [to, from];
  const candidates = new Map<string, Sku>();
  for (const skuId of candidateSkuIds(account, start, end)) {
    const sku = account.skuById(skuId);
    if (sku) candidates.set(sku.id, sku);
    for (const kit of account.kitsUsing(skuId)) candidates.set(kit.id, kit);
  }

  const changed: Sku[] = [];
  for (const sku of candidates.values()) {
    if (!sameQuantities(quantitiesAt(account, sku, start), quantitiesAt(account, sku, end))) changed.push(sku);
  }
  return changed.sort(byIdentifier);
}

/** Lists the SKUs of a snapshot at `point`: all of them, or for a delta those changed since `since`. */
export function snapshotSkus(account: Account, point: LedgerPoint, since: LedgerPoint | undefined): Sku[] {
  if (since === undefined) return account.skusInOrder();
  return skusChangedBetween(account, since, point);
}

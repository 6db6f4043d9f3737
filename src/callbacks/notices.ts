import type { LedgerEvent } from '../domain/ledger.js';
import type { Micros } from '../domain/time.js';
import type { Account } from '../engine/account.js';
import { EVENTS_PER_RECORD, inventoryRecord, type WireObject } from '../engine/inventory-view.js';
import type { ChangeNotice } from '../engine/outbox.js';

/** The change of one SKU since its last message: its new ledger events. */
export interface SkuChange {
  skuId: string;
  eventIds: Set<string>;
  /** Time of the earliest change. */
  changedAt: Micros;
}

/** Merges notices into one change per SKU, in order of first appearance. */
export function groupNotices(notices: readonly ChangeNotice[], into = new Map<string, SkuChange>()): Map<string, SkuChange> {
  for (const notice of notices) {
    let change = into.get(notice.sku_id);
    if (!change) {
      change = { skuId: notice.sku_id, eventIds: new Set(), changedAt: notice.at };
      into.set(notice.sku_id, change);
    }
    for (const id of notice.event_ids) change.eventIds.add(id);
  }
  return into;
}

/** One SKU's record for a skuInventoryChange message. */
export interface SkuRecord {
  skuId: string;
  customerIdentifier: string;
  record: WireObject;
  changedAt: Micros;
}

/**
 * Builds the records of changed SKUs with their current counts. Each record
 * lists the ledger events it reports, newest first, at most 30. Those events
 * are always the latest of the SKU, because every later event is part of the
 * same change, so the scan stops as soon as they are found.
 */
export function inventoryRecords(account: Account, changes: Iterable<SkuChange>): SkuRecord[] {
  const records: SkuRecord[] = [];
  for (const change of changes) {
    const sku = account.skuById(change.skuId);
    if (!sku) continue;
    const wanted = Math.min(change.eventIds.size, EVENTS_PER_RECORD);
    const history = account.ledger.eventsOf(sku.id);
    const events: LedgerEvent[] = [];
    for (let i = history.length - 1; i >= 0 && events.length < wanted; i--) {
      const event = history[i] as LedgerEvent;
      if (change.eventIds.has(event.id)) events.push(event);
    }
    records.push({
      skuId: sku.id,
      customerIdentifier: sku.customer_identifier,
      record: inventoryRecord(account, sku, { events }),
      changedAt: change.changedAt,
    });
  }
  return records;
}

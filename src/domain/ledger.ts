import type { StoredStatus } from './statuses.js';
import type { Micros } from './time.js';

/** One appended change: a signed quantity of one SKU in one (location, status). */
export interface LedgerEvent {
  id: string;
  /** Position in the account's ledger, from 1; orders events of equal time. */
  seq: number;
  sku_id: string;
  location_id: string;
  status: StoredStatus;
  quantity: number;
  at: Micros;
  reason: string;
  actor: string;
  reference: string;
  /** Shared by the events of one distributed inbound record. */
  distribution_id?: string;
}

export type NewLedgerEvent = Omit<LedgerEvent, 'seq'>;

/** Current quantity of one (location, status) pair, with its last change. */
export interface PairCount {
  location_id: string;
  status: StoredStatus;
  quantity: number;
  as_of: Micros;
}

export function pairKey(locationId: string, status: string): string {
  return `${locationId}\u0000${status}`;
}

/**
 * The event-sourced ledger of one account: an append-only list of events,
 * indexed per SKU in time order, and a projection of current counts that is
 * kept up to date on every append.
 */
export class Ledger {
  readonly #events: LedgerEvent[] = [];
  readonly #bySku = new Map<string, LedgerEvent[]>();
  readonly #projection = new Map<string, Map<string, PairCount>>();

  get size(): number {
    return this.#events.length;
  }

  /** Time of the latest event, or undefined for an empty ledger. */
  get lastAt(): Micros | undefined {
    return this.#events.at(-1)?.at;
  }

  get firstAt(): Micros | undefined {
    return this.#events[0]?.at;
  }

  /**
   * Appends events in order, taking ownership of the objects (their `seq` is
   * set here). The caller has checked that no count goes below zero. Times
   * must not go backwards, so that replays stay exact.
   */
  append(events: readonly NewLedgerEvent[]): LedgerEvent[] {
    const last = this.lastAt ?? Number.NEGATIVE_INFINITY;
    for (const event of events) {
      if (event.at < last) {
        throw new RangeError(`ledger time went backwards: ${event.at} < ${last}`);
      }
    }

    return events.map((event) => {
      // The caller hands over fresh objects, so they are stored as they are.
      const stored = event as LedgerEvent;
      stored.seq = this.#events.length + 1;
      this.#events.push(stored);

      let list = this.#bySku.get(stored.sku_id);
      if (!list) {
        list = [];
        this.#bySku.set(stored.sku_id, list);
      }
      list.push(stored);

      applyToPairs(this.#pairsOf(stored.sku_id), stored);
      return stored;
    });
  }

  /** Current quantity of one pair; 0 when the pair never had an event. */
  quantity(skuId: string, locationId: string, status: string): number {
    return this.#projection.get(skuId)?.get(pairKey(locationId, status))?.quantity ?? 0;
  }

  /** Current pairs of one SKU, including those that went back to zero. */
  pairs(skuId: string): PairCount[] {
    return [...(this.#projection.get(skuId)?.values() ?? [])];
  }

  /** Pairs of one SKU rebuilt from its events up to and including `at`. */
  replay(skuId: string, at: Micros): PairCount[] {
    const events = this.#bySku.get(skuId) ?? [];
    const end = upperBound(events, at);
    const pairs = new Map<string, PairCount>();
    for (let i = 0; i < end; i++) {
      applyToPairs(pairs, events[i] as LedgerEvent);
    }
    return [...pairs.values()];
  }

  /** Events of one SKU, oldest first. */
  eventsOf(skuId: string): readonly LedgerEvent[] {
    return this.#bySku.get(skuId) ?? [];
  }

  /** Returns every event, oldest first. */
  all(): readonly LedgerEvent[] {
    return this.#events;
  }

  /** SKUs with at least one event in the half-open interval (from, to]. */
  skusChangedBetween(from: Micros, to: Micros): Set<string> {
    const changed = new Set<string>();
    for (const [skuId, events] of this.#bySku) {
      const start = upperBound(events, from);
      const event = events[start];
      if (event && event.at <= to) changed.add(skuId);
    }
    return changed;
  }

  #pairsOf(skuId: string): Map<string, PairCount> {
    let pairs = this.#projection.get(skuId);
    if (!pairs) {
      pairs = new Map();
      this.#projection.set(skuId, pairs);
    }
    return pairs;
  }
}

function applyToPairs(pairs: Map<string, PairCount>, event: LedgerEvent): void {
  const key = pairKey(event.location_id, event.status);
  const pair = pairs.get(key);
  if (pair) {
    pair.quantity += event.quantity;
    pair.as_of = event.at;
  } else {
    pairs.set(key, {
      location_id: event.location_id,
      status: event.status,
      quantity: event.quantity,
      as_of: event.at,
    });
  }
}

/** Index of the first event later than `at`, by binary search. */
function upperBound(events: readonly LedgerEvent[], at: Micros): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((events[mid] as LedgerEvent).at <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}

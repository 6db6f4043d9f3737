import type { AdjustmentStep } from '../domain/adjustments.js';
import type { Location, Sku } from '../domain/catalog.js';
import { splitInbound } from '../domain/distribution.js';
import { Ledger, type LedgerEvent, type NewLedgerEvent, type PairCount } from '../domain/ledger.js';
import { countsAsOnHand, type StoredStatus } from '../domain/statuses.js';
import type { Micros } from '../domain/time.js';
import type { Clock } from '../simulation/clock.js';
import type { AuditEntry } from './audit.js';
import { IdSource } from './ids.js';
import { Outbox } from './outbox.js';

export interface CommitOptions {
  /** Writes audit entries and change notices; off only for fixture loading. */
  audited?: boolean;
  distributionId?: string;
  idempotencyKey?: string;
  reference?: string;
  /** Time of the events; defaults to now. Fixture rows carry their own. */
  at?: Micros;
}

export interface CommitResult {
  audit: AuditEntry[];
  events: LedgerEvent[];
}

/**
 * The whole state of one account: catalog, ledger, audit trail and outbox.
 * Every change goes through `commit`, which appends the ledger events, writes
 * one audit entry per step and queues one change notice per affected SKU (kits
 * whose components changed included), all in one synchronous step.
 */
export class Account {
  readonly slug: string;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly ledger = new Ledger();
  readonly outbox = new Outbox();
  readonly locations: Location[] = [];
  readonly #locationsById = new Map<string, Location>();
  readonly #skusById = new Map<string, Sku>();
  readonly #skusByIdentifier = new Map<string, Sku>();
  /** Component SKU id to the ids of kits that use it. */
  readonly #kitsByComponent = new Map<string, Set<string>>();
  readonly audit: AuditEntry[] = [];
  /** Per-center unit totals for the capacity rule, kept up to date on commit. */
  readonly #room = new Map<string, { onHand: number; expected: number }>();
  callbackSecret: string;
  /** Results of succeeded adjustment records, by idempotency key. */
  readonly idempotency = new Map<string, { fingerprint: string; result: unknown }>();

  constructor(options: { slug: string; clock: Clock; seed: number; callbackSecret: string }) {
    this.slug = options.slug;
    this.clock = options.clock;
    this.ids = new IdSource(options.seed);
    this.callbackSecret = options.callbackSecret;
  }

  /** Current time of this account's clock, never earlier than its last event. */
  now(): Micros {
    return Math.max(this.clock.now(), this.ledger.lastAt ?? Number.NEGATIVE_INFINITY);
  }

  /** Bumped on every catalog or location change, so cached renderings go stale. */
  catalogVersion = 0;

  addLocation(location: Location): void {
    this.catalogVersion++;
    this.locations.push(location);
    this.#locationsById.set(location.id, location);
  }

  location(id: string): Location | undefined {
    return this.#locationsById.get(id);
  }

  /** Adds a SKU or replaces the one with the same id. */
  putSku(sku: Sku): void {
    this.catalogVersion++;
    const previous = this.#skusById.get(sku.id);
    if (previous) {
      this.#skusByIdentifier.delete(previous.customer_identifier);
      for (const component of previous.kit_skus) {
        this.#kitsByComponent.get(component.sku_id)?.delete(previous.id);
      }
    }
    this.#skusById.set(sku.id, sku);
    this.#skusByIdentifier.set(sku.customer_identifier, sku);
    for (const component of sku.kit_skus) {
      let kits = this.#kitsByComponent.get(component.sku_id);
      if (!kits) {
        kits = new Set();
        this.#kitsByComponent.set(component.sku_id, kits);
      }
      kits.add(sku.id);
    }
  }

  skuById(id: string): Sku | undefined {
    return this.#skusById.get(id);
  }

  skuByIdentifier(customerIdentifier: string): Sku | undefined {
    return this.#skusByIdentifier.get(customerIdentifier);
  }

  /** Returns every SKU, in ascending `customer_identifier` order. */
  skusInOrder(): Sku[] {
    return [...this.#skusById.values()].sort(byIdentifier);
  }

  get skuCount(): number {
    return this.#skusById.size;
  }

  /** Kits that use this SKU as a component. */
  kitsUsing(skuId: string): Sku[] {
    const ids = this.#kitsByComponent.get(skuId);
    if (!ids) return [];
    return [...ids].map((id) => this.#skusById.get(id)).filter((sku): sku is Sku => sku !== undefined);
  }

  isComponent(skuId: string): boolean {
    return (this.#kitsByComponent.get(skuId)?.size ?? 0) > 0;
  }

  quantity(skuId: string, locationId: string, status: StoredStatus): number {
    return this.ledger.quantity(skuId, locationId, status);
  }

  /** Current pairs of a SKU, or its pairs replayed at `at`. */
  pairs(skuId: string, at?: Micros): PairCount[] {
    return at === undefined ? this.ledger.pairs(skuId) : this.ledger.replay(skuId, at);
  }

  /** Units stored at a center now, as the capacity rule counts them. */
  usedRoom(locationId: string): { onHand: number; expected: number } {
    return this.#room.get(locationId) ?? { onHand: 0, expected: 0 };
  }

  /** Splits inbound units over the centers by this account's policy. */
  distribute(quantity: number): { location_id: string; quantity: number }[] | undefined {
    const centers = this.locations
      .filter((location) => location.deleted_at === undefined)
      .map((location) => {
        const room = this.usedRoom(location.id);
        return {
          location_id: location.id,
          weight: location.weight,
          capacity: location.capacity,
          used: room.onHand + room.expected,
        };
      });
    return splitInbound(quantity, centers);
  }

  /**
   * Appends the steps of one planned change. The plan was checked against
   * the current counts in the same synchronous turn, so nothing can have
   * changed in between and no count goes below zero.
   */
  commit(steps: readonly AdjustmentStep[], options: CommitOptions = {}): CommitResult {
    const at = options.at ?? this.now();
    const audited = options.audited ?? true;
    const reference = options.reference ?? '';

    const newEvents: NewLedgerEvent[] = [];
    const audit: AuditEntry[] = [];
    const event = (step: AdjustmentStep, status: StoredStatus, quantity: number): NewLedgerEvent => {
      const created: NewLedgerEvent = {
        id: this.ids.uuid(),
        sku_id: step.sku.id,
        location_id: step.location_id,
        status,
        quantity,
        at,
        reason: step.reason,
        actor: step.actor,
        reference,
      };
      if (options.distributionId !== undefined) created.distribution_id = options.distributionId;
      return created;
    };
    for (const step of steps) {
      newEvents.push(event(step, step.status, step.change));
      if (step.to_status) newEvents.push(event(step, step.to_status, -step.change));
      if (audited) audit.push(this.#auditEntry(step, at, options));
    }

    const events = this.ledger.append(newEvents);
    for (const event of events) this.#countRoom(event);
    for (const entry of audit) this.audit.push(entry);
    if (audited) this.#notify(events, at);
    return { audit, events };
  }

  #countRoom(event: LedgerEvent): void {
    let room = this.#room.get(event.location_id);
    if (!room) {
      room = { onHand: 0, expected: 0 };
      this.#room.set(event.location_id, room);
    }
    if (event.status === 'expected') room.expected += event.quantity;
    else if (countsAsOnHand(event.status)) room.onHand += event.quantity;
  }

  #auditEntry(step: AdjustmentStep, at: Micros, options: CommitOptions): AuditEntry {
    return {
      id: this.ids.uuid(),
      customer_identifier: step.sku.customer_identifier,
      sku_id: step.sku.id,
      inventory_location_id: step.location_id,
      inventory_status: step.status,
      ...(step.to_status === undefined
        ? {}
        : {
            to_status: step.to_status,
            to_previous_quantity: step.to_previous_quantity ?? 0,
            to_new_quantity: step.to_new_quantity ?? 0,
          }),
      previous_quantity: step.previous_quantity,
      new_quantity: step.new_quantity,
      adjustment_quantity: step.to_status === undefined ? step.change : -step.change,
      adjustment_reason: step.reason,
      adjusted_by: step.actor,
      ...(step.notes === undefined ? {} : { adjustment_notes: step.notes }),
      adjusted_at: at,
      ...(options.distributionId === undefined ? {} : { distribution_id: options.distributionId }),
      ...(options.idempotencyKey === undefined ? {} : { idempotency_key: options.idempotencyKey }),
    };
  }

  /** Queues one notice per changed SKU and per kit that uses one of them. */
  #notify(events: readonly LedgerEvent[], at: Micros): void {
    const bySku = new Map<string, string[]>();
    for (const event of events) {
      const ids = bySku.get(event.sku_id) ?? [];
      ids.push(event.id);
      bySku.set(event.sku_id, ids);
    }
    for (const skuId of [...bySku.keys()]) {
      for (const kit of this.kitsUsing(skuId)) {
        if (!bySku.has(kit.id)) bySku.set(kit.id, []);
      }
    }
    this.outbox.push(
      [...bySku.entries()].map(([skuId, eventIds]) => ({ sku_id: skuId, event_ids: eventIds, at })),
    );
  }
}

/** Orders SKUs by `customer_identifier`, by UTF-16 code unit like a plain `<`. */
function byIdentifier(a: Sku, b: Sku): number {
  if (a.customer_identifier < b.customer_identifier) return -1;
  if (a.customer_identifier > b.customer_identifier) return 1;
  return 0;
}

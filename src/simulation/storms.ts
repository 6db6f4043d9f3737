import type { Logger } from 'pino';
import type { Location, Sku } from '../domain/catalog.js';
import type { StoredStatus } from '../domain/statuses.js';
import { formatRfc3339, MICROS_PER_SECOND, type Micros } from '../domain/time.js';
import type { Account } from '../engine/account.js';
import { deriveSeed, IdSource } from '../engine/ids.js';
import type { AccountExtension } from '../engine/mock.js';
import { applyAdjustments } from '../engine/writes.js';
import type { ServerContext } from '../server/route.js';
import type { Timer } from './clock.js';
import type { StormOptions } from './storm-options.js';

/** Maximum changes per tick, so a lagging storm lets deliveries and requests run between ticks. */
const MAX_CHANGES_PER_TICK = 250;

/** Shortest interval between ticks: 1 ms of the account's clock. */
const MIN_TICK_MICROS = 1000;

/** Finished storms kept for GET `/__admin/storms/{id}`. */
const KEPT_FINISHED = 100;

export type StormState = 'running' | 'completed' | 'stopped';

/** A storm's progress, as the control plane shows it. */
export interface StormSummary {
  storm_id: string;
  account: string;
  state: StormState;
  rate_per_s: number;
  duration_s: number;
  skus: number;
  statuses: StoredStatus[];
  seed: number;
  planned_changes: number;
  changes_made: number;
  changes_failed: number;
  started_at: string;
  ends_at: string;
  finished_at?: string;
  stop_reason?: string;
}

/** Mulberry32: a small, fast, seeded generator of floats in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stream of random but valid inventory adjustments at a fixed rate on the
 * account's clock. Every change goes through `applyAdjustments`, so it is
 * audited and produces callbacks like a client's adjustment.
 */
export class Storm {
  readonly id: string;
  readonly account: Account;
  readonly options: StormOptions;
  readonly seed: number;
  readonly planned: number;
  readonly startedAt: Micros;
  readonly done: Promise<StormSummary>;
  state: StormState = 'running';
  made = 0;
  failed = 0;
  finishedAt: Micros | undefined;
  stopReason: string | undefined;
  /** SKUs that at least one successful change touched. */
  readonly touched = new Set<Sku>();
  readonly #random: () => number;
  readonly #locations: Location[];
  readonly #tickMicros: number;
  readonly #logger: Logger;
  #timer: Timer | undefined;
  #resolve: (summary: StormSummary) => void = () => {};

  constructor(id: string, options: StormOptions & { seed: number }, logger: Logger) {
    this.id = id;
    this.account = options.account;
    this.options = options;
    this.seed = options.seed;
    this.planned = Math.round(options.ratePerSecond * options.durationSeconds);
    this.startedAt = options.account.clock.now();
    this.#random = seededRandom(options.seed);
    this.#locations = options.account.locations.filter((location) => location.deleted_at === undefined);
    this.#tickMicros = Math.max(MIN_TICK_MICROS, Math.floor(MICROS_PER_SECOND / options.ratePerSecond));
    this.#logger = logger;
    this.done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  get endsAt(): Micros {
    return this.startedAt + Math.round(this.options.durationSeconds * MICROS_PER_SECOND);
  }

  start(): void {
    this.#logger.info(
      { storm_id: this.id, account: this.account.slug, rate_per_s: this.options.ratePerSecond, planned_changes: this.planned },
      'storm started',
    );
    if (this.planned === 0 || this.#locations.length === 0) {
      this.#finish('completed');
      return;
    }
    this.#timer = this.account.clock.after(this.#tickMicros, () => this.#tick());
  }

  /** Stops early; a finished storm stays as it was. */
  stop(reason = 'stopped on request'): StormSummary {
    if (this.state === 'running') {
      this.account.clock.cancel(this.#timer);
      this.stopReason = reason;
      this.#finish('stopped');
    }
    return this.summary();
  }

  summary(): StormSummary {
    return {
      storm_id: this.id,
      account: this.account.slug,
      state: this.state,
      rate_per_s: this.options.ratePerSecond,
      duration_s: this.options.durationSeconds,
      skus: this.options.skus.length,
      statuses: [...this.options.statuses],
      seed: this.seed,
      planned_changes: this.planned,
      changes_made: this.made,
      changes_failed: this.failed,
      started_at: formatRfc3339(this.startedAt),
      ends_at: formatRfc3339(this.endsAt),
      ...(this.finishedAt === undefined ? {} : { finished_at: formatRfc3339(this.finishedAt) }),
      ...(this.stopReason === undefined ? {} : { stop_reason: this.stopReason }),
    };
  }

  #tick(): void {
    this.#timer = undefined;
    if (this.state !== 'running') return;
    const now = this.account.clock.now();
    const elapsed = Math.max(0, now - this.startedAt);
    const due = Math.min(this.planned, Math.floor((this.options.ratePerSecond * elapsed) / MICROS_PER_SECOND));
    const count = Math.min(due - this.made - this.failed, MAX_CHANGES_PER_TICK);
    for (let i = 0; i < count; i++) this.#change();

    if (this.made + this.failed >= this.planned) {
      this.#finish('completed');
      return;
    }
    this.#timer = this.account.clock.after(this.#tickMicros, () => this.#tick());
  }

  #pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#random() * items.length)] as T;
  }

  /** One adjustment of 1 to 5 units, down only as far as the count allows. */
  #change(): void {
    const sku = this.#pick(this.options.skus);
    const location = this.#pick(this.#locations);
    const status = this.#pick(this.options.statuses);
    const current = this.account.quantity(sku.id, location.id, status);
    let quantity = 1 + Math.floor(this.#random() * 5);
    if (current > 0 && this.#random() < 0.5) quantity = -Math.min(current, quantity);

    const batch = applyAdjustments(this.account, [
      {
        customer_identifier: sku.customer_identifier,
        inventory_location_id: location.id,
        inventory_status: status,
        adjustment_quantity: quantity,
        adjustment_reason: 'cycle_count_adjustment',
        adjusted_by: `storm:${this.id}`,
      },
    ]);
    if (batch.records_succeeded === 1) {
      this.made += 1;
      this.touched.add(sku);
    } else {
      this.failed += 1;
      this.#logger.warn({ storm_id: this.id, account: this.account.slug, result: batch.results[0] }, 'storm change failed');
    }
  }

  #finish(state: StormState): void {
    this.state = state;
    this.finishedAt = this.account.clock.now();
    const summary = this.summary();
    this.#logger.info(
      { storm_id: this.id, account: this.account.slug, state, changes_made: this.made, changes_failed: this.failed },
      'storm stopped',
    );
    this.#resolve(summary);
  }
}

/** Every storm of one running mock; stops an account's storms when it is reset or removed. */
export class StormManager implements AccountExtension {
  readonly #storms = new Map<string, Storm>();
  readonly #ids: IdSource;
  readonly #logger: Logger;
  readonly #seed: number;
  #started = 0;

  constructor(server: ServerContext) {
    this.#seed = server.mock.seed;
    this.#ids = new IdSource(deriveSeed(server.mock.seed, 'storms'));
    this.#logger = server.logger.child({ component: 'storms' });
  }

  start(options: StormOptions): Storm {
    this.#started += 1;
    const seed = options.seed ?? deriveSeed(this.#seed, `storm:${this.#started}`);
    const storm = new Storm(this.#ids.uuid(), { ...options, seed }, this.#logger);
    this.#storms.set(storm.id, storm);
    this.#forgetOldest();
    storm.start();
    return storm;
  }

  get(id: string): Storm | undefined {
    return this.#storms.get(id);
  }

  list(): Storm[] {
    return [...this.#storms.values()];
  }

  attach(): void {}

  detach(account: Account): void {
    for (const storm of this.#storms.values()) {
      if (storm.account === account) storm.stop(`account '${account.slug}' was reset or removed`);
    }
  }

  #forgetOldest(): void {
    const finished = this.list().filter((storm) => storm.state !== 'running');
    for (const storm of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED))) this.#storms.delete(storm.id);
  }
}

const managers = new WeakMap<ServerContext, StormManager>();

/** Returns the storm manager of a running mock, creating and attaching it on first use. */
export function stormsOf(server: ServerContext): StormManager {
  let manager = managers.get(server);
  if (!manager) {
    manager = new StormManager(server);
    managers.set(server, manager);
    server.mock.use(manager);
  }
  return manager;
}

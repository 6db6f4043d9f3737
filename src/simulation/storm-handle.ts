import { countsOf } from '../engine/inventory-view.js';
import type { ServerContext } from '../server/route.js';
import { parseStormRequest } from './storm-options.js';
import { stormsOf, type StormSummary } from './storms.js';

/** Options of `RunningMock.startStorm`. */
export interface StartStormOptions {
  /** Account to change; the default account when left out. */
  account?: string;
  /** Changes per second of the account's clock, 1 to 100000. */
  ratePerSecond: number;
  /** Length in seconds of the account's clock, above 0 and at most 3600. */
  durationSeconds: number;
  /** The first N SKUs by identifier, or these identifiers; every SKU by default. */
  skus?: number | string[];
  /** Statuses to change; `available` by default. */
  statuses?: string[];
  seed?: number;
}

/** A SKU whose available-to-sell differs between a consumer and the mock. */
export interface StockMismatch {
  cid: string;
  expected: number;
  got: number;
}

/** A running storm, as `startStorm` returns it. */
export interface StormHandle {
  id: string;
  /** Resolves when the storm completes or is stopped. */
  done: Promise<StormSummary>;
  stop(): StormSummary;
  summary(): StormSummary;
  /**
   * Waits for the storm to end and for deliveries in flight to settle, then
   * compares `readStock(cid)` (the consumer's available-to-sell) with the
   * mock's ledger for every SKU of the storm. Returns the SKUs that differ.
   */
  verifyConverged(readStock: (cid: string) => number | Promise<number>): Promise<StockMismatch[]>;
}

/** Starts a storm through the same checks as `POST /__admin/storms`; a bad option throws an ApiError. */
export function startStorm(server: ServerContext, defaultAccount: string, options: StartStormOptions): StormHandle {
  const body = {
    account: options.account ?? defaultAccount,
    rate_per_s: options.ratePerSecond,
    duration_s: options.durationSeconds,
    ...(options.skus === undefined ? {} : { skus: options.skus }),
    ...(options.statuses === undefined ? {} : { statuses: options.statuses }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  const storm = stormsOf(server).start(parseStormRequest(body, (slug) => (slug === undefined ? undefined : server.mock.account(slug))));
  return {
    id: storm.id,
    done: storm.done,
    stop: () => storm.stop(),
    summary: () => storm.summary(),
    async verifyConverged(readStock) {
      await storm.done;
      await server.callbacks.idle();
      const mismatches: StockMismatch[] = [];
      for (const sku of storm.options.skus) {
        const expected = countsOf(storm.account, sku).total_available_to_sell;
        const got = await readStock(sku.customer_identifier);
        if (got !== expected) mismatches.push({ cid: sku.customer_identifier, expected, got });
      }
      return mismatches;
    },
  };
}

import type { ChangeNotice } from '../engine/outbox.js';
import { inventoryJobs } from './messages.js';
import { groupNotices, inventoryRecords, type SkuChange } from './notices.js';
import type { AccountCallbacks, Job } from './state.js';

/**
 * Turns change notices into skuInventoryChange messages. Notices committed in
 * one synchronous turn are collected and become messages in a microtask, so
 * the records of one request share messages; while the type is held they
 * wait as one change per SKU instead.
 */
export class InventoryFlow {
  readonly #enqueue: (state: AccountCallbacks, job: Job) => void;
  readonly #onFlushed: () => void;
  #flushesQueued = 0;

  constructor(options: { enqueue: (state: AccountCallbacks, job: Job) => void; onFlushed: () => void }) {
    this.#enqueue = options.enqueue;
    this.#onFlushed = options.onFlushed;
  }

  /** True while collected notices wait for their microtask. */
  get busy(): boolean {
    return this.#flushesQueued > 0;
  }

  collect(state: AccountCallbacks, notices: readonly ChangeNotice[]): void {
    for (const notice of notices) state.pendingNotices.push(notice);
    if (state.flushQueued) return;
    state.flushQueued = true;
    this.#flushesQueued += 1;
    queueMicrotask(() => {
      this.#flushesQueued -= 1;
      state.flushQueued = false;
      if (!state.closed) this.#flush(state);
      this.#onFlushed();
    });
  }

  /** Sends the latest counts of changed SKUs, or counts them as skipped without a registration. */
  send(state: AccountCallbacks, changes: readonly SkuChange[]): void {
    if (changes.length === 0) return;
    const registration = state.registrations.get('skuInventoryChange');
    if (!registration) {
      state.log.skippedNoRegistration += changes.length;
      return;
    }
    const records = inventoryRecords(state.account, changes);
    for (const job of inventoryJobs(state, registration, records)) this.#enqueue(state, job);
  }

  #flush(state: AccountCallbacks): void {
    const notices = state.pendingNotices;
    state.pendingNotices = [];
    if (state.holds.has('skuInventoryChange')) {
      groupNotices(notices, state.heldSkus);
      return;
    }
    this.send(state, [...groupNotices(notices).values()]);
  }
}

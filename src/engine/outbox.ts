import type { Micros } from '../domain/time.js';

/** One SKU whose counts a committed change touched. */
export interface ChangeNotice {
  sku_id: string;
  /** Ledger events of this SKU in the change; empty for a kit whose component changed. */
  event_ids: string[];
  at: Micros;
}

export type OutboxListener = (notices: readonly ChangeNotice[]) => void;

/**
 * Change notices waiting to become callbacks. Notices stay queued until a
 * consumer takes them, so a consumer that subscribes late still gets every
 * notice committed before it.
 */
export class Outbox {
  readonly #queued: ChangeNotice[] = [];
  #listener: OutboxListener | undefined;
  #total = 0;

  /** Number of notices ever pushed. */
  get total(): number {
    return this.#total;
  }

  push(notices: readonly ChangeNotice[]): void {
    if (notices.length === 0) return;
    this.#total += notices.length;
    if (this.#listener) {
      this.#listener(notices);
      return;
    }
    this.#queued.push(...notices);
  }

  /** Takes every queued notice and hands later ones straight to `listener`. */
  subscribe(listener: OutboxListener): void {
    this.#listener = listener;
    const queued = this.#queued.splice(0);
    if (queued.length > 0) listener(queued);
  }

  unsubscribe(): void {
    this.#listener = undefined;
  }

  /** Removes and returns the notices queued with no consumer. */
  drain(): ChangeNotice[] {
    return this.#queued.splice(0);
  }

  /** Notices queued with no consumer, oldest first. */
  peek(): readonly ChangeNotice[] {
    return this.#queued;
  }
}

import { formatRfc3339 } from '../domain/time.js';
import { Queue } from './queue.js';
import type { DeliveryMessage, MessageState } from './types.js';

/** Messages kept per account before finished ones are evicted. */
export const DEFAULT_LOG_LIMIT = 10_000;

interface Finished {
  message: DeliveryMessage;
  /** Finish number of the message that this entry records, because a redelivered message finishes again. */
  finish: number;
}

/**
 * The delivery log of one account: every message in creation order, bounded.
 * Past the limit the oldest delivered messages go first; dead letters go
 * only when no delivered message is left, and pending or held ones never.
 */
export class DeliveryLog {
  readonly limit: number;
  /** Change notices that became no message because their type had no registration. */
  skippedNoRegistration = 0;
  /** Messages ever added, evicted ones included. */
  created = 0;
  evicted = 0;
  readonly #messages = new Map<string, DeliveryMessage>();
  readonly #finishes = new Map<string, number>();
  readonly #delivered = new Queue<Finished>();
  readonly #dead = new Queue<Finished>();
  readonly #onEvict: (message: DeliveryMessage) => void;

  constructor(limit = DEFAULT_LOG_LIMIT, onEvict: (message: DeliveryMessage) => void = () => {}) {
    this.limit = limit;
    this.#onEvict = onEvict;
  }

  get size(): number {
    return this.#messages.size;
  }

  add(message: DeliveryMessage): void {
    this.#messages.set(message.id, message);
    this.created += 1;
    this.#evict();
  }

  get(id: string): DeliveryMessage | undefined {
    return this.#messages.get(id);
  }

  /** Records that a message reached `delivered` or `dead`. */
  finished(message: DeliveryMessage): void {
    const finish = (this.#finishes.get(message.id) ?? 0) + 1;
    this.#finishes.set(message.id, finish);
    const entry = { message, finish };
    if (message.state === 'delivered') this.#delivered.push(entry);
    else if (message.state === 'dead') this.#dead.push(entry);
    this.#evict();
  }

  messages(): IterableIterator<DeliveryMessage> {
    return this.#messages.values();
  }

  #evict(): void {
    while (this.#messages.size > this.limit) {
      const victim = this.#takeCurrent(this.#delivered, 'delivered') ?? this.#takeCurrent(this.#dead, 'dead');
      if (!victim) return;
      this.#messages.delete(victim.id);
      this.#finishes.delete(victim.id);
      this.evicted += 1;
      this.#onEvict(victim);
    }
  }

  /** The oldest entry that still describes its message's current state. */
  #takeCurrent(queue: Queue<Finished>, state: MessageState): DeliveryMessage | undefined {
    for (;;) {
      const entry = queue.shift();
      if (!entry) return undefined;
      const current = this.#finishes.get(entry.message.id) === entry.finish;
      if (current && entry.message.state === state) return entry.message;
    }
  }
}

/** Shapes a message as the delivery log route and `log()` return it. */
export function wireMessage(message: DeliveryMessage): Record<string, unknown> {
  return {
    id: message.id,
    account: message.account,
    message_type: message.type,
    state: message.state,
    url: message.url,
    created_at: formatRfc3339(message.createdAt),
    ...(message.customerIdentifiers.length > 0 ? { customer_identifiers: message.customerIdentifiers } : {}),
    attempts: message.attempts.map((attempt, index) => ({
      attempt: index + 1,
      at: formatRfc3339(attempt.at),
      ...(attempt.status === undefined ? {} : { status: attempt.status }),
      ...(attempt.error === undefined ? {} : { error: attempt.error }),
      latency_ms: attempt.latency_ms,
      ...(attempt.duplicate ? { duplicate: true } : {}),
    })),
    ...(message.nextAttemptAt === undefined ? {} : { next_attempt_at: formatRfc3339(message.nextAttemptAt) }),
    ...(message.deliveredAt === undefined ? {} : { delivered_at: formatRfc3339(message.deliveredAt) }),
    ...(message.deadAt === undefined ? {} : { dead_at: formatRfc3339(message.deadAt) }),
    ...(message.redeliveries > 0 ? { redeliveries: message.redeliveries } : {}),
  };
}

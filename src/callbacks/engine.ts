import type { Logger } from 'pino';
import type { Account } from '../engine/account.js';
import type { AccountExtension } from '../engine/mock.js';
import type { ServerContext } from '../server/route.js';
import { Dispatcher } from './delivery.js';
import { DEFAULT_LOG_LIMIT, wireMessage } from './log.js';
import { placeHold, takeReleased } from './holds.js';
import { InventoryFlow } from './inventory-flow.js';
import { createJob } from './messages.js';
import { removeRegistration, storeRegistration, type RegistrationDraft } from './registrations.js';
import { createHttpSender } from './http-sender.js';
import type { Sender } from './sender.js';
import { AccountCallbacks } from './state.js';
import {
  DEFAULT_SETTINGS,
  type DeliveryLogView,
  type DeliveryMessage,
  type DeliverySettings,
  type DeliveryStats,
  type FiredType,
  type Hold,
  type LogFilter,
  type MessageType,
  type Registration,
} from './types.js';

export type { DeliveryLogView, DeliveryStats, LogFilter } from './types.js';

export interface CallbackEngineOptions {
  /** Default settings of every account; see `DEFAULT_SETTINGS`. */
  settings?: Partial<DeliverySettings>;
  /** Requests in flight at once over the whole mock; 16. */
  concurrency?: number;
  /** Messages kept in each account's delivery log; 10000. */
  logLimit?: number;
  /** Sends one attempt; `createHttpSender()` by default, `fetchSender` also works. */
  sender?: Sender;
}

/** Called with a message that was just delivered or dead-lettered. */
export type FinishedListener = (message: DeliveryMessage) => void;

/**
 * Delivers callbacks: drains each account's outbox into signed messages and
 * sends them with retries, per-SKU order, holds and a delivery log.
 */
export class CallbackEngine implements AccountExtension {
  readonly #server: ServerContext;
  readonly #logger: Logger;
  readonly #defaults: DeliverySettings;
  readonly #logLimit: number;
  readonly #dispatcher: Dispatcher;
  readonly #states = new Map<Account, AccountCallbacks>();
  /** Every logged message by id, for redelivery. */
  readonly #index = new Map<string, AccountCallbacks>();
  readonly #finishedListeners = new Set<FinishedListener>();
  readonly #inventory: InventoryFlow;
  #idleWaiters: (() => void)[] = [];

  constructor(server: ServerContext, options: CallbackEngineOptions = {}) {
    this.#server = server;
    this.#logger = server.logger.child({ component: 'callbacks' });
    this.#defaults = { ...DEFAULT_SETTINGS, ...options.settings };
    this.#logLimit = options.logLimit ?? DEFAULT_LOG_LIMIT;
    this.#dispatcher = new Dispatcher({
      sender: options.sender ?? createHttpSender(),
      concurrency: options.concurrency ?? DEFAULT_SETTINGS.concurrency,
      logger: this.#logger,
      onFinished: (message) => {
        for (const listener of this.#finishedListeners) {
          try {
            listener(message);
          } catch (error) {
            this.#logger.error({ err: error, account: message.account, message_id: message.id }, 'callback listener failed');
          }
        }
      },
      onSettled: () => this.#checkIdle(),
    });
    this.#inventory = new InventoryFlow({
      enqueue: (state, job) => {
        this.#index.set(job.message.id, state);
        this.#dispatcher.enqueue(state, job);
      },
      onFlushed: () => this.#checkIdle(),
    });
  }

  /** Requests in flight at once over the whole mock. */
  get concurrency(): number {
    return this.#dispatcher.concurrency;
  }

  set concurrency(value: number) {
    this.#dispatcher.concurrency = value;
  }

  attach(account: Account): void {
    const state = new AccountCallbacks(account, {
      settings: { ...this.#defaults },
      logLimit: this.#logLimit,
      seed: this.#server.mock.seed,
      onEvict: (message) => this.#index.delete(message.id),
    });
    this.#states.set(account, state);
    account.outbox.subscribe((notices) => this.#inventory.collect(state, notices));
  }

  detach(account: Account): void {
    const state = this.#states.get(account);
    if (!state) return;
    account.outbox.unsubscribe();
    this.#dispatcher.close(state);
    for (const message of state.log.messages()) this.#index.delete(message.id);
    this.#states.delete(account);
    this.#checkIdle();
  }

  /** Returns the live settings of an account. A change applies from the next attempt on. */
  settings(account: Account): DeliverySettings {
    return this.#state(account).settings;
  }

  hasRegistration(account: Account, type: MessageType): boolean {
    return this.#state(account).registrations.has(type);
  }

  /** Registers a URL for a type, replacing the type's earlier URL but keeping its id. */
  register(account: Account, draft: RegistrationDraft): Registration {
    const { registration, replaced } = storeRegistration(this.#state(account), draft, account.now(), () => account.ids.uuid());
    this.#logger.info(
      { account: account.slug, callback_id: registration.id, message_type: draft.message_type, url: draft.url },
      replaced ? 'callback registration replaced' : 'callback registered',
    );
    return registration;
  }

  registrations(account: Account): Registration[] {
    return [...this.#state(account).registrations.values()];
  }

  /** Deletes a registration by id; false when no registration has that id. */
  unregister(account: Account, id: string): boolean {
    const removed = removeRegistration(this.#state(account), id);
    if (removed) {
      this.#logger.info({ account: account.slug, callback_id: id, message_type: removed.message_type }, 'callback registration deleted');
    }
    return removed !== undefined;
  }

  holds(account: Account): Hold[] {
    return [...this.#state(account).holds.values()];
  }

  /** Holds a type: its new messages wait until `release`. Holding a held type changes nothing. */
  hold(account: Account, type: MessageType): Hold {
    const { hold, created } = placeHold(this.#state(account), type, account.now());
    if (created) this.#logger.info({ account: account.slug, message_type: type }, 'callbacks held');
    return hold;
  }

  /**
   * Releases a hold. skuInventoryChange then sends one record per SKU that
   * changed, with its latest counts; other types send every held message, in
   * order. Returns false when the type was not held.
   */
  release(account: Account, type: MessageType): boolean {
    const state = this.#state(account);
    const released = takeReleased(state, type);
    if (!released) return false;
    const count = released.kind === 'inventory' ? { skus: released.changes.length } : { messages: released.jobs.length };
    this.#logger.info({ account: account.slug, message_type: type, ...count }, 'callbacks released');
    if (released.kind === 'inventory') this.#inventory.send(state, released.changes);
    else this.#dispatcher.enqueueChain(state, released.jobs);
    return true;
  }

  /**
   * Queues a message of a type other than skuInventoryChange, such as
   * snapshotReady, through the same holds, retries and log. Returns
   * undefined, and counts the message as skipped, when the type has no
   * registration.
   */
  send(account: Account, type: FiredType, data: unknown): DeliveryMessage | undefined {
    const state = this.#state(account);
    const registration = state.registrations.get(type);
    if (!registration) {
      state.log.skippedNoRegistration += 1;
      return undefined;
    }
    const held = state.holds.has(type);
    const job = createJob(state, { type, registration, data, held });
    this.#index.set(job.message.id, state);
    if (held) state.heldJobs.push(job);
    else this.#dispatcher.enqueue(state, job);
    return job.message;
  }

  /** Messages of an account in creation order, as stored. */
  messages(account: Account): DeliveryMessage[] {
    return [...this.#state(account).log.messages()];
  }

  /** The delivery log of an account, shaped as the admin route returns it. */
  log(account: Account, filter: LogFilter = {}): DeliveryLogView {
    const state = this.#state(account);
    const messages = [];
    for (const message of state.log.messages()) {
      if (filter.state !== undefined && message.state !== filter.state) continue;
      if (filter.messageType !== undefined && message.type !== filter.messageType) continue;
      messages.push(wireMessage(message));
    }
    return {
      account: account.slug,
      created: state.log.created,
      skipped_no_registration: state.log.skippedNoRegistration,
      evicted: state.log.evicted,
      messages,
    };
  }

  /** Counts of an account's messages, cheap enough to poll during a storm. */
  stats(account: Account): DeliveryStats {
    const state = this.#state(account);
    return {
      created: state.log.created,
      active: state.jobs.size,
      held: state.heldJobs.length,
      heldSkus: state.heldSkus.size,
      skippedNoRegistration: state.log.skippedNoRegistration,
      evicted: state.log.evicted,
    };
  }

  findMessage(id: string): DeliveryMessage | undefined {
    return this.#index.get(id)?.log.get(id);
  }

  /**
   * Gives a delivered or dead message a fresh round of attempts. Returns
   * undefined when no delivered or dead message has that id.
   */
  redeliver(id: string): DeliveryMessage | undefined {
    const state = this.#index.get(id);
    const message = state?.log.get(id);
    if (!state || !message || (message.state !== 'delivered' && message.state !== 'dead')) return undefined;
    this.#logger.info({ account: message.account, message_id: id, previous_state: message.state }, 'callback redelivery requested');
    retarget(message, state.registrations.get(message.type));
    this.#dispatcher.redeliver(state, message);
    return message;
  }

  /** Calls `listener` for every message delivered from now on. */
  onDelivered(listener: FinishedListener): () => void {
    return this.onFinished((message) => {
      if (message.state === 'delivered') listener(message);
    });
  }

  /** Calls `listener` for every message delivered or dead-lettered from now on. */
  onFinished(listener: FinishedListener): () => void {
    const wrapped: FinishedListener = (message) => listener(message);
    this.#finishedListeners.add(wrapped);
    return () => this.#finishedListeners.delete(wrapped);
  }

  /**
   * Resolves once no request is in flight and no message waits for a free
   * slot. Retries that wait on the clock do not count.
   */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.#idleWaiters.push(resolve);
      this.#checkIdle();
    });
  }

  #checkIdle(): void {
    if (this.#idleWaiters.length === 0 || this.#inventory.busy || this.#dispatcher.busy) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #state(account: Account): AccountCallbacks {
    const state = this.#states.get(account);
    if (!state) throw new Error(`account '${account.slug}' is not attached to the callback engine`);
    return state;
  }
}

/**
 * Points a message at its type's current registration, so that fixing a
 * receiver's URL and redelivering reaches the fixed receiver. The body's
 * `callback_url` follows; the message id stays, as for any retry.
 */
function retarget(message: DeliveryMessage, registration: Registration | undefined): void {
  if (!registration || (registration.url === message.url && registration.token === message.token)) return;
  const body = JSON.parse(message.body.toString('utf8')) as Record<string, unknown>;
  body.callback_url = registration.url;
  message.body = Buffer.from(JSON.stringify(body), 'utf8');
  message.url = registration.url;
  if (registration.token === undefined) delete message.token;
  else message.token = registration.token;
}

import { setMaxListeners } from 'node:events';
import type { Account } from '../engine/account.js';
import { deriveSeed } from '../engine/ids.js';
import type { ChangeNotice } from '../engine/outbox.js';
import type { Timer } from '../simulation/clock.js';
import { DeliveryLog } from './log.js';
import type { SkuChange } from './notices.js';
import { Queue } from './queue.js';
import { SeededRandom } from '../simulation/random.js';
import type { DeliveryMessage, DeliverySettings, Hold, MessageType, Registration } from './types.js';

/** A message that is still being scheduled: its place in the per-SKU queues and its timer. */
export interface Job {
  readonly message: DeliveryMessage;
  /** Per-SKU queues in which an earlier message is still ahead of this one. */
  blockers: number;
  inSkuQueues: boolean;
  /** Attempts made in the current round, duplicates not counted. */
  attemptsInRound: number;
  timer?: Timer | undefined;
  /** The next launch sends an extra copy of an already delivered message. */
  duplicate: boolean;
  /** Made ready once this job's next attempt has settled; chains ordered sends. */
  after?: Job | undefined;
}

/** Everything the callback engine keeps for one account. */
export class AccountCallbacks {
  readonly account: Account;
  readonly settings: DeliverySettings;
  readonly registrations = new Map<MessageType, Registration>();
  readonly holds = new Map<MessageType, Hold>();
  readonly log: DeliveryLog;
  /** Message ids and jitter, seeded apart from the account's own ids, so API responses do not depend on delivery timing. */
  readonly random: SeededRandom;
  /** Notices committed in the current synchronous turn, not yet turned into messages. */
  pendingNotices: ChangeNotice[] = [];
  flushQueued = false;
  /** skuInventoryChange changes that arrived while the type was held, by SKU id. */
  readonly heldSkus = new Map<string, SkuChange>();
  /** Held messages of other types, oldest first. */
  readonly heldJobs: Job[] = [];
  /** Messages not yet delivered or dead, by id. */
  readonly jobs = new Map<string, Job>();
  readonly skuQueues = new Map<string, Queue<Job>>();
  readonly ready = new Queue<Job>();
  inFlight = 0;
  /** Messages waiting out the reorder window, oldest first. */
  reorderBuffer: Job[] = [];
  reorderTimer: Timer | undefined;
  readonly abort = new AbortController();
  closed = false;

  constructor(account: Account, options: { settings: DeliverySettings; logLimit: number; seed: number; onEvict: (message: DeliveryMessage) => void }) {
    this.account = account;
    this.settings = options.settings;
    this.log = new DeliveryLog(options.logLimit, options.onEvict);
    this.random = new SeededRandom(deriveSeed(options.seed, `callbacks:${account.slug}`));
    // Every request in flight listens for the account going away.
    setMaxListeners(0, this.abort.signal);
  }
}

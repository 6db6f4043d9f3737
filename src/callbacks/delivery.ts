import type { Logger } from 'pino';
import { MICROS_PER_MS, MICROS_PER_SECOND, type Micros } from '../domain/time.js';
import { ABORTED, type SendResult, type Sender } from './sender.js';
import { attemptHeaders } from './signing.js';
import type { AccountCallbacks, Job } from './state.js';
import { Queue } from './queue.js';
import type { DeliveryAttempt, DeliveryMessage, DeliverySettings } from './types.js';

/**
 * Full-jitter backoff: the delay before attempt n+1 is uniform in
 * [0, min(maxDelayMs, baseDelayMs * 2^(n-1))], in milliseconds.
 */
export function retryDelayMs(settings: DeliverySettings, failedAttempts: number, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return random() * ceiling;
}

export interface DispatcherOptions {
  sender: Sender;
  /** Requests in flight at once over every account of the mock. */
  concurrency: number;
  logger: Logger;
  /** Called once a message is delivered or dead-lettered. */
  onFinished: (message: DeliveryMessage) => void;
  /** Called after every attempt has been recorded, for idle waiters. */
  onSettled: () => void;
}

/**
 * Schedules and sends messages: per-SKU order, the reorder window, retries
 * on the account's clock and the bound on requests in flight.
 */
export class Dispatcher {
  readonly #options: DispatcherOptions;
  #inFlight = 0;
  #readyCount = 0;
  /** Accounts with ready jobs, served in turn. */
  readonly #readyAccounts = new Set<AccountCallbacks>();

  constructor(options: DispatcherOptions) {
    this.#options = options;
  }

  get concurrency(): number {
    return this.#options.concurrency;
  }

  set concurrency(value: number) {
    this.#options.concurrency = value;
    this.#pump();
  }

  /** True while a request is in flight or a job waits only for a free slot. */
  get busy(): boolean {
    return this.#inFlight > 0 || this.#readyCount > 0;
  }

  /** Takes a new pending message into scheduling. */
  enqueue(state: AccountCallbacks, job: Job): void {
    state.jobs.set(job.message.id, job);
    if (state.settings.reorderWindowMs > 0) {
      this.#buffer(state, job);
      return;
    }
    if (job.message.skuIds.length === 0) {
      this.#firstAttempt(state, job);
      return;
    }
    for (const skuId of job.message.skuIds) {
      let queue = state.skuQueues.get(skuId);
      if (!queue) {
        queue = new Queue();
        state.skuQueues.set(skuId, queue);
      }
      if (queue.length > 0) job.blockers += 1;
      queue.push(job);
    }
    job.inSkuQueues = true;
    if (job.blockers === 0) this.#firstAttempt(state, job);
  }

  /** Sends jobs one after another, each once the previous one's first attempt has settled. */
  enqueueChain(state: AccountCallbacks, jobs: readonly Job[]): void {
    jobs.forEach((job, index) => {
      state.jobs.set(job.message.id, job);
      job.after = jobs[index + 1];
    });
    const first = jobs[0];
    if (first) this.#firstAttempt(state, first);
  }

  /** Starts a fresh round of attempts for a delivered or dead message, outside per-SKU order. */
  redeliver(state: AccountCallbacks, message: DeliveryMessage): void {
    message.state = 'pending';
    message.roundStart = message.attempts.length;
    message.redeliveries += 1;
    delete message.deliveredAt;
    delete message.deadAt;
    const job: Job = { message, blockers: 0, inSkuQueues: false, attemptsInRound: 0, duplicate: false };
    state.jobs.set(message.id, job);
    this.#firstAttempt(state, job);
  }

  /** Forgets an account: cancels its timers and aborts its requests. */
  close(state: AccountCallbacks): void {
    state.closed = true;
    state.abort.abort();
    const clock = state.account.clock;
    for (const job of state.jobs.values()) clock.cancel(job.timer);
    clock.cancel(state.reorderTimer);
    this.#readyCount -= state.ready.length;
    state.ready.clear();
    this.#readyAccounts.delete(state);
  }

  #buffer(state: AccountCallbacks, job: Job): void {
    state.reorderBuffer.push(job);
    if (state.reorderTimer) return;
    const window = state.settings.reorderWindowMs * MICROS_PER_MS;
    state.reorderTimer = state.account.clock.after(window, () => {
      state.reorderTimer = undefined;
      const jobs = state.reorderBuffer.reverse();
      state.reorderBuffer = [];
      this.#options.logger.info({ account: state.account.slug, messages: jobs.length }, 'reorder window closed; sending in reverse order');
      this.enqueueChain(state, jobs);
    });
  }

  #firstAttempt(state: AccountCallbacks, job: Job): void {
    this.#schedule(state, job, state.settings.extraDelayMs * MICROS_PER_MS);
  }

  /** Makes the job ready after `delay` on the account's clock, or at once for no delay. */
  #schedule(state: AccountCallbacks, job: Job, delay: Micros): void {
    if (state.closed) return;
    const wait = Math.floor(delay);
    if (wait <= 0) {
      this.#ready(state, job);
      return;
    }
    const clock = state.account.clock;
    job.message.nextAttemptAt = clock.now() + wait;
    job.timer = clock.after(wait, () => {
      job.timer = undefined;
      this.#ready(state, job);
    });
  }

  #ready(state: AccountCallbacks, job: Job): void {
    if (state.closed) return;
    job.message.nextAttemptAt = state.account.clock.now();
    state.ready.push(job);
    this.#readyCount += 1;
    this.#readyAccounts.add(state);
    this.#pump();
  }

  #pump(): void {
    while (this.#inFlight < this.#options.concurrency && this.#readyAccounts.size > 0) {
      let launched = false;
      for (const state of this.#readyAccounts) {
        if (this.#inFlight >= this.#options.concurrency) break;
        if (state.inFlight >= state.settings.concurrency) continue;
        const job = state.ready.shift();
        if (job) {
          this.#readyCount -= 1;
          launched = true;
          void this.#launch(state, job);
        }
        if (state.ready.length === 0) this.#readyAccounts.delete(state);
      }
      if (!launched) return;
    }
  }

  async #launch(state: AccountCallbacks, job: Job): Promise<void> {
    const message = job.message;
    const duplicate = job.duplicate;
    job.duplicate = false;
    delete message.nextAttemptAt;
    this.#inFlight += 1;
    state.inFlight += 1;

    const at = state.account.clock.now();
    const headers = attemptHeaders({
      id: message.id,
      type: message.type,
      token: message.token,
      secret: state.account.callbackSecret,
      timestampSeconds: Math.floor(at / MICROS_PER_SECOND),
      body: message.body,
    });
    const started = performance.now();
    let result: SendResult;
    try {
      result = await this.#options.sender({
        url: message.url,
        headers,
        body: message.body,
        timeoutMs: state.settings.timeoutMs,
        signal: state.abort.signal,
      });
    } catch (error) {
      result = { error: `connection_error: ${(error as Error).message}` };
    }
    const latency = Math.round((performance.now() - started) * 10) / 10;
    this.#inFlight -= 1;
    state.inFlight -= 1;

    if (!state.closed && !('error' in result && result.error === ABORTED)) {
      const attempt: DeliveryAttempt = { at, ...result, latency_ms: latency, ...(duplicate ? { duplicate } : {}) };
      message.attempts.push(attempt);
      if (!duplicate) this.#settle(state, job, attempt);
      const next = job.after;
      job.after = undefined;
      if (next) this.#firstAttempt(state, next);
    }
    this.#pump();
    this.#options.onSettled();
  }

  #settle(state: AccountCallbacks, job: Job, attempt: DeliveryAttempt): void {
    const message = job.message;
    const logger = this.#options.logger;
    const ids = { account: message.account, message_id: message.id, message_type: message.type };
    job.attemptsInRound += 1;

    if (attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300) {
      message.state = 'delivered';
      message.deliveredAt = state.account.clock.now();
      this.#finish(state, job);
      logger.debug({ ...ids, attempt: job.attemptsInRound, status: attempt.status }, 'callback delivered');
      this.#options.onFinished(message);
      const chance = state.settings.duplicateProbability;
      if (chance > 0 && state.random.random() < chance) {
        job.duplicate = true;
        this.#ready(state, job);
      }
      return;
    }

    const outcome = attempt.status === undefined ? { error: attempt.error } : { status: attempt.status };
    if (job.attemptsInRound >= state.settings.maxAttempts) {
      message.state = 'dead';
      message.deadAt = state.account.clock.now();
      this.#finish(state, job);
      logger.warn({ ...ids, attempts: job.attemptsInRound, ...outcome }, 'callback dead-lettered after its last attempt');
      this.#options.onFinished(message);
      return;
    }

    const delayMs = retryDelayMs(state.settings, job.attemptsInRound, () => state.random.random());
    logger.info(
      { ...ids, attempt: job.attemptsInRound, ...outcome, retry_in_ms: Math.round(delayMs) },
      'callback attempt failed; retrying',
    );
    this.#schedule(state, job, (delayMs + state.settings.extraDelayMs) * MICROS_PER_MS);
  }

  /** Ends a job: frees its per-SKU queues so the next message of each SKU may go. */
  #finish(state: AccountCallbacks, job: Job): void {
    state.jobs.delete(job.message.id);
    state.log.finished(job.message);
    if (!job.inSkuQueues) return;
    job.inSkuQueues = false;
    for (const skuId of job.message.skuIds) {
      const queue = state.skuQueues.get(skuId);
      queue?.shift();
      const head = queue?.peek();
      if (!head) {
        state.skuQueues.delete(skuId);
        continue;
      }
      head.blockers -= 1;
      if (head.blockers === 0) this.#firstAttempt(state, head);
    }
  }
}

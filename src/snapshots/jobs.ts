import type { Logger } from 'pino';
import { formatRfc3339, millisToMicros, type Micros } from '../domain/time.js';
import type { Account } from '../engine/account.js';
import { snapshotSkus, type LedgerPoint } from './delta.js';
import { snapshotErrors } from './errors.js';
import type { LinkSigner } from './links.js';
import type { JobOutcome, SnapshotJob, SnapshotSettings, SnapshotStatus, SnapshotType } from './types.js';

export interface NewJobRequest {
  type: SnapshotType;
  /** Defaults to the account's current time. */
  asOf?: Micros;
  apiBase: string;
}

export interface SnapshotJobsOptions {
  account: Account;
  settings: SnapshotSettings;
  signer: LinkSigner;
  logger: Logger;
  /** Runs once a job has become `complete` or `failed`. */
  onFinished: (job: SnapshotJob) => void;
}

/**
 * The snapshot jobs of one account. At most one job processes at a time. It
 * finishes on the account's clock after the configured delay plus the cost
 * of its records, so a manual clock decides exactly when.
 */
export class SnapshotJobs {
  readonly settings: SnapshotSettings;
  readonly #account: Account;
  readonly #signer: LinkSigner;
  readonly #logger: Logger;
  readonly #onFinished: (job: SnapshotJob) => void;
  readonly #jobs = new Map<string, SnapshotJob>();
  #running: SnapshotJob | undefined;
  /** Ledger point of the latest completed job, which is where the next delta starts. */
  #lastCompleted: LedgerPoint | undefined;

  constructor(options: SnapshotJobsOptions) {
    this.#account = options.account;
    this.settings = options.settings;
    this.#signer = options.signer;
    this.#logger = options.logger;
    this.#onFinished = options.onFinished;
  }

  get running(): SnapshotJob | undefined {
    return this.#running;
  }

  get(id: string): SnapshotJob | undefined {
    return this.#jobs.get(id);
  }

  /** Returns every job of the account, oldest first. */
  list(): SnapshotJob[] {
    return [...this.#jobs.values()];
  }

  /**
   * Creates a job and schedules its end. A job whose end is already due (a
   * zero processing time) completes before this returns, but the response
   * still says `processing`, the state it was created in.
   */
  create(request: NewJobRequest): SnapshotJob {
    const account = this.#account;
    const requestedAt = account.now();
    const asOf = request.asOf ?? requestedAt;
    if (asOf > requestedAt) throw snapshotErrors.dateInFuture(asOf, requestedAt);
    if (this.#running) throw snapshotErrors.inProgress(this.#running);

    const estimatedRecords =
      request.type === 'full'
        ? account.skuCount
        : snapshotSkus(account, { asOf, seq: account.ledger.size }, this.#lastCompleted).length;
    // perThousandMs milliseconds per 1,000 records is perThousandMs microseconds per record.
    const cost = Math.round(this.settings.perThousandMs * estimatedRecords);
    const estimatedCompletion = requestedAt + millisToMicros(this.settings.delayMs) + cost;

    const job: SnapshotJob = {
      id: account.ids.uuid(),
      type: request.type,
      asOf,
      requestedAt,
      estimatedCompletion,
      estimatedRecords,
      apiBase: request.apiBase,
      outcome: this.#takeOutcome(),
      state: 'processing',
    };
    this.#jobs.set(job.id, job);
    this.#running = job;
    this.#logger.info(
      {
        account: account.slug,
        snapshot_request_id: job.id,
        snapshot_type: job.type,
        as_of: formatRfc3339(asOf),
        estimated_completion: formatRfc3339(estimatedCompletion),
        estimated_records: estimatedRecords,
        outcome: job.outcome,
      },
      'snapshot job started',
    );

    if (job.outcome === 'hang') return job;
    // The account's time is its clock's, unless fixture events lie ahead of
    // the clock; the timer waits the processing time on the clock either way.
    const processing = estimatedCompletion - requestedAt;
    if (processing <= 0) this.#finish(job);
    else job.timer = account.clock.after(processing, () => this.#finish(job));
    return job;
  }

  /** Status at `now`: a complete job whose link has expired is `expired`. */
  status(job: SnapshotJob, now: Micros = this.#account.now()): SnapshotStatus {
    if (job.state === 'complete' && job.file && now > job.file.expiresAt) return 'expired';
    return job.state;
  }

  /** Cancels every pending timer; the jobs are dropped with the account. */
  stop(): void {
    for (const job of this.#jobs.values()) this.#account.clock.cancel(job.timer);
    if (this.#running) {
      this.#logger.info({ account: this.#account.slug, snapshot_request_id: this.#running.id }, 'snapshot job dropped');
    }
    this.#running = undefined;
  }

  /** Ends the running job, hung or not, as `failed`; returns it, if there was one. */
  cancelRunning(): SnapshotJob | undefined {
    const job = this.#running;
    if (!job) return undefined;
    this.#account.clock.cancel(job.timer);
    job.outcome = 'failed';
    this.#finish(job);
    return job;
  }

  #takeOutcome(): JobOutcome {
    if (this.settings.hangNext > 0) {
      this.settings.hangNext -= 1;
      return 'hang';
    }
    if (this.settings.failNext > 0) {
      this.settings.failNext -= 1;
      return 'failed';
    }
    return 'complete';
  }

  #finish(job: SnapshotJob): void {
    const account = this.#account;
    delete job.timer;
    if (this.#running === job) this.#running = undefined;
    const completedAt = Math.max(job.estimatedCompletion, account.now());

    if (job.outcome === 'complete') {
      const point: LedgerPoint = { asOf: job.asOf, seq: account.ledger.size };
      const skus = snapshotSkus(account, point, job.type === 'delta' ? this.#lastCompleted : undefined);
      const expiresAt = completedAt + millisToMicros(this.settings.linkLifetimeMs);
      job.file = {
        skus,
        ledgerSeq: point.seq,
        completedAt,
        expiresAt,
        downloadUrl: this.#signer.url(job.apiBase, account.slug, job.id, expiresAt),
      };
      job.state = 'complete';
      this.#lastCompleted = point;
    } else {
      job.state = 'failed';
    }

    this.#logger.info(
      {
        account: account.slug,
        snapshot_request_id: job.id,
        status: job.state,
        record_count: job.file?.skus.length,
        completed_at: formatRfc3339(completedAt),
      },
      job.state === 'complete' ? 'snapshot job completed' : 'snapshot job failed by an injected fault',
    );
    this.#onFinished(job);
  }
}

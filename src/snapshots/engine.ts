import type { Logger } from 'pino';
import { parseRfc3339 } from '../domain/time.js';
import type { Account } from '../engine/account.js';
import type { AccountExtension } from '../engine/mock.js';
import type { ServerContext } from '../server/route.js';
import { snapshotErrors } from './errors.js';
import { SnapshotJobs } from './jobs.js';
import { LinkSigner } from './links.js';
import { DEFAULT_SNAPSHOT_SETTINGS, parseSnapshotSettings } from './settings.js';
import { SNAPSHOT_TYPES, type SnapshotFormat, type SnapshotJob, type SnapshotSettings, type SnapshotType } from './types.js';
import { jobView, readyData, requestResponse, type WireObject } from './wire.js';
import { CONTENT_TYPES, snapshotStream } from './writer.js';

/** Message type of the callback that announces a finished job. */
export const SNAPSHOT_READY = 'snapshotReady' as const;

const BODY_KEYS = new Set(['snapshot_type', 'snapshot_as_of_date']);
const FILE_NAME = /^([0-9a-f-]{1,64})\.(json|ndjson)$/i;

/** Runs snapshot jobs on each account's clock and serves their files. */
export class SnapshotEngine implements AccountExtension {
  readonly #server: ServerContext;
  readonly #logger: Logger;
  readonly #signer = new LinkSigner();
  readonly #defaults: SnapshotSettings;
  readonly #accounts = new Map<Account, SnapshotJobs>();

  constructor(server: ServerContext) {
    this.#server = server;
    this.#logger = server.logger.child({ component: 'snapshots' });
    const configured = parseSnapshotSettings({ ...server.options.snapshots });
    if (configured.problems.length > 0) {
      const list = configured.problems.map((problem) => `${problem.field}: ${problem.problem}`).join('; ');
      throw new RangeError(`invalid snapshot settings: ${list}`);
    }
    this.#defaults = { ...DEFAULT_SNAPSHOT_SETTINGS, ...configured.settings };
  }

  attach(account: Account): void {
    const jobs = new SnapshotJobs({
      account,
      settings: { ...this.#defaults },
      signer: this.#signer,
      logger: this.#logger,
      onFinished: (job) => this.#announce(account, job),
    });
    this.#accounts.set(account, jobs);
  }

  detach(account: Account): void {
    this.#accounts.get(account)?.stop();
    this.#accounts.delete(account);
  }

  /** Returns the jobs of one account, for the control plane. */
  jobs(account: Account): SnapshotJobs {
    const jobs = this.#accounts.get(account);
    if (!jobs) throw new Error(`account '${account.slug}' is not attached to the snapshot engine`);
    return jobs;
  }

  /** Returns the live settings of one account. A change applies from the next job on. */
  settings(account: Account): SnapshotSettings {
    return this.jobs(account).settings;
  }

  /**
   * Checks a POST `snapshot_request` body and starts a job. Throws the
   * documented 400 for a bad type or date and 409 while a job is processing.
   */
  request(account: Account, body: Record<string, unknown>, apiBase: string): WireObject {
    for (const key of Object.keys(body)) if (!BODY_KEYS.has(key)) throw snapshotErrors.unknownField(key);

    const type = body.snapshot_type;
    if (!SNAPSHOT_TYPES.includes(type as SnapshotType)) throw snapshotErrors.invalidType(type);

    let asOf: number | undefined;
    if (body.snapshot_as_of_date !== undefined) {
      const text = body.snapshot_as_of_date;
      asOf = typeof text === 'string' ? parseRfc3339(text) : undefined;
      if (asOf === undefined) throw snapshotErrors.invalidDate(text);
    }

    const job = this.jobs(account).create({
      type: type as SnapshotType,
      ...(asOf === undefined ? {} : { asOf }),
      apiBase,
    });
    const response = requestResponse(job);
    response.callback_registered = this.#server.callbacks.hasRegistration(account, SNAPSHOT_READY);
    if (!response.callback_registered) {
      response.notice =
        'no snapshotReady callback is registered for this account, so no callback will announce this snapshot; poll GET snapshot_request/{id} or register one with POST callbacks';
    }
    return response;
  }

  /** GET `snapshot_request/{id}`. */
  view(account: Account, id: string): WireObject {
    const jobs = this.jobs(account);
    const job = jobs.get(id);
    if (!job) throw snapshotErrors.notFound(id);
    return jobView(job, jobs.status(job));
  }

  /**
   * Serves a signed download link: 403 for a missing or changed signature,
   * 404 for an unknown file, 410 once the link's expiry has passed on the
   * account's clock (the expiry instant itself is still valid).
   */
  download(account: Account, file: string, link: { expires?: string; signature?: string }): Response {
    const match = FILE_NAME.exec(file);
    if (!match) throw snapshotErrors.fileNotFound(file);
    const id = (match[1] as string).toLowerCase();
    const format = (match[2] as string).toLowerCase() as SnapshotFormat;

    const { expires, signature } = link;
    if (expires === undefined || signature === undefined || !this.#signer.verify(account.slug, id, expires, signature)) {
      throw snapshotErrors.signatureInvalid();
    }
    const jobs = this.jobs(account);
    const job = jobs.get(id);
    if (!job?.file || Number(expires) !== job.file.expiresAt) throw snapshotErrors.fileNotFound(file);
    if (jobs.status(job) === 'expired') throw snapshotErrors.expired(job.file.expiresAt);

    this.#logger.info(
      { account: account.slug, snapshot_request_id: id, format, record_count: job.file.skus.length },
      'snapshot download started',
    );
    const stream = snapshotStream({
      account,
      snapshotId: id,
      type: job.type,
      asOf: job.asOf,
      skus: job.file.skus,
      format,
      logger: this.#logger,
    });
    return new Response(stream, {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': `attachment; filename="${id}.${format}"`,
        'cache-control': 'no-store',
      },
    });
  }

  /** Queues the job's snapshotReady; the callback engine delivers it, or holds it. */
  #announce(account: Account, job: SnapshotJob): void {
    const ids = { account: account.slug, snapshot_request_id: job.id };
    try {
      const message = this.#server.callbacks.send(account, SNAPSHOT_READY, readyData(job));
      if (message === undefined) this.#logger.info(ids, 'no snapshotReady callback registered; nothing sent');
    } catch (error) {
      this.#logger.error({ ...ids, err: error }, 'snapshotReady could not be queued');
    }
  }
}

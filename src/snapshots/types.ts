import type { Sku } from '../domain/catalog.js';
import type { Micros } from '../domain/time.js';
import type { Timer } from '../simulation/clock.js';

export const SNAPSHOT_TYPES = ['full', 'delta'] as const;
export type SnapshotType = (typeof SNAPSHOT_TYPES)[number];

/** Status of a job as clients see it; `expired` is derived from the clock. */
export type SnapshotStatus = 'processing' | 'complete' | 'failed' | 'expired';

/** File formats of a download; the extension of `{file}` picks one. */
export type SnapshotFormat = 'json' | 'ndjson';

/** Per-account knobs of snapshot processing, set through the control plane. */
export interface SnapshotSettings {
  /** Fixed processing time of every job, in milliseconds of mock time. */
  delayMs: number;
  /** Extra processing time per 1,000 records, in milliseconds. */
  perThousandMs: number;
  /** How long a download link stays valid after the job completes. */
  linkLifetimeMs: number;
  /** The next this-many jobs end as `failed`. */
  failNext: number;
  /** The next this-many jobs stay `processing` until the account is reset. */
  hangNext: number;
}

/** Outcome a job is set up to end with; `hang` means it never ends. */
export type JobOutcome = 'complete' | 'failed' | 'hang';

/** Records of a completed job, frozen when it completed. */
export interface FrozenFile {
  /** SKUs of the file, in ascending `customer_identifier` order. */
  skus: readonly Sku[];
  /** Ledger events that had been appended when the job completed. */
  ledgerSeq: number;
  completedAt: Micros;
  expiresAt: Micros;
  /** Absolute signed link to the `.json` file. */
  downloadUrl: string;
}

/** One snapshot request of one account. */
export interface SnapshotJob {
  id: string;
  type: SnapshotType;
  /** Instant the records are rebuilt at. */
  asOf: Micros;
  requestedAt: Micros;
  estimatedCompletion: Micros;
  /** Records the processing time was estimated for. */
  estimatedRecords: number;
  /** `/{account}/api/v1` of the request that created the job, as an absolute URL. */
  apiBase: string;
  outcome: JobOutcome;
  state: 'processing' | 'complete' | 'failed';
  timer?: Timer;
  file?: FrozenFile;
}

import { formatRfc3339 } from '../domain/time.js';
import type { SnapshotJob, SnapshotStatus } from './types.js';

export type WireObject = Record<string, unknown>;

/** Builds the response body of POST `snapshot_request`: the job as it was created. */
export function requestResponse(job: SnapshotJob): WireObject {
  return {
    snapshot_request_id: job.id,
    status: 'processing',
    snapshot_type: job.type,
    snapshot_as_of_date: formatRfc3339(job.asOf),
    estimated_completion: formatRfc3339(job.estimatedCompletion),
  };
}

/**
 * Builds the `data` of a job's snapshotReady callback. A failed job has no file, so
 * it carries no `download_url`, `expires_at` or `record_count`.
 */
export function readyData(job: SnapshotJob, status: SnapshotStatus = job.state): WireObject {
  const data: WireObject = {
    snapshot_request_id: job.id,
    snapshot_id: job.id,
    snapshot_type: job.type,
    snapshot_as_of_date: formatRfc3339(job.asOf),
    requested_at: formatRfc3339(job.requestedAt),
    status,
  };
  if (job.file) {
    data.download_url = job.file.downloadUrl;
    data.expires_at = formatRfc3339(job.file.expiresAt);
    data.record_count = job.file.skus.length;
  }
  return data;
}

/** Builds the body of GET `snapshot_request/{id}`: the callback's fields plus the job's timing. */
export function jobView(job: SnapshotJob, status: SnapshotStatus): WireObject {
  return {
    ...readyData(job, status),
    estimated_completion: formatRfc3339(job.estimatedCompletion),
    ...(job.file ? { completed_at: formatRfc3339(job.file.completedAt) } : {}),
  };
}

import { formatRfc3339, type Micros } from '../domain/time.js';
import { ApiError } from '../server/errors.js';
import type { SnapshotJob } from './types.js';

/** Every error a snapshot route can end with, built in one place. */
export const snapshotErrors = {
  invalidType(value: unknown): ApiError {
    const described = value === undefined ? 'nothing' : JSON.stringify(value);
    return ApiError.field(
      'INVALID_SNAPSHOT_TYPE',
      'snapshot_type',
      `snapshot_type must be "full" or "delta"; got ${described}`,
    );
  },

  invalidDate(value: unknown): ApiError {
    return ApiError.field(
      'INVALID_DATE_FORMAT',
      'snapshot_as_of_date',
      `snapshot_as_of_date must be an RFC 3339 date-time string with an offset, such as 2026-01-01T00:00:00Z; got ${JSON.stringify(value)}`,
    );
  },

  dateInFuture(asOf: Micros, now: Micros): ApiError {
    return ApiError.field(
      'INVALID_REQUEST',
      'snapshot_as_of_date',
      `snapshot_as_of_date ${formatRfc3339(asOf)} is in the future; the mock's clock reads ${formatRfc3339(now)}`,
    );
  },

  unknownField(key: string): ApiError {
    return ApiError.field(
      'INVALID_BODY',
      key,
      `unknown field '${key}'; a snapshot request has snapshot_type and snapshot_as_of_date only`,
    );
  },

  inProgress(running: SnapshotJob): ApiError {
    return new ApiError(
      'SNAPSHOT_IN_PROGRESS',
      `snapshot ${running.id} is still processing; request another once it has completed`,
      { extra: { snapshot_request_id: running.id } },
    );
  },

  notFound(id: string): ApiError {
    return new ApiError('SNAPSHOT_NOT_FOUND', `snapshot request '${id}' not found`);
  },

  fileNotFound(file: string): ApiError {
    return new ApiError(
      'SNAPSHOT_NOT_FOUND',
      `no snapshot file '${file}'; download links end in <snapshot_request_id>.json or .ndjson`,
    );
  },

  signatureInvalid(): ApiError {
    return new ApiError(
      'DOWNLOAD_SIGNATURE_INVALID',
      'the download link signature is missing or does not match; use download_url exactly as the snapshot returned it',
    );
  },

  expired(expiresAt: Micros): ApiError {
    return new ApiError(
      'DOWNLOAD_EXPIRED',
      `the download link expired at ${formatRfc3339(expiresAt)}; request a new snapshot`,
    );
  },
};

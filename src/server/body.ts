import type { Context } from 'hono';
import { isRecord } from '../domain/adjustments.js';
import { checkBody } from './contract-check.js';
import { ApiError } from './errors.js';

/** Largest request body accepted: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Most records one batch write may carry. */
export const MAX_RECORDS = 30;

/** True for `application/json` and `application/<anything>+json` (parameters ignored). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

/**
 * Reads a request body as UTF-8 text, stopping with `tooLarge()` as soon as
 * the declared or the received size passes `maxBytes`, so a chunked upload
 * cannot grow without bound.
 */
export async function readBodyText(c: Context, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge();

  const body = c.req.raw.body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read().catch(() => {
        // The client went away mid-body; nothing was read, so nothing changes.
        throw ApiError.field('INVALID_BODY', 'body', 'the request body ended before it was complete');
      });
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON body: 415 unless it is JSON, 413 past 1 MiB, 400 unless it parses. */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!isJsonMediaType(type)) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      `the body must be JSON; send Content-Type: application/json${type ? `, not '${type}'` : ''}`,
    );
  }

  const text = await readBodyText(c, MAX_BODY_BYTES, tooLarge);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw ApiError.field('INVALID_JSON', 'body', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', `the body is larger than ${MAX_BODY_BYTES} bytes (1 MiB); send fewer records`);
}

/** Reads a batch write body: an array of 1 to 30 objects. */
export async function readBatch(c: Context, max = MAX_RECORDS): Promise<Record<string, unknown>[]> {
  const body = await readJson(c);
  if (!Array.isArray(body)) {
    throw ApiError.field('INVALID_BODY', 'body', 'the body must be a JSON array of records, even for one record');
  }
  if (body.length === 0) {
    throw ApiError.field('INVALID_BODY', 'body', 'the body must hold at least one record');
  }
  if (body.length > max) {
    throw ApiError.field('TOO_MANY_RECORDS', 'body', `at most ${max} records per request, got ${body.length}`);
  }
  const bad = body.findIndex((record) => !isRecord(record));
  if (bad >= 0) {
    throw ApiError.field('INVALID_BODY', `body[${bad}]`, `record ${bad} is not a JSON object`);
  }
  checkBody(c, body);
  return body as Record<string, unknown>[];
}

/** Reads a body that is one JSON object. */
export async function readObject(c: Context): Promise<Record<string, unknown>> {
  const body = await readJson(c);
  if (!isRecord(body)) throw ApiError.field('INVALID_BODY', 'body', 'the body must be a JSON object');
  checkBody(c, body);
  return body;
}

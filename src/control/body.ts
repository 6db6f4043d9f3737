import type { Context } from 'hono';
import { isRecord } from '../domain/adjustments.js';
import { isJsonMediaType, readBodyText } from '../server/body.js';
import { ApiError } from '../server/errors.js';

/** Largest control-plane body: 64 MiB, room for the fixture of a large account. */
export const MAX_ADMIN_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Reads a control-plane JSON body. An empty body gives `undefined`, so routes
 * whose body is optional can tell it apart; anything else must be JSON.
 */
export async function readAdminJson(c: Context): Promise<unknown> {
  const text = await readBodyText(c, MAX_ADMIN_BODY_BYTES, tooLarge);
  if (text.trim() === '') return undefined;

  if (!isJsonMediaType(c.req.header('content-type'))) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'the body must be JSON; send Content-Type: application/json');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw ApiError.field('INVALID_JSON', '/', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads a body that must be present. */
export async function readRequiredJson(c: Context): Promise<unknown> {
  const body = await readAdminJson(c);
  if (body === undefined) throw ApiError.field('INVALID_BODY', '/', 'the body is empty; send JSON');
  return body;
}

/** Reads an optional JSON object body; an empty body gives `{}`. */
export async function readOptionalObject(c: Context): Promise<Record<string, unknown>> {
  const body = (await readAdminJson(c)) ?? {};
  if (!isRecord(body)) throw ApiError.field('INVALID_BODY', '/', 'the body must be a JSON object');
  return body;
}

/** Throws a 400 for the first key of `body` outside `allowed`. */
export function allowKeys(body: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(body).find((key) => !allowed.includes(key));
  if (extra === undefined) return;
  throw ApiError.field('INVALID_BODY', `/${extra}`, `unknown key '${extra}'; allowed keys: ${allowed.join(', ')}`);
}

function tooLarge(): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', `the body is larger than ${MAX_ADMIN_BODY_BYTES} bytes (64 MiB)`);
}

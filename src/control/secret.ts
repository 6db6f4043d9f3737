import { isRecord } from '../domain/adjustments.js';
import { ApiError } from '../server/errors.js';

const STANDARD_WEBHOOKS_SECRET = /^whsec_[A-Za-z0-9+/=]+$/;

/** Maximum length of a callback secret, in characters. */
export const MAX_SECRET_LENGTH = 1024;

/** True for a Standard Webhooks secret: `whsec_` followed by base64. */
export function isStandardWebhooksSecret(secret: string): boolean {
  return STANDARD_WEBHOOKS_SECRET.test(secret);
}

/** Reads `{callback_secret}` from a PUT body; throws a 400 naming the field. */
export function readSecretBody(body: unknown): string {
  if (!isRecord(body)) throw ApiError.field('INVALID_BODY', '/', 'the body must be a JSON object {"callback_secret": "..."}');
  const extra = Object.keys(body).find((key) => key !== 'callback_secret');
  if (extra !== undefined) throw ApiError.field('INVALID_BODY', `/${extra}`, `unknown key '${extra}'; send only callback_secret`);

  const secret = body.callback_secret;
  if (typeof secret !== 'string' || secret === '') {
    throw ApiError.field('INVALID_BODY', '/callback_secret', 'callback_secret must be a non-empty string');
  }
  if (secret.length > MAX_SECRET_LENGTH) {
    throw ApiError.field('INVALID_BODY', '/callback_secret', `callback_secret is longer than ${MAX_SECRET_LENGTH} characters`);
  }
  if (secret.startsWith('whsec_') && !isStandardWebhooksSecret(secret)) {
    throw ApiError.field(
      'INVALID_BODY',
      '/callback_secret',
      'a secret that starts with whsec_ must go on with base64; drop the prefix to use the text itself as the key',
    );
  }
  return secret;
}

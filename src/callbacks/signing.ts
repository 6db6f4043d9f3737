import { createHmac } from 'node:crypto';

/** Prefix of a Standard Webhooks secret; the rest is the key in base64. */
export const SECRET_PREFIX = 'whsec_';

const STANDARD_SECRET = /^whsec_[A-Za-z0-9+/=]+$/;

const keys = new Map<string, Buffer>();

/**
 * Returns the HMAC key of a callback secret. A Standard Webhooks secret
 * (`whsec_` and base64) gives the decoded bytes after the prefix, as
 * Standard Webhooks libraries read it. Any other secret, such as
 * `cb-hmac-secret-0001`, gives its own UTF-8 bytes.
 */
export function signingKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = STANDARD_SECRET.test(secret)
      ? Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64')
      : Buffer.from(secret, 'utf8');
    if (keys.size > 100) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

/**
 * Signs one attempt: `v1,` and the base64 HMAC-SHA256 of
 * `${id}.${timestamp}.${body}` over the exact body bytes.
 *
 * @example
 * signWebhook('whsec_c2VjcmV0', 'msg-1', 1796385600, Buffer.from('{}'));
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: Buffer): string {
  const hmac = createHmac('sha256', signingKey(secret));
  hmac.update(`${id}.${timestampSeconds}.`, 'utf8');
  hmac.update(body);
  return `v1,${hmac.digest('base64')}`;
}

/** Builds a Standard Webhooks secret whose key is the UTF-8 bytes of `key`. */
export function secretFromKey(key: string): string {
  return `${SECRET_PREFIX}${Buffer.from(key, 'utf8').toString('base64')}`;
}

/** Headers of one attempt, signature included. */
export function attemptHeaders(options: {
  id: string;
  type: string;
  token?: string | undefined;
  secret: string;
  timestampSeconds: number;
  body: Buffer;
}): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-message-id': options.id,
    'x-message-type': options.type,
    'webhook-id': options.id,
    'webhook-timestamp': String(options.timestampSeconds),
    'webhook-signature': signWebhook(options.secret, options.id, options.timestampSeconds, options.body),
  };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  return headers;
}

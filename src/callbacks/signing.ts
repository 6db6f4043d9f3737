import { createHmac } from 'node:crypto';

/** Prefix of a Standard Webhooks secret; the rest is the key in base64. */
export const SECRET_PREFIX = 'whsec_';

const keys = new Map<string, Buffer>();

/**
 * Decodes a Standard Webhooks secret into its HMAC key: the base64 text
 * after `whsec_`. A secret without the prefix is decoded whole, as the
 * `standardwebhooks` package does.
 */
export function signingKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
    key = Buffer.from(encoded, 'base64');
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

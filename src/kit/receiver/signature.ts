import { createHmac, timingSafeEqual } from 'node:crypto';

/** Prefix of a Standard Webhooks secret, after which the key is base64. */
const SECRET_PREFIX = 'whsec_';

/**
 * Returns the HMAC key of a secret: the base64-decoded part after
 * `whsec_`, or the UTF-8 bytes of a secret without that prefix.
 */
export function webhookKey(secret: string): Buffer {
  return secret.startsWith(SECRET_PREFIX)
    ? Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

export interface SignatureInput {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
}

export interface SignatureOptions {
  /** The receiver's clock, in whole seconds since the epoch. */
  nowSeconds: number;
  /**
   * Largest accepted distance between `webhook-timestamp` and the
   * receiver's clock, in seconds. Unset, any timestamp is accepted, since
   * a mock sender may run on a manual clock.
   */
  maxClockSkewSeconds?: number;
}

/**
 * Verifies a Standard Webhooks signature: `webhook-signature` contains one or
 * more space-separated `v1,<base64>` entries, and one of them must be the
 * HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${raw body}`. Returns
 * the reason it failed, or undefined when it holds.
 *
 * @example
 * verifyWebhookSignature('whsec_c2VjcmV0', { id, timestamp, signature, body }, { nowSeconds });
 * // undefined when the signature matches
 */
export function verifyWebhookSignature(
  secret: string,
  input: SignatureInput,
  options: SignatureOptions,
): string | undefined {
  if (input.id === undefined || input.id === '') {
    return 'the webhook-id header is missing';
  }
  if (input.timestamp === undefined || !/^\d+$/.test(input.timestamp)) {
    return `webhook-timestamp must be whole seconds since the epoch, got ${JSON.stringify(input.timestamp ?? null)}`;
  }
  if (input.signature === undefined || input.signature === '') {
    return 'the webhook-signature header is missing';
  }

  const skew = Math.abs(options.nowSeconds - Number(input.timestamp));
  const maxSkew = options.maxClockSkewSeconds;
  if (maxSkew !== undefined && skew > maxSkew) {
    return `webhook-timestamp ${input.timestamp} is ${skew} s from the receiver's clock; at most ${maxSkew} s is accepted`;
  }

  const hmac = createHmac('sha256', webhookKey(secret));
  hmac.update(`${input.id}.${input.timestamp}.`, 'utf8');
  hmac.update(input.body);
  const expected = hmac.digest();

  for (const entry of input.signature.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || value === undefined) continue;
    const candidate = Buffer.from(value, 'base64');
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) {
      return undefined;
    }
  }
  return 'webhook-signature does not match the body signed with the secret';
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Micros } from '../domain/time.js';

/**
 * Signs and checks snapshot download links. The signature is an HMAC-SHA256,
 * base64url, over `<account>/<snapshot id>/<expires>`, where `expires` is
 * the link's expiry in integer microseconds of mock time. The key is random
 * per running mock, so a link never outlives the process that issued it.
 */
export class LinkSigner {
  readonly #key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.#key = key;
  }

  sign(account: string, snapshotId: string, expires: Micros): string {
    return createHmac('sha256', this.#key).update(`${account}/${snapshotId}/${expires}`).digest('base64url');
  }

  /** Compares in constant time; any malformed input is simply not valid. */
  verify(account: string, snapshotId: string, expires: string, signature: string): boolean {
    if (!/^\d{1,17}$/.test(expires)) return false;
    const expected = Buffer.from(this.sign(account, snapshotId, Number(expires)));
    const received = Buffer.from(signature);
    return received.length === expected.length && timingSafeEqual(received, expected);
  }

  /** Builds the absolute download URL of a snapshot file. */
  url(apiBase: string, account: string, snapshotId: string, expires: Micros, format = 'json'): string {
    const query = new URLSearchParams({ expires: String(expires), signature: this.sign(account, snapshotId, expires) });
    return `${apiBase}/snapshot_download/${snapshotId}.${format}?${query.toString()}`;
  }
}

import { SignJWT } from 'jose';

/** Secret that `serve` and token minting share when none is configured. */
export const DEFAULT_JWT_SECRET = 'inventory-mock-development-secret';

/** Lifetime of a minted token when none is given: 24 hours, in seconds. */
export const DEFAULT_TOKEN_LIFETIME_S = 24 * 60 * 60;

export interface MintOptions {
  account: string;
  secret?: string;
  /** Seconds from `now` until the token expires. */
  expiresIn?: number;
  /** Issue time in milliseconds since the epoch; the mock passes its own clock. */
  now?: number;
  subject?: string;
}

/** Mints an HS256 bearer token for one account, as the mock's `jwt` mode checks it. */
export async function mintToken(options: MintOptions): Promise<string> {
  const issuedAt = Math.floor((options.now ?? Date.now()) / 1000);
  const key = new TextEncoder().encode(options.secret ?? DEFAULT_JWT_SECRET);
  return new SignJWT({ account: options.account })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject ?? options.account)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.expiresIn ?? DEFAULT_TOKEN_LIFETIME_S))
    .sign(key);
}

/** Parses a lifetime such as `3600`, `90s`, `15m`, `12h` or `7d` into seconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
  if (!match) return undefined;
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
  return Number(match[1]) * (units[match[2] ?? 's'] ?? 1);
}

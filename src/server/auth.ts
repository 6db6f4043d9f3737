import { createSecretKey, type KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Mock } from '../engine/mock.js';
import { microsToMillis } from '../domain/time.js';
import { ApiError } from './errors.js';

export type AuthMode = 'jwt' | 'any' | 'none';

export interface AuthOptions {
  mode: AuthMode;
  secret: string;
}

/** Most verified tokens remembered; past it the memory starts afresh. */
const VERIFIED_TOKEN_LIMIT = 10_000;

/**
 * Tokens whose signature already verified, per secret. Signature checks are
 * the costly part of a request; expiry is still checked on every request,
 * against the mock's clock at that moment.
 */
const verified = new Map<string, { key: KeyObject; tokens: Map<string, JWTPayload> }>();

function verifiedTokens(secret: string) {
  let entry = verified.get(secret);
  if (!entry) {
    entry = { key: createSecretKey(Buffer.from(secret, 'utf8')), tokens: new Map() };
    verified.set(secret, entry);
  }
  return entry;
}

/** Checks `exp` and `nbf` of a token whose signature verified earlier, as jose does with no tolerance. */
function checkTimes(payload: JWTPayload, nowSeconds: number): void {
  if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds) {
    throw new ApiError('TOKEN_INVALID', 'the bearer token is not valid yet (its "nbf" claim is in the future)');
  }
  if (typeof payload.exp === 'number' && payload.exp <= nowSeconds) {
    throw new ApiError('TOKEN_EXPIRED', 'the bearer token has expired; mint a new one');
  }
}

/** Reads the token from `Authorization: Bearer <token>`; the scheme is case-insensitive. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^bearer[ \t]+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Checks the bearer token of an API request in the documented order: a
 * missing, malformed or expired token is 401; a bad signature is 403; then an
 * unknown account is 404; then a token for another account is 403. Expiry
 * follows the mock's clock, with no clock-skew allowance.
 */
export async function authenticate(
  mock: Mock,
  options: AuthOptions,
  slug: string,
  header: string | undefined,
): Promise<void> {
  if (options.mode === 'none') return requireAccount(mock, slug);

  const token = bearerToken(header);
  if (!token) {
    throw new ApiError(
      'TOKEN_MISSING',
      header
        ? 'the Authorization header is not of the form "Bearer <token>"'
        : 'missing Authorization header; send "Authorization: Bearer <token>" (mint one with `inventory-mock token --account SLUG`)',
    );
  }
  if (options.mode === 'any') return requireAccount(mock, slug);

  const clock = mock.account(slug)?.clock ?? mock.clock;
  const now = new Date(microsToMillis(clock.now()));
  const cache = verifiedTokens(options.secret);
  let claims = cache.tokens.get(token);
  if (claims) {
    checkTimes(claims, Math.floor(now.getTime() / 1000));
  } else {
    try {
      const result = await jwtVerify(token, cache.key, { algorithms: ['HS256'], currentDate: now, clockTolerance: 0 });
      claims = result.payload;
    } catch (error) {
      throw tokenError(error);
    }
    if (cache.tokens.size >= VERIFIED_TOKEN_LIMIT) cache.tokens.clear();
    cache.tokens.set(token, claims);
  }

  requireAccount(mock, slug);
  const claimed = typeof claims.account === 'string' ? claims.account : claims.sub;
  if (typeof claimed !== 'string') {
    throw new ApiError('ACCOUNT_FORBIDDEN', `the token names no account; mint one with an "account" claim of '${slug}'`);
  }
  if (claimed !== slug) {
    throw new ApiError(
      'ACCOUNT_FORBIDDEN',
      `the token is for account '${String(claimed)}', not '${slug}'; mint a token for '${slug}'`,
    );
  }
}

function requireAccount(mock: Mock, slug: string): void {
  if (!mock.account(slug)) {
    throw new ApiError('ACCOUNT_NOT_FOUND', `account '${slug}' not found`);
  }
}

function tokenError(error: unknown): ApiError {
  if (error instanceof joseErrors.JWTExpired) {
    return new ApiError('TOKEN_EXPIRED', 'the bearer token has expired; mint a new one');
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new ApiError('SIGNATURE_INVALID', 'the bearer token is not signed or the signature did not match');
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return new ApiError('TOKEN_INVALID', `the bearer token is not valid yet or has a bad claim: ${error.message}`);
  }
  return new ApiError('TOKEN_INVALID', 'the bearer token is malformed or uses an algorithm other than HS256');
}

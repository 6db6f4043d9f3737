import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { bearerToken } from '../server/auth.js';
import { ApiError } from '../server/errors.js';

export interface AdminTokenOptions {
  /** Token that `/__admin/` requests must carry; no check when undefined. */
  token: string | undefined;
}

/**
 * Requires `Authorization: Bearer <token>` on every control-plane route when
 * an admin token is configured; anything else is a 401 ADMIN_TOKEN_REQUIRED.
 * The comparison takes the same time whatever the token's content.
 *
 * @example
 * app.use('/__admin/*', adminToken({ token: server.options.adminToken }));
 */
export function adminToken(options: AdminTokenOptions): MiddlewareHandler {
  const expected = options.token === undefined ? undefined : digest(options.token);

  return async function adminToken(c, next) {
    if (expected === undefined) return next();
    const presented = bearerToken(c.req.header('authorization'));
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      throw new ApiError(
        'ADMIN_TOKEN_REQUIRED',
        presented === undefined
          ? 'the control plane needs "Authorization: Bearer <admin token>", the token given to --admin-token'
          : 'the admin token does not match the one given to --admin-token',
        { headers: { 'WWW-Authenticate': 'Bearer realm="inventory-mock admin"' } },
      );
    }
    return next();
  };
}

/** SHA-256 of a token, so that tokens of any length compare in constant time. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

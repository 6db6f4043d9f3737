import { errorBody, type ErrorBody, type ErrorDetail } from '../server/errors.js';

/**
 * Error codes of the kit's own servers (proxy and receiver), with their
 * HTTP statuses. The bodies have the API's documented error shape.
 */
export const KIT_ERROR_CODES = {
  CALLBACK_INVALID: 400,
  INVALID_JSON: 400,
  TOKEN_INVALID: 401,
  SIGNATURE_INVALID: 401,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL_ERROR: 500,
  CONTRACT_VIOLATION: 502,
  UPSTREAM_UNREACHABLE: 502,
  UPSTREAM_BODY_TOO_LARGE: 502,
  SCRIPTED_FAILURE: 503,
  UPSTREAM_TIMEOUT: 504,
} as const;

export type KitErrorCode = keyof typeof KIT_ERROR_CODES;

/** Builds the status and documented error body of one kit error. */
export function kitError(
  code: KitErrorCode,
  message: string,
  details: ErrorDetail[] = [],
  extra: Record<string, unknown> = {},
): { status: number; body: ErrorBody } {
  return {
    status: KIT_ERROR_CODES[code],
    body: errorBody(code, message, details, extra),
  };
}

/**
 * Every error code the mock returns, and its HTTP status. Codes are
 * stable: clients and tests match on them, never on message text.
 */
export const ERROR_CODES = {
  INVALID_QUERY: 400,
  INVALID_SKU_LIMIT: 400,
  INVALID_DATE_FORMAT: 400,
  INVALID_JSON: 400,
  INVALID_BODY: 400,
  TOO_MANY_RECORDS: 400,
  INVALID_SNAPSHOT_TYPE: 400,
  INVALID_REQUEST: 400,
  UNKNOWN_PROVIDER_STATE: 400,
  TOKEN_MISSING: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  ADMIN_TOKEN_REQUIRED: 401,
  SIGNATURE_INVALID: 403,
  ACCOUNT_FORBIDDEN: 403,
  DOWNLOAD_SIGNATURE_INVALID: 403,
  ACCOUNT_NOT_FOUND: 404,
  LOCATION_NOT_FOUND: 404,
  SNAPSHOT_NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  STORM_NOT_FOUND: 404,
  FAULT_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  SNAPSHOT_IN_PROGRESS: 409,
  ACCOUNT_EXISTS: 409,
  PROVIDER_STATE_FAILED: 409,
  DOWNLOAD_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INJECTED_FAULT: 500,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  field: string;
  problem: string;
}

/** The one error body of every route: a top-level message and an `error` object. */
export interface ErrorBody {
  message: string;
  error: {
    code: string;
    message: string;
    details: ErrorDetail[];
    [extra: string]: unknown;
  };
}

/** An error that renders itself as the documented error body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetail[]; extra?: Record<string, unknown>; headers?: Record<string, string>; status?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.status = options.status ?? ERROR_CODES[code];
    this.details = options.details ?? [];
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }

  /** A 400 (or other) error about one named field. */
  static field(code: ErrorCode, field: string, problem: string): ApiError {
    return new ApiError(code, problem, { details: [{ field, problem }] });
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.message, this.details, this.extra);
  }
}

export function errorBody(
  code: string,
  message: string,
  details: ErrorDetail[] = [],
  extra: Record<string, unknown> = {},
): ErrorBody {
  return {
    message,
    error: { code, message, details, ...extra },
  };
}

import type { VerifyRun } from './run.js';

/** A request to one route under `<target>/<account>/api/v1`. */
export interface ApiRequest {
  /** `GET` by default. */
  method?: string;
  /** Route under the account's base, such as `/inventory`. */
  route: string;
  /** Query pairs in order. Values are percent-encoded, except commas. */
  query?: readonly (readonly [string, string])[];
  /** JSON body. */
  body?: unknown;
  /** Sends no `Authorization` header. */
  noAuth?: boolean;
}

/** One request and its response, as the checks read it. */
export interface Exchange {
  /** The request line, such as `GET /demo/api/v1/skus?limit=2`. */
  request: string;
  method: string;
  route: string;
  query: readonly (readonly [string, string])[];
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: unknown;
}

/** The locations and SKUs that the first checks found, for the later ones. */
export interface Discovery {
  locationIds: string[];
  skus: { customerIdentifier: string; isKit: boolean }[];
}

/** One named check of a run. */
export interface Check {
  name: string;
  /** The assertion of the check, in one sentence. */
  title: string;
  /** True when the check changes the account; it then needs `allowWrites`. */
  writes?: boolean;
  run(run: VerifyRun): Promise<void>;
}


/** Reads `error.code` of a body, whatever the rest of its shape. */
export function readCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error
    ?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Describes a status for a message: `400 INVALID_QUERY`, or `200`. */
export function describeStatus(exchange: Exchange): string {
  const code = readCode(exchange.body);
  return code === undefined ? String(exchange.status) : `${exchange.status} ${code}`;
}


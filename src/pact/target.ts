/** Real-time limit on each call that verification makes to the control plane, in milliseconds. */
export const ADMIN_TIMEOUT_MS = 10_000;

export const PROVIDER_STATES_PATH = '/__admin/provider-states';

/** The provider that pacts are verified against. */
export interface ProviderTarget {
  /** Origin that the pacts' paths are relative to, such as `http://127.0.0.1:4010`. */
  url: string;
  /** True when the provider is an inventory-mock that serves `/__admin/provider-states`. */
  isMock: boolean;
  /** Account that states act on when they name none; the mock's first account when undefined. */
  account?: string;
  /** Headers for control-plane calls (the admin token, when one is set). */
  adminHeaders: Record<string, string>;
  /** Bearer token to send on API requests of an account; undefined keeps the pact's own header. */
  token(account: string): Promise<string | undefined>;
}

export interface ConnectOptions {
  url: string;
  account?: string;
  /** Admin token of a mock started with `--admin-token`. */
  adminToken?: string;
  /** Bearer token for a provider that is not an inventory-mock. */
  token?: string;
}

/** A non-2xx response of the control plane, with the mock's error message. */
export class AdminCallError extends Error {
  override readonly name = 'AdminCallError';
  readonly status: number;
  readonly code: string | undefined;

  constructor(status: number, code: string | undefined, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The provider could not be reached, or needs an admin token that was not given. */
export class ProviderConnectionError extends Error {
  override readonly name = 'ProviderConnectionError';
}

/** Calls a control-plane route and returns its JSON; a non-2xx response throws AdminCallError. */
export async function callAdmin(
  target: Pick<ProviderTarget, 'url' | 'adminHeaders'>,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${target.url}${path}`, {
    method,
    headers: { ...target.adminHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(ADMIN_TIMEOUT_MS),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    parsed = { message: text };
  }
  const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, any>;
  if (!response.ok) {
    const message = typeof record.message === 'string' ? record.message : `${method} ${path} returned ${response.status}`;
    throw new AdminCallError(response.status, record.error?.code, message);
  }
  return record;
}

/**
 * Connects to a provider. It is an inventory-mock when GET
 * `/__admin/provider-states` lists states; then tokens come from the mock's
 * token route, so they carry its secret and its clock. Throws when the mock
 * needs an admin token that was not given.
 */
export async function connectProvider(options: ConnectOptions): Promise<ProviderTarget> {
  const url = new URL(options.url).origin;
  const adminHeaders: Record<string, string> =
    options.adminToken === undefined ? {} : { authorization: `Bearer ${options.adminToken}` };
  const base: Omit<ProviderTarget, 'isMock' | 'token'> = {
    url,
    adminHeaders,
    ...(options.account === undefined ? {} : { account: options.account }),
  };

  let isMock = false;
  try {
    const listing = await callAdmin(base, 'GET', PROVIDER_STATES_PATH);
    isMock = Array.isArray(listing.states);
    if (isMock && base.account === undefined && typeof listing.default_account === 'string') {
      base.account = listing.default_account;
    }
  } catch (error) {
    if (error instanceof AdminCallError && error.code === 'ADMIN_TOKEN_REQUIRED') {
      throw new ProviderConnectionError(`${url} is an inventory-mock that needs its admin token; pass --admin-token`);
    }
    if (!(error instanceof AdminCallError)) {
      // fetch reports a refused connection as 'fetch failed', with the reason in its cause.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new ProviderConnectionError(`cannot reach the provider at ${url}: ${reason}`);
    }
  }

  if (!isMock) {
    return { ...base, isMock, token: () => Promise.resolve(options.token) };
  }
  return {
    ...base,
    isMock,
    token: async (account) => {
      if (options.token !== undefined) return options.token;
      const answer = await callAdmin(base, 'GET', `${PROVIDER_STATES_PATH}/token?account=${encodeURIComponent(account)}`);
      return typeof answer.token === 'string' ? answer.token : undefined;
    },
  };
}

import type { components } from '../contracts/generated/inventory-api.js';

type Schemas = components['schemas'];

export type InventoryResponse = Schemas['InventoryResponse'];
export type InventoryRecord = Schemas['InventoryRecord'];
export type Location = Schemas['Location'];
export type Sku = Schemas['Sku'];
export type SkuRecord = Schemas['SkuRecord'];
export type AdjustmentRecord = Schemas['AdjustmentRecord'];
export type AdjustmentList = Schemas['AdjustmentList'];
export type DataFactoryRecord = Schemas['DataFactoryRecord'];
export type CallbackRegistration = Schemas['CallbackRegistration'];
export type CallbackRegistrationRecord = Schemas['CallbackRegistrationRecord'];
export type CallbackHold = Schemas['CallbackHold'];
export type SnapshotRequestBody = Schemas['SnapshotRequestBody'];
export type SnapshotRequestAccepted = Schemas['SnapshotRequestAccepted'];
export type SnapshotJob = Schemas['SnapshotJob'];
export type SnapshotFile = Schemas['SnapshotFile'];
export type ErrorBody = Schemas['ErrorBody'];
export type SkuBatchResponse = Schemas['SkuBatchResponse'];
export type AdjustmentBatchResponse = Schemas['AdjustmentBatchResponse'];
export type DataFactoryBatchResponse = Schemas['DataFactoryBatchResponse'];
export type CallbackBatchResponse = Schemas['CallbackBatchResponse'];
export type CallbackDeleteBatchResponse = Schemas['CallbackDeleteBatchResponse'];
export type CallbackHoldBatchResponse = Schemas['CallbackHoldBatchResponse'];

/** A non-2xx response of the Inventory API, with its documented error body. */
export class InventoryApiError extends Error {
  override readonly name = 'InventoryApiError';
  readonly status: number;
  readonly code: string;
  readonly details: { field: string; problem: string }[];
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    const error = (body as Partial<ErrorBody> | undefined)?.error;
    super(`${status} ${error?.code ?? 'UNKNOWN_ERROR'}: ${error?.message ?? 'the server sent no error body'}`);
    this.status = status;
    this.code = error?.code ?? 'UNKNOWN_ERROR';
    this.details = error?.details ?? [];
    this.body = body;
  }
}

export interface ClientOptions {
  /** Base URL of one account's API, such as `http://127.0.0.1:4010/demo/api/v1`. */
  baseUrl: string;
  /** Bearer token, or a function that returns a fresh one per request. */
  token?: string | (() => string | Promise<string>);
  /** A fetch implementation; the platform's by default. */
  fetch?: typeof fetch;
}

export interface InventoryQuery {
  cids: string[];
  limit?: number;
  offset?: number;
  includeLedger?: boolean;
  locationId?: string;
  statuses?: string[];
  /** RFC 3339 time to read the counts at (a ledger replay). */
  asOf?: string;
}

export interface AdjustmentFilter {
  cids?: string[];
  locationId?: string;
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
}

/** Query values; `undefined` leaves a key out. */
export type RequestQuery = Record<string, string | number | boolean | undefined>;

/**
 * A small typed client for the Inventory API, built on fetch. Lists are sent
 * as `cid=a,b`, the form the vendor documents. A non-2xx response throws
 * `InventoryApiError`.
 *
 * @example
 * const client = new InventoryClient({ baseUrl: mock.baseUrl('demo'), token: await mock.token('demo') });
 * const { data } = await client.getInventory({ cids: ['sku001'] });
 */
export class InventoryClient {
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
  }

  getInventory(query: InventoryQuery): Promise<InventoryResponse> {
    return this.#request('GET', '/inventory', {
      query: {
        cid: query.cids.join(','),
        limit: query.limit,
        offset: query.offset,
        include_ledger: query.includeLedger,
        location_id: query.locationId,
        status: query.statuses?.join(','),
        as_of: query.asOf,
      },
    });
  }

  listLocations(): Promise<Location[]> {
    return this.#request('GET', '/inventory_locations');
  }

  listSkus(query: { cids?: string[]; limit?: number; offset?: number } = {}): Promise<Sku[]> {
    return this.#request('GET', '/skus', {
      query: { cid: query.cids?.join(','), limit: query.limit, offset: query.offset },
    });
  }

  createSkus(records: SkuRecord[]): Promise<SkuBatchResponse> {
    return this.#request('POST', '/skus', { body: records });
  }

  adjust(records: AdjustmentRecord[]): Promise<AdjustmentBatchResponse> {
    return this.#request('POST', '/inventory_adjustments', { body: records });
  }

  listAdjustments(filter: AdjustmentFilter = {}): Promise<AdjustmentList> {
    return this.#request('GET', '/inventory_adjustments', {
      query: {
        cid: filter.cids?.join(','),
        location_id: filter.locationId,
        since: filter.since,
        until: filter.until,
        limit: filter.limit,
        offset: filter.offset,
      },
    });
  }

  createAvailable(records: DataFactoryRecord[]): Promise<DataFactoryBatchResponse> {
    return this.#request('POST', '/data_factory/createAvailable', { body: records });
  }

  loseInventory(records: DataFactoryRecord[]): Promise<DataFactoryBatchResponse> {
    return this.#request('POST', '/data_factory/loseInventory', { body: records });
  }

  requestSnapshot(body: SnapshotRequestBody): Promise<SnapshotRequestAccepted> {
    return this.#request('POST', '/snapshot_request', { body });
  }

  getSnapshotRequest(id: string): Promise<SnapshotJob> {
    return this.#request('GET', `/snapshot_request/${encodeURIComponent(id)}`);
  }

  /** Downloads a snapshot file from its signed link; no bearer token is sent. */
  async downloadSnapshot(downloadUrl: string): Promise<SnapshotFile> {
    const response = await (this.#options.fetch ?? fetch)(downloadUrl);
    return parse(response) as Promise<SnapshotFile>;
  }

  listCallbacks(messageType = 'all'): Promise<CallbackRegistration[]> {
    return this.#request('GET', '/callbacks', { query: { message_type: messageType } });
  }

  registerCallbacks(records: CallbackRegistrationRecord[]): Promise<CallbackBatchResponse> {
    return this.#request('POST', '/callbacks', { body: records });
  }

  deleteCallbacks(ids: string[]): Promise<CallbackDeleteBatchResponse> {
    return this.#request('DELETE', '/callbacks', { body: ids });
  }

  listCallbackHolds(): Promise<CallbackHold[]> {
    return this.#request('GET', '/callback_holds');
  }

  holdCallbacks(messageTypes: string[]): Promise<CallbackHoldBatchResponse> {
    return this.#request('POST', '/callback_holds', { body: messageTypes.map((type) => ({ message_type: type })) });
  }

  releaseCallbacks(messageTypes: string[]): Promise<CallbackHoldBatchResponse> {
    return this.#request('DELETE', '/callback_holds', { body: messageTypes.map((type) => ({ message_type: type })) });
  }

  /**
   * Sends a request to any path below the base URL, for routes or query keys
   * that the typed methods do not cover. A non-2xx response throws
   * `InventoryApiError`, as with every method.
   */
  send<T = unknown>(method: string, path: string, options: { query?: RequestQuery; body?: unknown } = {}): Promise<T> {
    return this.#request(method, path, options);
  }

  async #request<T>(method: string, path: string, options: { query?: RequestQuery; body?: unknown } = {}): Promise<T> {
    const url = new URL(`${this.#options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }

    const headers: Record<string, string> = { accept: 'application/json' };
    const token = typeof this.#options.token === 'function' ? await this.#options.token() : this.#options.token;
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }

    const response = await (this.#options.fetch ?? fetch)(url, { method, headers, ...(body === undefined ? {} : { body }) });
    return parse(response) as Promise<T>;
  }
}

async function parse(response: Response): Promise<unknown> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  if (!response.ok) throw new InventoryApiError(response.status, body);
  return body;
}

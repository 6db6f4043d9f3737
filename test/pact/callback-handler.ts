/**
 * An example callback consumer, as an integrator might write one: it keeps
 * the latest available-to-sell of each SKU and the latest finished snapshot.
 * Callbacks can arrive out of order, so a record older than the one kept
 * (by its `as_of`) is ignored. It depends on nothing in the mock.
 */

export interface SkuAvailability {
  skuId: string;
  customerIdentifier: string;
  availableToSell: number;
  /** The record's `as_of`, as sent. */
  asOf: string;
}

export interface ReadySnapshot {
  snapshotRequestId: string;
  status: string;
  downloadUrl?: string;
  recordCount?: number;
}

/** Thrown for a body that is not a callback this handler understands. */
export class CallbackBodyError extends Error {
  override readonly name = 'CallbackBodyError';
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/** Microseconds since the epoch of an RFC 3339 time, keeping all six fraction digits that `Date` would drop. */
export function instantOf(text: string): number {
  const match = RFC3339.exec(text);
  if (!match) throw new CallbackBodyError(`'${text}' is not an RFC 3339 date-time`);
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  const fraction = Number(((match[2] ?? '') + '000000').slice(0, 6));
  return seconds * 1000 + fraction;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class InventoryCallbackHandler {
  readonly #latest = new Map<string, SkuAvailability>();
  #snapshot: ReadySnapshot | undefined;

  /** Applies one callback body; throws CallbackBodyError for a body of another shape. */
  handle(body: unknown): void {
    if (!isObject(body)) throw new CallbackBodyError('a callback body is a JSON object');
    if (body.message_type === 'skuInventoryChange') this.#applyInventory(body.data);
    else if (body.message_type === 'snapshotReady') this.#applySnapshot(body.data);
    else throw new CallbackBodyError(`unknown message_type ${JSON.stringify(body.message_type)}`);
  }

  /** Latest available-to-sell of a SKU by its customer identifier, if a callback named it. */
  availableToSell(customerIdentifier: string): number | undefined {
    for (const entry of this.#latest.values()) {
      if (entry.customerIdentifier === customerIdentifier) return entry.availableToSell;
    }
    return undefined;
  }

  latest(skuId: string): SkuAvailability | undefined {
    return this.#latest.get(skuId);
  }

  get snapshot(): ReadySnapshot | undefined {
    return this.#snapshot;
  }

  #applyInventory(data: unknown): void {
    if (!Array.isArray(data)) throw new CallbackBodyError('skuInventoryChange data is an array of SKU records');
    for (const record of data) {
      if (!isObject(record)) throw new CallbackBodyError('each SKU record is an object');
      const { sku_id, customer_identifier, total_available_to_sell, as_of } = record;
      if (typeof sku_id !== 'string' || typeof customer_identifier !== 'string' || typeof as_of !== 'string') {
        throw new CallbackBodyError('a SKU record needs sku_id, customer_identifier and as_of');
      }
      if (typeof total_available_to_sell !== 'number' || !Number.isInteger(total_available_to_sell)) {
        throw new CallbackBodyError(`total_available_to_sell of ${customer_identifier} is not an integer`);
      }
      const current = this.#latest.get(sku_id);
      if (current && instantOf(current.asOf) > instantOf(as_of)) continue;
      this.#latest.set(sku_id, {
        skuId: sku_id,
        customerIdentifier: customer_identifier,
        availableToSell: total_available_to_sell,
        asOf: as_of,
      });
    }
  }

  #applySnapshot(data: unknown): void {
    if (!isObject(data) || typeof data.snapshot_request_id !== 'string' || typeof data.status !== 'string') {
      throw new CallbackBodyError('snapshotReady data needs snapshot_request_id and status');
    }
    this.#snapshot = {
      snapshotRequestId: data.snapshot_request_id,
      status: data.status,
      ...(typeof data.download_url === 'string' ? { downloadUrl: data.download_url } : {}),
      ...(typeof data.record_count === 'number' ? { recordCount: data.record_count } : {}),
    };
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from '../../src/kit/http.js';

/**
 * A small server of the Inventory API's read routes, with static data,
 * that serves the contract correctly until a fault is switched on. Tests
 * use it to show that `verify` and the proxy catch each fault. It has no
 * write routes, so POST and DELETE get a 405.
 */

/** The faults, each switchable on its own. */
export type WrongServerFault =
  /** `total_units` of every inventory record is a string, such as `"10"`. */
  | 'total-units-as-string'
  /** Inventory records have no `sku_id`. */
  | 'missing-sku-id'
  /** Every 400 has the body `{"error":"bad"}`. */
  | 'wrong-error-shape'
  /** The inventory route returns every record from the offset on. */
  | 'limit-ignored'
  /** `total_available_to_sell` of every inventory record is one too many. */
  | 'totals-off';

export interface WrongServer {
  url: string;
  account: string;
  /** Faults that are on; change it between requests. */
  faults: Set<WrongServerFault>;
  /**
   * Routes that get a 404 `ROUTE_NOT_FOUND`, like routes a server does not
   * serve yet, such as `/callback_holds` or `/snapshot_request`.
   */
  missingRoutes: Set<string>;
  close(): Promise<void>;
}

export const WRONG_ACCOUNT = 'wrong-test';

const STAMP = '2026-12-04T11:00:00.000000Z';
const L1 = '0a5c1f0e-0000-4000-8000-0000000000a1';
const L2 = '0a5c1f0e-0000-4000-8000-0000000000a2';

const LOCATIONS = [
  { id: L1, name: 'Wrong DC East', street_line_one: '1 Test Road', city: 'Springfield', locale_code: 'ST', postal_code: '00001', short_code: 'WE1', timezone: 'America/New_York', units_on_hand: 13, weight: 2 },
  { id: L2, name: 'Wrong DC West', street_line_one: '2 Test Avenue', city: 'Rivertown', locale_code: 'ST', postal_code: '00002', short_code: 'WW1', timezone: 'America/Los_Angeles', units_on_hand: 5, weight: 1 },
].map((location) => ({
  ...location,
  created_at: STAMP,
  updated_at: STAMP,
  address: `${location.name} | ${location.street_line_one}, ${location.city}, ${location.locale_code} ${location.postal_code}`,
}));

type Row = [locationId: string, status: string, quantity: number];

const SKUS: { cid: string; id: string; rows: Row[] }[] = [
  { cid: 'WS-001', id: '5c000000-0000-4000-8000-0000000000a1', rows: [[L1, 'available', 5], [L1, 'expected', 2], [L1, 'damaged', 1], [L2, 'available', 3], [L2, 'shipped', 4]] },
  { cid: 'WS-002', id: '5c000000-0000-4000-8000-0000000000a2', rows: [[L2, 'received', 2]] },
  { cid: 'WS-003', id: '5c000000-0000-4000-8000-0000000000a3', rows: [] },
  { cid: 'WS-004', id: '5c000000-0000-4000-8000-0000000000a4', rows: [[L1, 'allocated', 3]] },
];

const GONE = new Set(['shipped', 'destroyed', 'consumed', 'relabeled']);
const SELLABLE = new Set(['available', 'expected', 'received']);

function catalogEntry(sku: (typeof SKUS)[number]) {
  return {
    id: sku.id, customer_identifier: sku.cid, is_kit: false, kit_skus: [], created_at: STAMP, updated_at: STAMP,
    customer_bar_code: '000000000000', brand_name: 'Wrong Brand', product_name: `Product ${sku.cid}`,
    product_category: 'Test', product_sub_category: 'Test', product_description: 'A test product',
    customer_brand_code: 'WB', vendor_brand_code: 'VWB', dim_weight: 1, dim_length: 1, dim_width: 1, dim_height: 1, dim_volume: 1,
  };
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

const invalid = (field: string, problem: string) => new HttpError(400, 'INVALID_QUERY', problem, field);

function readQuery(params: URLSearchParams, allowed: readonly string[]) {
  for (const key of params.keys()) {
    if (!allowed.includes(key)) throw invalid(key, `unknown query parameter '${key}'`);
  }
  const integer = (key: string, fallback: number, min: number, max: number): number => {
    const text = params.get(key);
    if (text === null) return fallback;
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= min && value <= max)) throw invalid(key, `${key} must be an integer from ${min} to ${max}`);
    return value;
  };
  const items = params.getAll('cid').flatMap((value) => value.split(','));
  if (items.some((item) => item === '')) throw invalid('cid', 'cid has an empty item');
  return { cids: [...new Set(items)], limit: integer('limit', 30, 1, 100), offset: integer('offset', 0, 0, Number.MAX_SAFE_INTEGER) };
}

function inventory(params: URLSearchParams, faults: ReadonlySet<WrongServerFault>) {
  const { cids, limit, offset } = readQuery(params, ['cid', 'limit', 'offset', 'include_ledger', 'location_id']);
  if (cids.length === 0) throw invalid('cid', 'cid is required');
  if (cids.length > 30) throw new HttpError(400, 'INVALID_SKU_LIMIT', 'at most 30 identifiers', 'cid');
  const ledgerText = params.get('include_ledger') ?? 'true';
  if (!['true', 'false', '1', '0'].includes(ledgerText)) throw invalid('include_ledger', 'include_ledger must be true or false');
  const includeLedger = ledgerText === 'true' || ledgerText === '1';
  const locationId = params.get('location_id') ?? undefined;
  if (locationId !== undefined && !LOCATIONS.some((location) => location.id === locationId)) {
    throw new HttpError(404, 'LOCATION_NOT_FOUND', `location '${locationId}' not found`, 'location_id');
  }

  const found = cids.map((cid) => SKUS.find((sku) => sku.cid === cid)).filter((sku) => sku !== undefined);
  const page = faults.has('limit-ignored') ? found.slice(offset) : found.slice(offset, offset + limit);
  const data = page.map((sku) => {
    const rows = sku.rows.filter(([location]) => locationId === undefined || location === locationId);
    const units = rows.filter(([, status]) => !GONE.has(status)).reduce((sum, [, , quantity]) => sum + quantity, 0);
    let ats = rows.filter(([, status]) => SELLABLE.has(status)).reduce((sum, [, , quantity]) => sum + quantity, 0);
    if (faults.has('totals-off')) ats += 1;
    const record: Record<string, unknown> = {
      sku_id: sku.id,
      customer_identifier: sku.cid,
      total_units: faults.has('total-units-as-string') ? String(units) : units,
      total_available_to_sell: ats,
      as_of: STAMP,
    };
    if (faults.has('missing-sku-id')) delete record.sku_id;
    if (includeLedger) {
      record.status_counts = rows.map(([location, status, quantity]) => ({
        inventory_location_id: location,
        inventory_location_address: LOCATIONS.find((candidate) => candidate.id === location)?.address ?? '',
        inventory_status: status,
        quantity,
        as_of: STAMP,
      }));
      record.inventory_events = [];
    }
    return record;
  });
  const missing = cids.filter((cid) => !SKUS.some((sku) => sku.cid === cid));
  return { include_ledger: includeLedger, limit, offset, total: found.length, missing_cids: missing, data };
}

function skus(params: URLSearchParams) {
  const { cids, limit, offset } = readQuery(params, ['cid', 'limit', 'offset']);
  const chosen = cids.length === 0 ? SKUS : SKUS.filter((sku) => cids.includes(sku.cid));
  return chosen.slice(offset, offset + limit).map(catalogEntry);
}

function adjustments(params: URLSearchParams) {
  const { limit, offset } = readQuery(params, ['cid', 'location_id', 'since', 'until', 'limit', 'offset']);
  return { limit, offset, total: 0, data: [] };
}

const ROUTES: Record<string, (params: URLSearchParams, faults: ReadonlySet<WrongServerFault>) => unknown> = {
  '/inventory': inventory,
  '/sku_snapshots': inventory,
  '/inventory_locations': () => LOCATIONS,
  '/skus': skus,
  '/inventory_adjustments': adjustments,
  '/callbacks': (params) => (readQuery(params, ['message_type']), []),
  '/callback_holds': () => [],
};

function handle(request: IncomingMessage, server: WrongServer): unknown {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const match = /^\/([^/]+)\/api\/v1(\/.*)$/.exec(url.pathname);
  const route = match?.[2] ?? '';
  const snapshot = /^\/snapshot_request\/[^/]+$/.test(route);
  const missing = server.missingRoutes.has(snapshot ? '/snapshot_request' : route);
  if ((ROUTES[route] === undefined && !snapshot) || missing) throw new HttpError(404, 'ROUTE_NOT_FOUND', `no route ${url.pathname}`);
  if (request.method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'this server only answers GET');
  if (!/^Bearer \S+$/.test(request.headers.authorization ?? '')) throw new HttpError(401, 'TOKEN_MISSING', 'missing bearer token');
  if (match?.[1] !== WRONG_ACCOUNT) throw new HttpError(404, 'ACCOUNT_NOT_FOUND', `account '${match?.[1]}' not found`);
  if (snapshot) throw new HttpError(404, 'SNAPSHOT_NOT_FOUND', 'snapshot request not found');
  return ROUTES[route]?.(url.searchParams, server.faults);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Starts the wrong server on an ephemeral loopback port. */
export async function startWrongServer(faults: Iterable<WrongServerFault> = []): Promise<WrongServer> {
  const state: WrongServer = {
    url: '',
    account: WRONG_ACCOUNT,
    faults: new Set(faults),
    missingRoutes: new Set(),
    close: async () => undefined,
  };
  const server = await listen(
    (request, response) => {
      request.resume();
      try {
        send(response, 200, handle(request, state));
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        if (error.status === 400 && state.faults.has('wrong-error-shape')) {
          send(response, 400, { error: 'bad' });
          return;
        }
        const details = error.field === undefined ? [] : [{ field: error.field, problem: error.message }];
        send(response, error.status, { message: error.message, error: { code: error.code, message: error.message, details } });
      }
    },
    0,
    '127.0.0.1',
  );
  state.url = server.url;
  state.close = server.close;
  return state;
}

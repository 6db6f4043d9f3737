import { formatRfc3339 } from '../../domain/time.js';
import type { Account } from '../../engine/account.js';
import { inventoryRecordJson, renderVersion, wireLocation, wireSku } from '../../engine/inventory-view.js';
import { ApiError } from '../errors.js';
import { MAX_CIDS, Query } from '../query.js';
import type { ApiRoute } from '../route.js';

const JSON_HEADERS = { 'content-type': 'application/json' };
const utf8 = new TextEncoder();

/** Most cached inventory pages per account before the cache starts afresh. */
const PAGE_CACHE_LIMIT = 1_000;

const pageCaches = new WeakMap<Account, Map<string, { version: string; body: Uint8Array<ArrayBuffer> }>>();

function pageCache(account: Account): Map<string, { version: string; body: Uint8Array<ArrayBuffer> }> {
  let cache = pageCaches.get(account);
  if (!cache) {
    cache = new Map();
    pageCaches.set(account, cache);
  }
  return cache;
}

const INVENTORY_KEYS = ['cid', 'limit', 'offset', 'include_ledger', 'location_id', 'status', 'as_of'];

/** GET `inventory` and its alias `sku_snapshots`: counts for specific SKUs. */
const getInventory: ApiRoute['handle'] = (c, account) => {
  const query = new Query(c.req.url);
  const cids = query.list('cid', { required: true, max: MAX_CIDS }) ?? [];
  const limit = query.integer('limit', { min: 1, max: 100, fallback: 30 });
  const offset = query.integer('offset', { min: 0, fallback: 0 });
  const includeLedger = query.boolean('include_ledger', true);
  const locationId = query.uuid('location_id');
  const statuses = query.statuses('status');
  const asOf = query.date('as_of');

  if (locationId !== undefined && !account.location(locationId)) {
    throw new ApiError('LOCATION_NOT_FOUND', `location '${locationId}' not found in account '${account.slug}'`, {
      details: [{ field: 'location_id', problem: 'no such location' }],
    });
  }
  const now = account.now();
  if (asOf !== undefined && asOf > now) {
    throw ApiError.field(
      'INVALID_QUERY',
      'as_of',
      `as_of ${formatRfc3339(asOf)} is in the future; the mock's clock reads ${formatRfc3339(now)}`,
    );
  }

  const found = [];
  const missing: string[] = [];
  for (const cid of cids) {
    const sku = account.skuByIdentifier(cid);
    if (sku) found.push(sku);
    else missing.push(cid);
  }

  const view = {
    includeLedger,
    ...(locationId === undefined ? {} : { locationId }),
    ...(statuses === undefined ? {} : { statuses }),
    ...(asOf === undefined ? {} : { at: asOf }),
  };
  const page = found.slice(offset, offset + limit);

  // A repeated query over unchanged SKUs reuses the bytes of the last response.
  const key = asOf === undefined ? new URL(c.req.url).search : undefined;
  const version = key === undefined ? '' : page.map((sku) => renderVersion(account, sku)).join('/');
  const cache = pageCache(account);
  const cached = key === undefined ? undefined : cache.get(key);
  if (cached && cached.version === version) return c.body(cached.body, 200, JSON_HEADERS);

  // Records are rendered (and cached) as JSON text, so the page is joined as text.
  const records = page.map((sku) => inventoryRecordJson(account, sku, view));
  const head = JSON.stringify({
    include_ledger: includeLedger,
    limit,
    offset,
    total: found.length,
    missing_cids: missing,
  });
  const body = utf8.encode(`${head.slice(0, -1)},"data":[${records.join(',')}]}`);
  if (key !== undefined) {
    if (cache.size >= PAGE_CACHE_LIMIT) cache.clear();
    cache.set(key, { version, body });
  }
  return c.body(body, 200, JSON_HEADERS);
};

const listLocations: ApiRoute['handle'] = (c, account) => {
  return c.json(account.locations.map((location) => wireLocation(account, location)));
};

const listSkus: ApiRoute['handle'] = (c, account) => {
  const query = new Query(c.req.url);
  const cids = query.list('cid', { required: false, max: MAX_CIDS });
  const limit = query.integer('limit', { min: 1, max: 100, fallback: 30 });
  const offset = query.integer('offset', { min: 0, fallback: 0 });

  const skus = cids
    ? cids.map((cid) => account.skuByIdentifier(cid)).filter((sku) => sku !== undefined)
    : account.skusInOrder();
  return c.json(skus.slice(offset, offset + limit).map(wireSku));
};

export const readRoutes: ApiRoute[] = [
  { method: 'GET', path: '/inventory', query: INVENTORY_KEYS, handle: getInventory },
  { method: 'GET', path: '/sku_snapshots', query: INVENTORY_KEYS, handle: getInventory },
  { method: 'GET', path: '/inventory_locations', query: [], handle: listLocations },
  { method: 'GET', path: '/skus', query: ['cid', 'limit', 'offset'], handle: listSkus },
];

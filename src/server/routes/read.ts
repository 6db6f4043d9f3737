import { formatRfc3339 } from '../../domain/time.js';
import { inventoryRecord, wireLocation, wireSku } from '../../engine/inventory-view.js';
import { ApiError } from '../errors.js';
import { MAX_CIDS, Query } from '../query.js';
import type { ApiRoute } from '../route.js';

const INVENTORY_KEYS = ['cid', 'limit', 'offset', 'include_ledger', 'location_id', 'status', 'as_of'];

/** GET `inventory` and its alias `sku_snapshots`: counts for specific SKUs. */
const getInventory: ApiRoute['handle'] = (c, account) => {
  const query = new Query(c.req.url);
  query.allowOnly(INVENTORY_KEYS);
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

  const page = found.slice(offset, offset + limit);
  const data = page.map((sku) =>
    inventoryRecord(account, sku, {
      includeLedger,
      ...(locationId === undefined ? {} : { locationId }),
      ...(statuses === undefined ? {} : { statuses }),
      ...(asOf === undefined ? {} : { at: asOf }),
    }),
  );

  return c.json({
    include_ledger: includeLedger,
    limit,
    offset,
    total: found.length,
    missing_cids: missing,
    data,
  });
};

const listLocations: ApiRoute['handle'] = (c, account) => {
  new Query(c.req.url).allowOnly([]);
  return c.json(account.locations.map((location) => wireLocation(account, location)));
};

const listSkus: ApiRoute['handle'] = (c, account) => {
  const query = new Query(c.req.url);
  query.allowOnly(['cid', 'limit', 'offset']);
  const cids = query.list('cid', { required: false, max: MAX_CIDS });
  const limit = query.integer('limit', { min: 1, max: 100, fallback: 30 });
  const offset = query.integer('offset', { min: 0, fallback: 0 });

  const skus = cids
    ? cids.map((cid) => account.skuByIdentifier(cid)).filter((sku) => sku !== undefined)
    : account.skusInOrder();
  return c.json(skus.slice(offset, offset + limit).map(wireSku));
};

export const readRoutes: ApiRoute[] = [
  { method: 'GET', path: '/inventory', handle: getInventory },
  { method: 'GET', path: '/sku_snapshots', handle: getInventory },
  { method: 'GET', path: '/inventory_locations', handle: listLocations },
  { method: 'GET', path: '/skus', handle: listSkus },
];

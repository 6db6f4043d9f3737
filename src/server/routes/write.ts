import { formatRfc3339 } from '../../domain/time.js';
import { wireAudit } from '../../engine/inventory-view.js';
import { applyAdjustments, applyDataFactory, applySkus } from '../../engine/writes.js';
import { readBatch } from '../body.js';
import { ApiError } from '../errors.js';
import { Query } from '../query.js';
import { apiBase, type ApiRoute } from '../route.js';

const postAdjustments: ApiRoute['handle'] = async (c, account) => {
  const records = await readBatch(c);
  return c.json(applyAdjustments(account, records));
};

/** GET `inventory_adjustments`: the audit trail, newest first. */
const listAdjustments: ApiRoute['handle'] = (c, account) => {
  const query = new Query(c.req.url);
  const cids = query.list('cid', { required: false, max: 30 });
  const locationId = query.uuid('location_id');
  const since = query.date('since');
  const until = query.date('until');
  const limit = query.integer('limit', { min: 1, max: 100, fallback: 30 });
  const offset = query.integer('offset', { min: 0, fallback: 0 });
  if (since !== undefined && until !== undefined && since > until) {
    throw ApiError.field(
      'INVALID_QUERY',
      'since',
      `since (${formatRfc3339(since)}) is later than until (${formatRfc3339(until)})`,
    );
  }

  const wanted = cids ? new Set(cids) : undefined;
  const matches = [];
  for (let i = account.audit.length - 1; i >= 0; i--) {
    const entry = account.audit[i];
    if (!entry) continue;
    if (wanted && !wanted.has(entry.customer_identifier)) continue;
    if (locationId !== undefined && entry.inventory_location_id !== locationId) continue;
    if (since !== undefined && entry.adjusted_at < since) continue;
    if (until !== undefined && entry.adjusted_at > until) continue;
    matches.push(entry);
  }

  return c.json({
    limit,
    offset,
    total: matches.length,
    data: matches.slice(offset, offset + limit).map(wireAudit),
  });
};

const postSkus: ApiRoute['handle'] = async (c, account, server) => {
  const records = await readBatch(c);
  const batch = applySkus(account, records);
  const base = apiBase(c, server, account.slug);
  for (const result of batch.results) {
    if (result.status === 'success' && typeof result.customer_identifier === 'string') {
      result.url = `${base}/skus?cid=${encodeURIComponent(result.customer_identifier)}`;
    }
  }
  return c.json(batch);
};

function dataFactory(kind: 'createAvailable' | 'loseInventory'): ApiRoute['handle'] {
  return async (c, account) => {
      const records = await readBatch(c);
    return c.json(applyDataFactory(account, kind, records));
  };
}

export const writeRoutes: ApiRoute[] = [
  { method: 'POST', path: '/inventory_adjustments', query: [], handle: postAdjustments },
  {
    method: 'GET',
    path: '/inventory_adjustments',
    query: ['cid', 'location_id', 'since', 'until', 'limit', 'offset'],
    handle: listAdjustments,
  },
  { method: 'POST', path: '/skus', query: [], handle: postSkus },
  { method: 'POST', path: '/data_factory/createAvailable', query: [], handle: dataFactory('createAvailable') },
  { method: 'POST', path: '/data_factory/loseInventory', query: [], handle: dataFactory('loseInventory') },
];

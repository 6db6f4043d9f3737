import type { Context } from 'hono';
import { isRecord } from '../../domain/adjustments.js';
import type { Account } from '../../engine/account.js';
import { wireLocation } from '../../engine/inventory-view.js';
import { readObject } from '../body.js';
import { ApiError, type ErrorDetail } from '../errors.js';
import type { ServerContext } from '../route.js';
import type { AdminRoute } from './route.js';

/** Largest demand weight; weights are relative, so this bounds nothing useful. */
const MAX_WEIGHT = 1_000_000;

function accountOf(c: Context, server: ServerContext): Account {
  const slug = c.req.param('slug') ?? '';
  const account = server.mock.account(slug);
  if (!account) throw new ApiError('ACCOUNT_NOT_FOUND', `account '${slug}' not found`);
  return account;
}

function policy(account: Account) {
  return {
    account: account.slug,
    locations: account.locations.map((location) => {
      const wire = wireLocation(account, location);
      const room = account.usedRoom(location.id);
      return {
        id: location.id,
        name: location.name,
        weight: location.weight,
        capacity: location.capacity,
        units_on_hand: wire.units_on_hand,
        expected: room.expected,
      };
    }),
  };
}

/**
 * PUT body `{locations: [{id, weight?, capacity?}]}`: changes the demand
 * weights and capacities that place inbound units without a location. All
 * entries are checked before any is applied.
 */
async function putPolicy(c: Context, server: ServerContext): Promise<Response> {
  const account = accountOf(c, server);
  const body = await readObject(c);
  const entries = body.locations;
  const details: ErrorDetail[] = [];
  for (const key of Object.keys(body)) {
    if (key !== 'locations') details.push({ field: key, problem: `unknown key '${key}'` });
  }
  if (!Array.isArray(entries) || entries.length === 0) {
    details.push({ field: 'locations', problem: 'give locations: [{id, weight?, capacity?}, ...]' });
  }

  const changes: { id: string; weight?: number; capacity?: number }[] = [];
  for (const [index, entry] of (Array.isArray(entries) ? entries : []).entries()) {
    const field = `locations[${index}]`;
    if (!isRecord(entry)) {
      details.push({ field, problem: 'each entry must be an object' });
      continue;
    }
    for (const key of Object.keys(entry)) {
      if (!['id', 'weight', 'capacity'].includes(key)) details.push({ field: `${field}.${key}`, problem: `unknown key '${key}'` });
    }
    if (typeof entry.id !== 'string' || !account.location(entry.id)) {
      details.push({ field: `${field}.id`, problem: `unknown location '${String(entry.id)}'` });
      continue;
    }
    const { weight, capacity } = entry;
    if (weight !== undefined && (typeof weight !== 'number' || !(weight >= 0 && weight <= MAX_WEIGHT))) {
      details.push({ field: `${field}.weight`, problem: `weight must be a number from 0 to ${MAX_WEIGHT}` });
    }
    if (capacity !== undefined && (typeof capacity !== 'number' || !Number.isSafeInteger(capacity) || capacity < 0)) {
      details.push({ field: `${field}.capacity`, problem: 'capacity must be an integer of 0 or more' });
    }
    if (changes.some((known) => known.id === entry.id)) {
      details.push({ field: `${field}.id`, problem: `location '${entry.id}' is listed twice` });
    }
    changes.push({
      id: entry.id,
      ...(typeof weight === 'number' ? { weight } : {}),
      ...(typeof capacity === 'number' ? { capacity } : {}),
    });
  }
  if (details.length > 0) {
    throw new ApiError('INVALID_BODY', `invalid distribution policy: ${details[0]?.problem}`, { details });
  }

  for (const change of changes) {
    const location = account.location(change.id);
    if (!location) continue;
    if (change.weight !== undefined) location.weight = change.weight;
    if (change.capacity !== undefined) location.capacity = change.capacity;
    location.updated_at = account.now();
  }
  account.catalogVersion++;
  server.logger.child({ component: 'admin' }).info({ account: account.slug, changes }, 'distribution policy changed');
  return c.json(policy(account));
}

export const distributionRoutes: AdminRoute[] = [
  { method: 'GET', path: '/accounts/:slug/distribution', handle: (c, server) => c.json(policy(accountOf(c, server))) },
  { method: 'PUT', path: '/accounts/:slug/distribution', handle: putPolicy },
];

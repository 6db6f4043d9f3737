import { planRegistration } from '../callbacks/registrations.js';
import { addAccount, requireAccount, resetAccount } from '../control/accounts.js';
import { isRecord } from '../domain/adjustments.js';
import type { Location } from '../domain/catalog.js';
import type { StoredStatus } from '../domain/statuses.js';
import type { Account } from '../engine/account.js';
import type { AccountFixture } from '../engine/fixture-format.js';
import { UNLIMITED_CAPACITY } from '../engine/load.js';
import { applyAdjustments, applySkus } from '../engine/writes.js';
import { ApiError } from '../server/errors.js';
import type { ServerContext } from '../server/route.js';
import { matchProviderState, type MatchedState, type StateValue } from './state-catalog.js';

/** The body Pact's verifier posts to a provider-state URL. */
export interface StateChange {
  state: string;
  params: Record<string, unknown>;
  action: 'setup' | 'teardown';
}

/** Context of a state change: the mock's origin and the account of states that name none. */
export interface StateContext {
  /** The mock's own origin, for the default callback sink and snapshot links. */
  origin: string;
  /** Account of states that name none; the mock's first account when undefined. */
  defaultAccount?: string | undefined;
}

/** Values a setup returns; Pact may inject them into the request it sends next. */
export type StateResult = Record<string, StateValue | boolean>;

/** Path of the callback sink that state-made registrations point at by default. */
export const CALLBACK_SINK_PATH = '/__admin/provider-states/sink';

/** Actor that the audit trail names for changes that a provider state makes. */
const STATE_ACTOR = 'pact-provider-state';

/** Checks a state-change body: `state` is required, `params` and `action` default to `{}` and `setup`. */
export function readStateChange(body: unknown): StateChange {
  if (!isRecord(body)) throw ApiError.field('INVALID_BODY', '/', 'the body must be a JSON object {state, params, action}');
  const extra = Object.keys(body).find((key) => !['state', 'params', 'action'].includes(key));
  if (extra !== undefined) throw ApiError.field('INVALID_BODY', `/${extra}`, `unknown key '${extra}'; send state, params and action`);
  if (typeof body.state !== 'string' || body.state.trim() === '') {
    throw ApiError.field('INVALID_BODY', '/state', 'state must be the non-empty name of a provider state');
  }
  const params = body.params ?? {};
  if (!isRecord(params)) throw ApiError.field('INVALID_BODY', '/params', 'params must be a JSON object');
  const action = body.action ?? 'setup';
  if (action !== 'setup' && action !== 'teardown') {
    throw ApiError.field('INVALID_BODY', '/action', `action must be 'setup' or 'teardown', got ${JSON.stringify(action)}`);
  }
  return { state: body.state, params, action };
}

/** Matches a state name; an unknown name or a bad parameter is a 400 naming it. */
export function resolveState(change: StateChange): MatchedState {
  const matched = matchProviderState(change.state, change.params);
  if ('definition' in matched) return matched;
  const code = matched.field === 'state' ? 'UNKNOWN_PROVIDER_STATE' : 'INVALID_BODY';
  throw new ApiError(code, matched.problem, { details: [{ field: matched.field, problem: matched.problem }] });
}

/**
 * Sets up or tears down one provider state on the mock. Setups go through
 * the write paths that API clients use (SKU creation, adjustments, callback
 * registration, snapshot requests). Every teardown resets the state's
 * account to its fixture, so the next interaction starts clean.
 */
export function changeProviderState(server: ServerContext, change: StateChange, where: StateContext): StateResult {
  const matched = resolveState(change);
  const slug = accountSlug(server, matched, where.defaultAccount);
  const origin = where.origin;
  if (change.action === 'teardown') {
    if (server.mock.account(slug)) resetAccount(server, slug);
    return { account: slug };
  }

  const { values } = matched;
  switch (matched.definition.id) {
    case 'account-exists':
      return ensureAccount(server, slug);
    case 'sku-count':
      return setCount(requireAccount(server, slug), values);
    case 'location-missing':
      return checkLocationMissing(requireAccount(server, slug), values.location_id as string);
    case 'no-snapshot-running':
      return stopSnapshot(server, requireAccount(server, slug));
    case 'snapshot-running':
      return startHungSnapshot(server, requireAccount(server, slug), origin);
    case 'snapshot-ready-callback':
      return registerCallback(server, requireAccount(server, slug), 'snapshotReady', values.url, origin);
    case 'inventory-change-callback':
      return registerCallback(server, requireAccount(server, slug), 'skuInventoryChange', values.url, origin);
  }
}

function accountSlug(server: ServerContext, matched: MatchedState, fallback: string | undefined): string {
  const named = matched.values.account ?? fallback;
  if (typeof named === 'string') return named;
  const first = server.mock.accounts.keys().next().value;
  if (first === undefined) throw new ApiError('ACCOUNT_NOT_FOUND', 'the mock has no accounts; give params.account');
  return first;
}

function failed(message: string, field = 'state'): ApiError {
  return new ApiError('PROVIDER_STATE_FAILED', message, { details: [{ field, problem: message }] });
}

/** Resets an existing account; creates a missing one as a copy of the first fixture account. */
function ensureAccount(server: ServerContext, slug: string): StateResult {
  if (server.mock.account(slug)) {
    resetAccount(server, slug);
    return { account: slug, created: false };
  }
  const template = server.control.origins.values().next().value as AccountFixture | undefined;
  const request = template
    ? { fixture: { ...structuredClone(template), slug }, slug }
    : { generate: { skus: 10 }, slug };
  addAccount(server, request);
  return { account: slug, created: true };
}

function setCount(account: Account, values: Record<string, StateValue>): StateResult {
  const cid = values.cid as string;
  const locationId = values.location_id as string;
  const status = values.status as StoredStatus;
  const quantity = values.quantity as number;

  if (!account.location(locationId)) account.addLocation(stateLocation(account, locationId));
  if (!account.skuByIdentifier(cid)) {
    const created = applySkus(account, [{ customer_identifier: cid }]).results[0];
    if (created?.status !== 'success') {
      throw failed(`SKU '${cid}' could not be created: ${JSON.stringify(created?.messages)}`, 'params.cid');
    }
  }
  const sku = account.skuByIdentifier(cid);
  if (!sku) throw failed(`SKU '${cid}' could not be created`, 'params.cid');

  // An adjustment to the quantity a pair already has is a failure record, so it is skipped.
  if (account.quantity(sku.id, locationId, status) !== quantity) {
    const record = {
      customer_identifier: cid,
      inventory_location_id: locationId,
      inventory_status: status,
      new_quantity: quantity,
      adjustment_reason: 'correction',
      adjusted_by: STATE_ACTOR,
      adjustment_notes: `provider state: SKU ${cid} has ${quantity} ${status} at location ${locationId}`,
    };
    const result = applyAdjustments(account, [record]).results[0];
    if (result?.status !== 'success') {
      throw failed(`the count could not be set: ${JSON.stringify(result?.messages)}`, 'params.quantity');
    }
  }
  return {
    account: account.slug,
    sku_id: sku.id,
    cid,
    location_id: locationId,
    status,
    quantity,
  };
}

/** A location for an id that a pact names but the fixture lacks. */
function stateLocation(account: Account, id: string): Location {
  const now = account.now();
  return {
    id,
    name: `Pact DC ${id.slice(0, 8)}`,
    street_line_one: '1 Provider State Road',
    city: 'Springfield',
    locale_code: 'ST',
    postal_code: '00000',
    short_code: `P${id.slice(0, 3).toUpperCase()}`,
    timezone: 'UTC',
    capacity: UNLIMITED_CAPACITY,
    weight: 1,
    created_at: now,
    updated_at: now,
  };
}

function checkLocationMissing(account: Account, locationId: string): StateResult {
  const location = account.location(locationId);
  if (location) {
    throw failed(
      `location ${locationId} exists in account '${account.slug}' (${location.name}); name an id that no location of the fixture has`,
      'params.location_id',
    );
  }
  return { account: account.slug, location_id: locationId };
}

function stopSnapshot(server: ServerContext, account: Account): StateResult {
  const cancelled = server.snapshots.jobs(account).cancelRunning();
  return { account: account.slug, ...(cancelled ? { cancelled_snapshot_request_id: cancelled.id } : {}) };
}

/** Starts a full snapshot that never finishes; the teardown's reset drops it. */
function startHungSnapshot(server: ServerContext, account: Account, origin: string): StateResult {
  const jobs = server.snapshots.jobs(account);
  const running = jobs.running;
  if (running) return { account: account.slug, snapshot_request_id: running.id };

  jobs.settings.hangNext += 1;
  const answer = server.snapshots.request(account, { snapshot_type: 'full' }, `${origin}/${encodeURIComponent(account.slug)}/api/v1`);
  return { account: account.slug, snapshot_request_id: answer.snapshot_request_id as string };
}

function registerCallback(
  server: ServerContext,
  account: Account,
  type: 'snapshotReady' | 'skuInventoryChange',
  url: StateValue | undefined,
  origin: string,
): StateResult {
  const record = { url: url ?? `${origin}${CALLBACK_SINK_PATH}`, message_type: type, api_version: '1.0' };
  const plan = planRegistration(record, server.options.callbackAllow);
  if (!plan.ok) {
    const problems = plan.messages.map((message) => `${message.field_name}: ${message.errors.join('; ')}`).join('; ');
    throw failed(`the ${type} callback could not be registered: ${problems}`, 'params.url');
  }
  const registration = server.callbacks.register(account, plan.draft);
  return { account: account.slug, callback_id: registration.id, url: registration.url };
}

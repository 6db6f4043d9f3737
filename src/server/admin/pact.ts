import { readAdminJson, readRequiredJson } from '../../control/body.js';
import { microsToMillis } from '../../domain/time.js';
import { PROVIDER_STATES } from '../../pact/state-catalog.js';
import { CALLBACK_SINK_PATH, changeProviderState, readStateChange } from '../../pact/state-setup.js';
import { ApiError } from '../errors.js';
import { Query } from '../query.js';
import { mintToken } from '../tokens.js';
import type { AdminRoute } from './route.js';

/** Lifetime of a token from the token route: one hour, in seconds. */
const STATE_TOKEN_LIFETIME_S = 3600;

/**
 * GET `/__admin/provider-states`: the states the mock sets up, with their
 * parameters, and the account that states naming none act on.
 */
const listStates: AdminRoute['handle'] = (c, server) => {
  new Query(c.req.url).allowOnly([]);
  const account = server.mock.accounts.keys().next().value;
  return c.json({
    ...(account === undefined ? {} : { default_account: account }),
    states: PROVIDER_STATES.map((state) => ({ name: state.name, description: state.description, params: state.params })),
  });
};

/**
 * POST `/__admin/provider-states[?account=]`: Pact's state-change body
 * `{state, params, action}`. States that name no account act on `account`,
 * else on the mock's first account. A setup returns values that Pact may
 * inject into the request; an unknown state is a 400 UNKNOWN_PROVIDER_STATE
 * naming it.
 */
const changeState: AdminRoute['handle'] = async (c, server) => {
  const query = new Query(c.req.url);
  query.allowOnly(['account']);
  const defaultAccount = query.text('account');
  const logger = server.logger.child({ component: 'pact' });
  const change = readStateChange(await readRequiredJson(c));
  try {
    const result = changeProviderState(server, change, { origin: new URL(c.req.url).origin, defaultAccount });
    logger.info({ state: change.state, action: change.action, account: result.account }, 'provider state changed');
    return c.json(result);
  } catch (error) {
    logger.warn({ err: error, state: change.state, action: change.action }, 'provider state failed');
    throw error;
  }
};

/** GET `/__admin/provider-states/token?account=`: a bearer token, minted with the mock's secret on the account's clock. */
const issueToken: AdminRoute['handle'] = async (c, server) => {
  const query = new Query(c.req.url);
  query.allowOnly(['account']);
  const slug = query.text('account');
  if (slug === undefined) throw ApiError.field('INVALID_QUERY', 'account', 'account is required: ?account=<slug>');
  // A token for an unknown slug is minted too, so a pact can expect that slug's 404, which the mock checks after the token.
  const clock = server.mock.account(slug)?.clock ?? server.mock.clock;
  const token = await mintToken({
    account: slug,
    secret: server.auth.secret,
    now: microsToMillis(clock.now()),
    expiresIn: STATE_TOKEN_LIFETIME_S,
  });
  return c.json({ account: slug, token, expires_in: STATE_TOKEN_LIFETIME_S });
};

/** POST `/__admin/provider-states/sink`: accepts any callback with 204, so state-made registrations reach no other host. */
const sink: AdminRoute['handle'] = async (c) => {
  await readAdminJson(c).catch(() => undefined);
  return c.body(null, 204);
};

export const pactAdminRoutes: AdminRoute[] = [
  { method: 'GET', path: '/provider-states', handle: listStates },
  { method: 'POST', path: '/provider-states', handle: changeState },
  { method: 'GET', path: '/provider-states/token', handle: issueToken },
  { method: 'POST', path: CALLBACK_SINK_PATH.replace('/__admin', ''), handle: sink },
];

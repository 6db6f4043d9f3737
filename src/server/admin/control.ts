import type { Context } from 'hono';
import { addAccount, loadState, removeAccount, requireAccount, resetAccount } from '../../control/accounts.js';
import { readAdminJson, readOptionalObject, readRequiredJson } from '../../control/body.js';
import { applyClockUpdate, clockView, readClockUpdate, updateAllClocks } from '../../control/clock.js';
import { addRule, removeRule, replaceRules } from '../../control/fault-admin.js';
import { DEFAULT_PAGE } from '../../control/journal.js';
import { readFilter } from '../../control/request-filter.js';
import { isStandardWebhooksSecret, readSecretBody } from '../../control/secret.js';
import { signingKey } from '../../callbacks/signing.js';
import { accountSummary, dumpAccount } from '../../control/state.js';
import { microsToMillis } from '../../domain/time.js';
import { ApiError } from '../errors.js';
import { Query } from '../query.js';
import type { ServerContext } from '../route.js';
import { mintToken } from '../tokens.js';
import type { AdminRoute } from './route.js';

type Handle = AdminRoute['handle'];

/** Rejects every query parameter: these routes take none. */
function noQuery(c: Context): void {
  new Query(c.req.url).allowOnly([]);
}

function slugOf(c: Context): string {
  return c.req.param('slug') ?? '';
}

const reset: Handle = async (c, server) => {
  noQuery(c);
  const body = await readOptionalObject(c);
  const seed = body.seed;
  const extra = Object.keys(body).find((key) => key !== 'seed');
  if (extra !== undefined) throw ApiError.field('INVALID_BODY', `/${extra}`, `unknown key '${extra}'; reset takes only seed`);
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)) {
    throw ApiError.field('INVALID_BODY', '/seed', 'seed must be a whole number of 0 or more');
  }
  server.control.reset(seed as number | undefined);
  return c.json({ seed: server.mock.seed, accounts: [...server.mock.accounts.values()].map(accountSummary) });
};

const listAccounts: Handle = (c, server) => {
  noQuery(c);
  return c.json({ accounts: [...server.mock.accounts.values()].map(accountSummary) });
};

const postAccount: Handle = async (c, server) => {
  noQuery(c);
  const added = addAccount(server, await readRequiredJson(c));
  const account = requireAccount(server, added.slug);
  const token = await mintToken({ account: added.slug, secret: server.auth.secret, now: microsToMillis(account.clock.now()) });
  return c.json({ ...added, token }, 201);
};

const deleteAccount: Handle = (c, server) => {
  noQuery(c);
  removeAccount(server, slugOf(c));
  return c.json({ deleted: slugOf(c) });
};

const postAccountReset: Handle = async (c, server) => {
  noQuery(c);
  if ((await readAdminJson(c)) !== undefined) throw ApiError.field('INVALID_BODY', '/', 'an account reset takes no body');
  return c.json(resetAccount(server, slugOf(c)));
};

const getState: Handle = (c, server) => {
  noQuery(c);
  return c.json(dumpAccount(requireAccount(server, slugOf(c))));
};

const putState: Handle = async (c, server) => {
  noQuery(c);
  const slug = slugOf(c);
  requireAccount(server, slug);
  return c.json(loadState(server, slug, await readRequiredJson(c)));
};

const getSecret: Handle = (c, server) => {
  noQuery(c);
  return c.json(secretView(requireAccount(server, slugOf(c)).callbackSecret));
};

const putSecret: Handle = async (c, server) => {
  noQuery(c);
  const account = requireAccount(server, slugOf(c));
  account.callbackSecret = readSecretBody(await readRequiredJson(c));
  server.control.logger.info({ account: account.slug }, 'callback secret changed');
  return c.json(secretView(account.callbackSecret));
};

/** Returns the secret and how the signing key is derived from it. */
function secretView(secret: string) {
  return {
    callback_secret: secret,
    // base64: the bytes after whsec_ (Standard Webhooks); utf8: the secret's own bytes.
    key_encoding: isStandardWebhooksSecret(secret) ? 'base64' : 'utf8',
    key_bytes: signingKey(secret).length,
  };
}

const getClock: Handle = (c, server) => {
  noQuery(c);
  return c.json(clockView(server.mock.clock));
};

const putClock: Handle = async (c, server) => {
  noQuery(c);
  return c.json(updateAllClocks(server, readClockUpdate(await readRequiredJson(c))));
};

const getAccountClock: Handle = (c, server) => {
  noQuery(c);
  return c.json(clockView(requireAccount(server, slugOf(c)).clock));
};

const putAccountClock: Handle = async (c, server) => {
  noQuery(c);
  const account = requireAccount(server, slugOf(c));
  applyClockUpdate(account.clock, readClockUpdate(await readRequiredJson(c)));
  server.control.logger.info({ account: account.slug, mode: account.clock.mode }, 'account clock changed');
  return c.json(clockView(account.clock));
};

/** Builds the fault routes, for every account or (with `scoped`) for the account in the path. */
function faultRoutes(prefix: string, scoped: boolean): AdminRoute[] {
  const scope = (c: Context, server: ServerContext): string | undefined =>
    scoped ? requireAccount(server, slugOf(c)).slug : undefined;
  return [
    {
      method: 'GET',
      path: prefix,
      handle: (c, server) => {
        noQuery(c);
        return c.json({ faults: server.control.faults.list(scope(c, server)) });
      },
    },
    {
      method: 'PUT',
      path: prefix,
      handle: async (c, server) => {
        noQuery(c);
        const account = scope(c, server);
        return c.json({ faults: replaceRules(server, await readRequiredJson(c), account) });
      },
    },
    {
      method: 'POST',
      path: prefix,
      handle: async (c, server) => {
        noQuery(c);
        const account = scope(c, server);
        return c.json(addRule(server, await readRequiredJson(c), account), 201);
      },
    },
    {
      method: 'DELETE',
      path: prefix,
      handle: (c, server) => {
        noQuery(c);
        return c.json({ deleted: server.control.faults.clear(scope(c, server)) });
      },
    },
  ];
}

const deleteFault: Handle = (c, server) => {
  noQuery(c);
  removeRule(server, c.req.param('id') ?? '');
  return c.json({ deleted: 1 });
};

const getRequests: Handle = (c, server) => {
  const query = new Query(c.req.url);
  query.allowOnly(['account', 'method', 'status', 'path', 'limit']);
  const raw: Record<string, unknown> = {};
  for (const key of ['account', 'method', 'status', 'path', 'limit']) {
    const value = query.single(key);
    if (value !== undefined) raw[key] = value;
  }
  const filter = readFilter(raw);
  const result = server.control.journal.query(filter);
  return c.json({ total: result.total, limit: filter.limit ?? DEFAULT_PAGE, data: result.data });
};

const deleteRequests: Handle = (c, server) => {
  const query = new Query(c.req.url);
  query.allowOnly(['account']);
  server.control.journal.clear(query.single('account'));
  return c.json({ cleared: true });
};

/** Every control-plane route of this module, below `/__admin`. */
export const controlRoutes: AdminRoute[] = [
  { method: 'POST', path: '/reset', handle: reset },
  { method: 'GET', path: '/accounts', handle: listAccounts },
  { method: 'POST', path: '/accounts', handle: postAccount },
  { method: 'DELETE', path: '/accounts/:slug', handle: deleteAccount },
  { method: 'POST', path: '/accounts/:slug/reset', handle: postAccountReset },
  { method: 'GET', path: '/accounts/:slug/state', handle: getState },
  { method: 'PUT', path: '/accounts/:slug/state', handle: putState },
  { method: 'GET', path: '/accounts/:slug/secret', handle: getSecret },
  { method: 'PUT', path: '/accounts/:slug/secret', handle: putSecret },
  { method: 'GET', path: '/accounts/:slug/clock', handle: getAccountClock },
  { method: 'PUT', path: '/accounts/:slug/clock', handle: putAccountClock },
  ...faultRoutes('/accounts/:slug/faults', true),
  ...faultRoutes('/faults', false),
  { method: 'DELETE', path: '/faults/:id', handle: deleteFault },
  { method: 'GET', path: '/requests', handle: getRequests },
  { method: 'DELETE', path: '/requests', handle: deleteRequests },
  { method: 'GET', path: '/clock', handle: getClock },
  { method: 'PUT', path: '/clock', handle: putClock },
];

import { checkSettings } from '../../callbacks/settings.js';
import { MESSAGE_STATES, type MessageState } from '../../callbacks/types.js';
import { isMessageType } from '../../callbacks/registrations.js';
import { wireMessage } from '../../callbacks/log.js';
import type { Account } from '../../engine/account.js';
import { readObject } from '../body.js';
import { ApiError } from '../errors.js';
import { Query } from '../query.js';
import type { ServerContext } from '../route.js';
import type { AdminRoute } from './route.js';

/** Finds the account that a control-plane request names, or the mock's first account. */
export function adminAccount(server: ServerContext, slug: string | undefined): Account {
  const account = slug === undefined ? server.mock.accounts.values().next().value : server.mock.account(slug);
  if (!account) {
    throw new ApiError('ACCOUNT_NOT_FOUND', slug === undefined ? 'the mock has no accounts' : `account '${slug}' not found`, {
      details: [{ field: 'account', problem: 'no such account' }],
    });
  }
  return account;
}

/** GET `/__admin/callbacks`: the delivery log, oldest message first. */
const listLog: AdminRoute['handle'] = (c, server) => {
  const query = new Query(c.req.url);
  query.allowOnly(['account', 'state', 'message_type', 'limit', 'offset']);
  const slug = query.text('account');
  const state = query.text('state');
  const type = query.text('message_type');
  const limit = query.integer('limit', { min: 1, max: 10_000, fallback: 1000 });
  const offset = query.integer('offset', { min: 0, fallback: 0 });
  if (state !== undefined && !(MESSAGE_STATES as readonly string[]).includes(state)) {
    throw ApiError.field('INVALID_QUERY', 'state', `unknown state '${state}'; use ${MESSAGE_STATES.join(', ')}`);
  }
  if (type !== undefined && !isMessageType(type)) {
    throw ApiError.field('INVALID_QUERY', 'message_type', `unknown message type '${type}'`);
  }

  const accounts = slug === undefined ? [...server.mock.accounts.values()] : [adminAccount(server, slug)];
  const filter = {
    ...(state === undefined ? {} : { state: state as MessageState }),
    ...(type === undefined ? {} : { messageType: type }),
  };
  const views = accounts.map((account) => server.callbacks.log(account, filter));
  const messages = views.flatMap((view) => view.messages);
  return c.json({
    total: messages.length,
    limit,
    offset,
    accounts: views.map((view, index) => {
      const account = accounts[index] as Account;
      return {
        account: view.account,
        created: view.created,
        skipped_no_registration: view.skipped_no_registration,
        evicted: view.evicted,
        holds: server.callbacks.holds(account).map((hold) => hold.message_type),
        held_skus: server.callbacks.stats(account).heldSkus,
      };
    }),
    messages: messages.slice(offset, offset + limit),
  });
};

/** POST `/__admin/callbacks/{message_id}/redeliver`. */
const redeliver: AdminRoute['handle'] = (c, server) => {
  new Query(c.req.url).allowOnly([]);
  const id = c.req.param('message_id') ?? '';
  const message = server.callbacks.redeliver(id);
  if (!message) {
    throw new ApiError('MESSAGE_NOT_FOUND', `no delivered or dead callback message with id '${id}'; list them with GET /__admin/callbacks`, {
      details: [{ field: 'message_id', problem: 'no delivered or dead message with this id' }],
    });
  }
  return c.json(wireMessage(message));
};

const getSettings: AdminRoute['handle'] = (c, server) => {
  const query = new Query(c.req.url);
  query.allowOnly(['account']);
  const account = adminAccount(server, query.text('account'));
  return c.json({ account: account.slug, ...server.callbacks.settings(account) });
};

/** PUT `/__admin/callbacks/settings`: changes the named settings, keeps the rest. */
const putSettings: AdminRoute['handle'] = async (c, server) => {
  const query = new Query(c.req.url);
  query.allowOnly(['account']);
  const slug = query.text('account');
  if (slug === undefined && server.mock.accounts.size > 1) {
    // A change meant for one account must not land on another by default.
    throw ApiError.field('INVALID_QUERY', 'account', 'the mock has several accounts; name one with ?account=SLUG');
  }
  const account = adminAccount(server, slug);
  const body = await readObject(c);
  const { changes, problems } = checkSettings(body);
  if (problems.length > 0) {
    throw new ApiError('INVALID_BODY', `invalid callback settings: ${problems.map((item) => item.problem).join('; ')}`, {
      details: problems,
    });
  }
  const settings = server.callbacks.settings(account);
  Object.assign(settings, changes);
  server.logger.child({ component: 'callbacks' }).info({ account: account.slug, changes }, 'callback settings changed');
  return c.json({ account: account.slug, ...settings });
};

export const callbackAdminRoutes: AdminRoute[] = [
  { method: 'GET', path: '/callbacks', handle: listLog },
  { method: 'GET', path: '/callbacks/settings', handle: getSettings },
  { method: 'PUT', path: '/callbacks/settings', handle: putSettings },
  { method: 'POST', path: '/callbacks/:message_id/redeliver', handle: redeliver },
];

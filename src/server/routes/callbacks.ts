import { checkMessageType, isMessageType, planHold, planRegistration } from '../../callbacks/registrations.js';
import type { Hold, Registration } from '../../callbacks/types.js';
import { formatRfc3339 } from '../../domain/time.js';
import { failure, runBatch } from '../../engine/writes.js';
import { MAX_RECORDS, readBatch, readJson } from '../body.js';
import { ApiError } from '../errors.js';
import { Query } from '../query.js';
import type { ApiRoute } from '../route.js';

function wireRegistration(registration: Registration): Record<string, unknown> {
  return {
    id: registration.id,
    url: registration.url,
    message_type: registration.message_type,
    api_version: registration.api_version,
    ...(registration.token === undefined ? {} : { token: registration.token }),
    created_at: formatRfc3339(registration.created_at),
    updated_at: formatRfc3339(registration.updated_at),
  };
}

function wireHold(hold: Hold): Record<string, unknown> {
  return { message_type: hold.message_type, created_at: formatRfc3339(hold.created_at) };
}

/** The echo of a failed record: its `message_type` when it had a string one. */
function typeEcho(record: Record<string, unknown>): Record<string, unknown> {
  return typeof record.message_type === 'string' ? { message_type: record.message_type } : {};
}

/** GET `callbacks`: a bare array, filtered by `message_type` (default `all`). */
const listCallbacks: ApiRoute['handle'] = (c, account, server) => {
  const query = new Query(c.req.url);
  query.allowOnly(['message_type']);
  const filter = query.text('message_type') ?? 'all';
  if (filter !== 'all') {
    const type = checkMessageType(filter);
    if (!isMessageType(type)) throw ApiError.field('INVALID_QUERY', 'message_type', `${type}, or all`);
  }
  const registrations = server.callbacks
    .registrations(account)
    .filter((registration) => filter === 'all' || registration.message_type === filter);
  return c.json(registrations.map(wireRegistration));
};

/** POST `callbacks`: registers URLs; a type registered again gets the new URL. */
const registerCallbacks: ApiRoute['handle'] = async (c, account, server) => {
  new Query(c.req.url).allowOnly([]);
  const records = await readBatch(c);
  const batch = runBatch(records, (item) => {
    const record = item as Record<string, unknown>;
    const plan = planRegistration(record, server.options.callbackAllow);
    if (!plan.ok) return { ...failure(undefined, plan.messages), ...typeEcho(record) };
    const registration = server.callbacks.register(account, plan.draft);
    return {
      status: 'success',
      id: registration.id,
      message_type: registration.message_type,
      url: registration.url,
    };
  });
  return c.json(batch);
};

/** DELETE `callbacks`: an array of registration ids. */
const deleteCallbacks: ApiRoute['handle'] = async (c, account, server) => {
  new Query(c.req.url).allowOnly([]);
  const body = await readJson(c);
  if (!Array.isArray(body) || body.length === 0) {
    throw ApiError.field('INVALID_BODY', 'body', 'the body must be a JSON array of callback ids, such as ["<id>"]');
  }
  if (body.length > MAX_RECORDS) {
    throw ApiError.field('TOO_MANY_RECORDS', 'body', `at most ${MAX_RECORDS} ids per request, got ${body.length}`);
  }
  const batch = runBatch(body, (id) => {
    if (typeof id !== 'string' || id === '') {
      return failure(undefined, [{ field_name: 'id', errors: [`each item must be a callback id string, got ${JSON.stringify(id)}`] }]);
    }
    if (!server.callbacks.unregister(account, id)) {
      return { ...failure(undefined, [{ field_name: 'id', errors: [`no callback registration with id '${id}'`] }]), id };
    }
    return { status: 'success', id };
  });
  return c.json(batch);
};

const listHolds: ApiRoute['handle'] = (c, account, server) => {
  new Query(c.req.url).allowOnly([]);
  return c.json(server.callbacks.holds(account).map(wireHold));
};

/** POST or DELETE `callback_holds`: records `{message_type}`. */
function changeHolds(action: 'hold' | 'release'): ApiRoute['handle'] {
  return async (c, account, server) => {
    new Query(c.req.url).allowOnly([]);
    const records = await readBatch(c);
    const batch = runBatch(records, (item) => {
      const record = item as Record<string, unknown>;
      const plan = planHold(record);
      if (!plan.ok) return { ...failure(undefined, plan.messages), ...typeEcho(record) };
      if (action === 'hold') {
        server.callbacks.hold(account, plan.type);
      } else if (!server.callbacks.release(account, plan.type)) {
        return {
          ...failure(undefined, [{ field_name: 'message_type', errors: [`'${plan.type}' is not on hold`] }]),
          message_type: plan.type,
        };
      }
      return { status: 'success', message_type: plan.type };
    });
    return c.json(batch);
  };
}

export const callbackRoutes: ApiRoute[] = [
  { method: 'GET', path: '/callbacks', handle: listCallbacks },
  { method: 'POST', path: '/callbacks', handle: registerCallbacks },
  { method: 'DELETE', path: '/callbacks', handle: deleteCallbacks },
  { method: 'GET', path: '/callback_holds', handle: listHolds },
  { method: 'POST', path: '/callback_holds', handle: changeHolds('hold') },
  { method: 'DELETE', path: '/callback_holds', handle: changeHolds('release') },
];

import { parseStormRequest } from '../../simulation/storm-options.js';
import { stormsOf } from '../../simulation/storms.js';
import { readObject } from '../body.js';
import { ApiError } from '../errors.js';
import { Query } from '../query.js';
import type { ServerContext } from '../route.js';
import type { AdminRoute } from './route.js';

function firstOrNamed(server: ServerContext, slug: string | undefined) {
  return slug === undefined ? server.mock.accounts.values().next().value : server.mock.account(slug);
}

function stormOf(server: ServerContext, id: string) {
  const storm = stormsOf(server).get(id);
  if (!storm) {
    throw new ApiError('STORM_NOT_FOUND', `no storm with id '${id}'; list storms with GET /__admin/storms`, {
      details: [{ field: 'id', problem: 'no such storm' }],
    });
  }
  return storm;
}

/** POST `/__admin/storms`: starts a storm of random adjustments. */
const startStorm: AdminRoute['handle'] = async (c, server) => {
  new Query(c.req.url).allowOnly([]);
  const body = await readObject(c);
  const options = parseStormRequest(body, (slug) => firstOrNamed(server, slug));
  const storm = stormsOf(server).start(options);
  return c.json(storm.summary());
};

export const stormAdminRoutes: AdminRoute[] = [
  { method: 'POST', path: '/storms', handle: startStorm },
  {
    method: 'GET',
    path: '/storms',
    handle: (c, server) => {
      new Query(c.req.url).allowOnly([]);
      return c.json(stormsOf(server).list().map((storm) => storm.summary()));
    },
  },
  {
    method: 'GET',
    path: '/storms/:id',
    handle: (c, server) => {
      new Query(c.req.url).allowOnly([]);
      return c.json(stormOf(server, c.req.param('id') ?? '').summary());
    },
  },
  {
    method: 'DELETE',
    path: '/storms/:id',
    handle: (c, server) => {
      new Query(c.req.url).allowOnly([]);
      return c.json(stormOf(server, c.req.param('id') ?? '').stop());
    },
  },
];

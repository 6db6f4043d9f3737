import { readObject } from '../body.js';
import { ApiError } from '../errors.js';
import { Query } from '../query.js';
import { apiBase, type ApiRoute } from '../route.js';

/** POST `snapshot_request`: starts a job and returns at once, before any callback. */
const requestSnapshot: ApiRoute['handle'] = async (c, account, server) => {
  new Query(c.req.url).allowOnly([]);
  const body = await readObject(c);
  return c.json(server.snapshots.request(account, body, apiBase(c, server, account.slug)));
};

/** GET `snapshot_request/{id}`: the job and, once complete, its download link. */
const getSnapshot: ApiRoute['handle'] = (c, account, server) => {
  new Query(c.req.url).allowOnly([]);
  return c.json(server.snapshots.view(account, c.req.param('id') ?? ''));
};

/**
 * GET `snapshot_download/{file}`: the signed link itself is the credential.
 * A request that also sends an Authorization header is a 400, the way
 * Amazon S3 rejects a pre-signed URL that comes with a second credential, so
 * a client that leaks its API token to storage links fails here too.
 */
const downloadSnapshot: ApiRoute['handle'] = (c, account, server) => {
  if (c.req.header('authorization') !== undefined) {
    throw ApiError.field(
      'INVALID_REQUEST',
      'Authorization',
      'a signed download link carries its own credentials; send it without an Authorization header',
    );
  }
  const query = new Query(c.req.url);
  query.allowOnly(['expires', 'signature']);
  const expires = query.single('expires');
  const signature = query.single('signature');
  return server.snapshots.download(account, c.req.param('file') ?? '', {
    ...(expires === undefined ? {} : { expires }),
    ...(signature === undefined ? {} : { signature }),
  });
};

export const snapshotRoutes: ApiRoute[] = [
  { method: 'POST', path: '/snapshot_request', handle: requestSnapshot },
  { method: 'GET', path: '/snapshot_request/:id', handle: getSnapshot },
  { method: 'GET', path: '/snapshot_download/:file', auth: false, handle: downloadSnapshot },
];

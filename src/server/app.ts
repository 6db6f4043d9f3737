import { Hono, type Context } from 'hono';
import { adminToken } from '../control/admin-token.js';
import { requestControl } from '../control/middleware.js';
import { authenticate } from './auth.js';
import { checkParameters } from './contract-check.js';
import { Query } from './query.js';
import { ApiError, errorBody } from './errors.js';
import type { AdminRoute } from './admin/route.js';
import type { ApiRoute, ServerContext } from './route.js';

export const API_PREFIX = '/:account/api/v1';
export const ADMIN_PREFIX = '/__admin';

/** Writes the one documented error body for any error. */
export function renderError(c: Context, error: unknown, server: ServerContext): Response {
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return c.json(error.toBody(), error.status as 400);
  }
  server.logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
  return c.json(errorBody('INTERNAL_ERROR', 'internal error in the mock; see its log'), 500);
}

function allowHeader(methods: Set<string>): string {
  const list = [...methods];
  if (list.includes('GET')) list.push('HEAD');
  return list.join(', ');
}

/**
 * Builds the Hono app: every API route under `/{accountSlug}/api/v1`, the
 * control plane under `/__admin`, and a 405 (with `Allow`) for a known path
 * with another method, a 404 for everything else.
 */
export function createApp(server: ServerContext, api: ApiRoute[], admin: AdminRoute[]): Hono {
  const app = new Hono();
  app.onError((error, c) => renderError(c, error, server));

  const requests = server.logger.child({ component: 'http' });
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    requests.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
  });
  app.use('*', requestControl(server));
  app.use(`${ADMIN_PREFIX}/*`, adminToken({ token: server.options.adminToken }));

  const methodsByPath = new Map<string, Set<string>>();
  const remember = (path: string, method: string) => {
    const methods = methodsByPath.get(path) ?? new Set<string>();
    methods.add(method);
    methodsByPath.set(path, methods);
  };

  for (const route of api) {
    const path = `${API_PREFIX}${route.path}`;
    remember(path, route.method);
    app.on(route.method, path, async (c) => {
      const slug = c.req.param('account') ?? '';
      if (route.auth !== false) {
        await authenticate(server.mock, server.auth, slug, c.req.header('authorization'));
      }
      const account = server.mock.account(slug);
      if (!account) throw new ApiError('ACCOUNT_NOT_FOUND', `account '${slug}' not found`);

      // Unknown keys first, so that `cid[]=` is named as the mistake it is.
      if (route.query) new Query(c.req.url).allowOnly(route.query);
      checkParameters(c);
      return route.handle(c, account, server);
    });
  }

  for (const route of admin) {
    const path = `${ADMIN_PREFIX}${route.path}`;
    remember(path, route.method);
    app.on(route.method, path, (c) => route.handle(c, server));
  }

  for (const [path, methods] of methodsByPath) {
    app.all(path, (c) => {
      throw new ApiError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on this route; use ${[...methods].join(' or ')}`, {
        headers: { Allow: allowHeader(methods) },
      });
    });
  }

  app.notFound((c) =>
    renderError(c, new ApiError('ROUTE_NOT_FOUND', `no route ${c.req.method} ${c.req.path}; API routes live under /{accountSlug}/api/v1/`), server),
  );
  return app;
}

import type { Context } from 'hono';
import type { Account } from '../../engine/account.js';
import { parseSnapshotSettings } from '../../snapshots/settings.js';
import { jobView } from '../../snapshots/wire.js';
import { readObject } from '../body.js';
import { ApiError } from '../errors.js';
import type { ServerContext } from '../route.js';
import type { AdminRoute } from './route.js';

function accountOf(c: Context, server: ServerContext): Account {
  const slug = c.req.param('slug') ?? '';
  const account = server.mock.account(slug);
  if (!account) throw new ApiError('ACCOUNT_NOT_FOUND', `account '${slug}' not found`);
  return account;
}

/** Settings, the running job and every job of one account. */
function overview(account: Account, server: ServerContext) {
  const jobs = server.snapshots.jobs(account);
  return {
    account: account.slug,
    settings: { ...jobs.settings },
    ...(jobs.running ? { running_snapshot_request_id: jobs.running.id } : {}),
    jobs: jobs.list().map((job) => jobView(job, jobs.status(job))),
  };
}

/**
 * PUT body: any of `delayMs`, `perThousandMs`, `linkLifetimeMs` (milliseconds)
 * and `failNext`, `hangNext` (job counts). Every key is checked before any is
 * applied; keys left out keep their values. Delay, cost and faults apply from
 * the next request on, the link lifetime to every job that completes later.
 */
async function putSettings(c: Context, server: ServerContext): Promise<Response> {
  const account = accountOf(c, server);
  const body = await readObject(c);
  const { settings, problems } = parseSnapshotSettings(body);
  if (problems.length > 0) {
    throw new ApiError('INVALID_BODY', `invalid snapshot settings: ${problems[0]?.problem}`, { details: problems });
  }

  Object.assign(server.snapshots.settings(account), settings);
  server.logger.child({ component: 'admin' }).info({ account: account.slug, settings }, 'snapshot settings changed');
  return c.json(overview(account, server));
}

/** Ends the running job, hung or not, as `failed`, with its snapshotReady. */
function cancelRunning(c: Context, server: ServerContext): Response {
  const account = accountOf(c, server);
  const jobs = server.snapshots.jobs(account);
  const job = jobs.cancelRunning();
  if (!job) throw new ApiError('SNAPSHOT_NOT_FOUND', `account '${account.slug}' has no snapshot processing`);
  server.logger.child({ component: 'admin' }).info({ account: account.slug, snapshot_request_id: job.id }, 'snapshot job cancelled');
  return c.json(jobView(job, jobs.status(job)));
}

export const snapshotAdminRoutes: AdminRoute[] = [
  { method: 'GET', path: '/accounts/:slug/snapshots', handle: (c, server) => c.json(overview(accountOf(c, server), server)) },
  { method: 'PUT', path: '/accounts/:slug/snapshots', handle: putSettings },
  { method: 'DELETE', path: '/accounts/:slug/snapshots/running', handle: cancelRunning },
];

import type { Context } from 'hono';
import type { ServerContext } from '../route.js';
import type { Method } from '../route.js';

/** One control-plane route under `/__admin`. */
export interface AdminRoute {
  method: Method;
  /** Path below `/__admin`, in Hono's syntax. */
  path: string;
  handle: (c: Context, server: ServerContext) => Response | Promise<Response>;
}

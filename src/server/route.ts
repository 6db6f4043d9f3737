import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { CallbackEngine } from '../callbacks/engine.js';
import type { ControlPlane } from '../control/plane.js';
import type { Account } from '../engine/account.js';
import type { SnapshotEngine } from '../snapshots/engine.js';
import type { Mock } from '../engine/mock.js';
import type { ResolvedOptions } from '../start.js';
import type { AuthOptions } from './auth.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Services that every route handler can reach. */
export interface ServerContext {
  mock: Mock;
  auth: AuthOptions;
  logger: Logger;
  options: ResolvedOptions;
  /** Origin the mock listens on, such as `http://127.0.0.1:4010`; set once it listens. */
  publicUrl?: string;
  callbacks: CallbackEngine;
  snapshots: SnapshotEngine;
  control: ControlPlane;
}

/** The server context before the subsystems are attached. */
export type BaseContext = Omit<ServerContext, 'callbacks' | 'snapshots' | 'control'>;

/** One API route under `/{accountSlug}/api/v1`. */
export interface ApiRoute {
  method: Method;
  /** Path below `/{accountSlug}/api/v1`, in Hono's syntax. */
  path: string;
  /** False for routes that carry their own credentials, such as signed downloads. */
  auth?: boolean;
  /** Query keys the route documents; any other key is a 400 `INVALID_QUERY`. */
  query?: readonly string[];
  handle: (c: Context, account: Account, server: ServerContext) => Response | Promise<Response>;
}

/**
 * Absolute URL of an account's API base. Links are built from the address
 * the mock listens on, never from the request's `Host` header, so a client
 * cannot make the mock hand out links to another host. Without a listener
 * (an app used in-process), the request's origin is used.
 */
export function apiBase(c: Context, server: ServerContext, slug: string): string {
  const origin = server.publicUrl ?? new URL(c.req.url).origin;
  return `${origin}/${encodeURIComponent(slug)}/api/v1`;
}

import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { mockCallbacks, type MockCallbacks } from './callbacks/expect.js';
import type { AdminClient } from './control/admin-client.js';
import { attachControl } from './control/attach.js';
import { withConfigFile } from './control/config.js';
import type { ControlOptions } from './control/types.js';
import { microsToMillis, parseRfc3339 } from './domain/time.js';
import type { FixtureFile } from './engine/fixture-format.js';
import { validateFixture } from './engine/fixture-schema.js';
import { DEFAULT_FIXTURE_URL, Mock, readFixtureFile } from './engine/mock.js';
import { generateAccount } from './simulation/fixture-generator.js';
import { startStorm, type StartStormOptions, type StormHandle } from './simulation/storm-handle.js';
import { adminRoutes } from './server/admin/routes.js';
import { apiRoutes } from './server/routes/index.js';
import { createApp } from './server/app.js';
import type { AuthMode } from './server/auth.js';
import { createLogger, type LogLevel } from './server/logger.js';
import type { ServerContext } from './server/route.js';
import { DEFAULT_JWT_SECRET, mintToken } from './server/tokens.js';
import type { SnapshotSettings } from './snapshots/types.js';
import { attachSubsystems } from './subsystems.js';

export interface MockOptions extends ControlOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  /** A fixture file path or an already parsed fixture; the embedded default otherwise. */
  fixture?: string | FixtureFile;
  /** Seed of every generated id and random choice; 1 by default. */
  seed?: number;
  /** Replaces the fixture with one generated account `demo` of this many SKUs. */
  generate?: number;
  auth?: AuthMode;
  /** HS256 secret for `jwt` auth and token minting. */
  secret?: string;
  /** pino level; `silent` by default in the library, `info` on the CLI. */
  logLevel?: LogLevel;
  /** Host names, besides loopback, that callbacks may be sent to. */
  callbackAllow?: string[];
  /** When set, `/__admin/` needs `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** Starts with the mock's clock in manual mode at this RFC 3339 time. */
  manualClock?: string;
  /** Snapshot processing settings every account starts with (delay, faults, link lifetime). */
  snapshots?: Partial<SnapshotSettings>;
}

/** A running mock, as `startMock` returns it. */
export interface RunningMock {
  /** Origin, such as `http://127.0.0.1:4010`. */
  url: string;
  /** Base URL of one account's API: `<url>/<account>/api/v1`. */
  baseUrl(account?: string): string;
  /** Mints a bearer token for an account, issued at the mock clock's time. */
  token(account?: string, options?: { expiresIn?: number }): Promise<string>;
  /** The first account of the fixture. */
  defaultAccount: string;
  mock: Mock;
  /** The subsystems: callback engine, snapshot engine, control plane. */
  server: ServerContext;
  app: Hono;
  logger: Logger;
  options: ResolvedOptions;
  /** Waits for delivered callbacks and reads the delivery log. */
  callbacks: MockCallbacks;
  /** Starts a storm of random adjustments on an account's clock. */
  startStorm(options: StartStormOptions): StormHandle;
  /** The control plane as typed calls: reset, accounts, faults, clock, request journal. */
  admin: AdminClient;
  close(): Promise<void>;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  seed: number;
  auth: AuthMode;
  secret: string;
  callbackAllow: string[];
  adminToken?: string;
  snapshots?: Partial<SnapshotSettings>;
}

/** Loads the fixture that the options name, or generates one. */
export function resolveFixture(options: MockOptions): FixtureFile {
  if (options.generate !== undefined) {
    return {
      accounts: [
        generateAccount({
          slug: 'demo',
          seed: options.seed ?? 20260101,
          skuCount: options.generate,
          locationCount: 3,
          kitCount: Math.min(4, Math.floor(options.generate / 10)),
          stockedAt: '2026-01-01T00:00:00.000000Z',
          extraSkuIdentifiers: options.generate > 0 ? ['sku001'] : [],
        }),
      ],
    };
  }
  if (options.fixture === undefined) return readFixtureFile(DEFAULT_FIXTURE_URL);
  if (typeof options.fixture === 'string') return readFixtureFile(options.fixture);
  return validateFixture(options.fixture);
}

/**
 * Starts the mock in-process and resolves once it listens.
 *
 * @example
 * const mock = await startMock();
 * const res = await fetch(`${mock.baseUrl()}/inventory?cid=sku001`, {
 *   headers: { authorization: `Bearer ${await mock.token()}` },
 * });
 * await mock.close();
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  options = withConfigFile(options);
  const resolved: ResolvedOptions = {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    seed: options.seed ?? 1,
    auth: options.auth ?? 'jwt',
    secret: options.secret ?? DEFAULT_JWT_SECRET,
    callbackAllow: options.callbackAllow ?? [],
    ...(options.adminToken === undefined ? {} : { adminToken: options.adminToken }),
    ...(options.snapshots === undefined ? {} : { snapshots: options.snapshots }),
  };
  if (resolved.secret === '') throw new RangeError('secret must not be empty: HS256 needs a key');
  const logger = createLogger(options.logLevel ?? 'silent');
  const fixture = resolveFixture(options);

  const mock = new Mock({ fixture, seed: resolved.seed });
  if (options.manualClock !== undefined) setManualClock(mock, options.manualClock);
  const server = attachSubsystems({
    mock,
    auth: { mode: resolved.auth, secret: resolved.secret },
    logger,
    options: resolved,
  });
  const admin = attachControl(server, options, fixture);
  const app = createApp(server, apiRoutes, adminRoutes);

  const listener = await listen(app, resolved.port, resolved.host);
  const address = listener.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  // On every interface there is no one right host name, so links follow the request.
  if (address.address !== '0.0.0.0' && address.address !== '::') server.publicUrl = url;
  const defaultAccount = fixture.accounts[0]?.slug ?? 'demo';
  logger.info({ url, accounts: [...mock.accounts.keys()] }, 'mock started');

  return {
    url,
    defaultAccount,
    mock,
    server,
    app,
    logger,
    options: { ...resolved, port: address.port },
    callbacks: mockCallbacks(server, defaultAccount),
    startStorm: (stormOptions) => startStorm(server, defaultAccount, stormOptions),
    admin,
    baseUrl: (account = defaultAccount) => `${url}/${encodeURIComponent(account)}/api/v1`,
    token: (account = defaultAccount, tokenOptions = {}) =>
      mintToken({
        account,
        secret: resolved.secret,
        now: microsToMillis((mock.account(account)?.clock ?? mock.clock).now()),
        ...(tokenOptions.expiresIn === undefined ? {} : { expiresIn: tokenOptions.expiresIn }),
      }),
    close: async () => {
      mock.close();
      await new Promise<void>((resolve) => {
        listener.close(() => resolve());
        // Idle keep-alive connections would hold the server open.
        (listener as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      logger.info({ url }, 'mock stopped');
    },
  };
}

function setManualClock(mock: Mock, at: string): void {
  const micros = parseRfc3339(at);
  if (micros === undefined) throw new Error(`manualClock '${at}' is not an RFC 3339 date-time`);
  mock.clock.setManual(micros);
  for (const account of mock.accounts.values()) account.clock.setManual(micros);
}

function listen(app: Hono, port: number, host: string): Promise<ServerType & { address(): unknown; close(cb?: () => void): unknown }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(server as never));
    server.once('error', reject);
  });
}

import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createValidator } from '../../src/contracts/index.js';
import { parseRfc3339 } from '../../src/domain/time.js';
import type { FixtureFile } from '../../src/engine/fixture-format.js';
import { startMock, type MockOptions, type RunningMock } from '../../src/start.js';
import { loadFixtureFile, type FixtureName } from './fixtures.js';

/** Secret of the token `T-valid` in the integration cases. */
export const CASE_SECRET = 'kit-test-secret-0001';

/** Mock time that the integration cases start at. */
export const CASE_NOW = '2026-12-04T12:00:00.000000Z';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** A running mock plus helpers that call it as a client would. */
export interface TestMock {
  running: RunningMock;
  url: string;
  /** Calls `<baseUrl(account)><path>` with a fresh token for that account. */
  api<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  get<T = any>(path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body: unknown, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** Calls a control-plane route under `/__admin`. */
  admin<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
  /** Sets every account's clock to manual at an RFC 3339 time. */
  setClock(at: string): void;
  /** Moves every account's manual clock forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export interface RequestOptions {
  account?: string;
  headers?: Record<string, string>;
  /** Sends no Authorization header. */
  noAuth?: boolean;
  /** Raw body text, sent as is. */
  raw?: string;
}

const validator = createValidator();

/**
 * Fails the calling test when an API response departs from the contract,
 * so the server and contracts/inventory-api.yaml cannot drift apart.
 */
function checkContract(method: string, url: string, response: Response, text: string): void {
  const { pathname } = new URL(url);
  if (pathname.startsWith('/__admin')) return;
  const contentType = response.headers.get('content-type') ?? 'application/json';
  const problems = validator.validateResponse({ method, path: pathname }, response.status, text, {
    contentType,
    headers: response.headers,
  });
  if (problems.length > 0) {
    const list = problems.map((problem, index) => `  ${index + 1}. ${problem.message}`).join('\n');
    throw new Error(`${method} ${pathname} answered ${response.status} against the contract:\n${list}`);
  }
}

async function call(url: string, method: string, init: RequestInit): Promise<ApiResponse> {
  const response = await fetch(url, { method, ...init });
  const text = await response.text();
  checkContract(method, url, response, text);
  let body: unknown = undefined;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** Starts a mock on an ephemeral loopback port. */
export async function startTestMock(
  options: MockOptions & { fixtureName?: FixtureName; fixtureFile?: FixtureFile; clockAt?: string } = {},
): Promise<TestMock> {
  const { fixtureName, fixtureFile, clockAt, ...rest } = options;
  const fixture = fixtureFile ?? (fixtureName ? loadFixtureFile(fixtureName) : undefined);
  const running = await startMock({
    secret: CASE_SECRET,
    ...(fixture ? { fixture } : {}),
    ...(clockAt ? { manualClock: clockAt } : {}),
    ...rest,
  });

  const test: TestMock = {
    running,
    url: running.url,
    async api(method, path, requestOptions = {}) {
      const account = requestOptions.account ?? running.defaultAccount;
      const headers: Record<string, string> = { ...requestOptions.headers };
      if (!requestOptions.noAuth && headers.authorization === undefined) {
        headers.authorization = `Bearer ${await running.token(account)}`;
      }
      return call(`${running.baseUrl(account)}${path}`, method, {
        headers,
        ...(requestOptions.raw === undefined ? {} : { body: requestOptions.raw }),
      });
    },
    get(path, requestOptions) {
      return test.api('GET', path, requestOptions);
    },
    post(path, body, requestOptions = {}) {
      return test.api('POST', path, {
        ...requestOptions,
        headers: { 'content-type': 'application/json', ...requestOptions.headers },
        raw: requestOptions.raw ?? JSON.stringify(body),
      });
    },
    admin(method, path, body) {
      return call(`${running.url}/__admin${path}`, method, {
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
    setClock(at) {
      const micros = parseRfc3339(at);
      if (micros === undefined) throw new Error(`bad time ${at}`);
      running.mock.clock.setManual(micros);
      for (const account of running.mock.accounts.values()) account.clock.setManual(micros);
    },
    advance(ms) {
      running.mock.clock.advance(ms * 1000);
      for (const account of running.mock.accounts.values()) account.clock.advance(ms * 1000);
    },
    close: () => running.close(),
  };
  return test;
}

/** Options of `useTestMock` that change when its hooks run. */
export interface TestMockLifecycle {
  /** Resets the mock before each test instead of after it. */
  resetBeforeEach?: boolean;
}

/**
 * Starts one mock for a test file, resets it to its fixture after each test
 * (before each with `resetBeforeEach`) and closes it after the last one. The
 * reset goes through the control plane, so faults, journal, settings and
 * clocks return to their start-up values. The clock is then set to `clockAt`
 * when given.
 */
export function useTestMock(
  options: Parameters<typeof startTestMock>[0] = {},
  lifecycle: TestMockLifecycle = {},
): { readonly current: TestMock } {
  let mock: TestMock | undefined;
  const holder = {
    get current(): TestMock {
      if (!mock) throw new Error('the test mock has not started');
      return mock;
    },
  };
  beforeAll(async () => {
    mock = await startTestMock(options);
  });
  const reset = () => {
    mock?.running.admin.reset();
    if (options.clockAt) mock?.setClock(options.clockAt);
  };
  if (lifecycle.resetBeforeEach) beforeEach(reset);
  else afterEach(reset);
  afterAll(async () => {
    await mock?.close();
  });
  return holder;
}

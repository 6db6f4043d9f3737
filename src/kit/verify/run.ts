import type { Logger } from 'pino';
import { createValidator } from '../../contracts/index.js';
import { mustBe } from '../../contracts/problems.js';
import type { Problem } from '../../contracts/types.js';
import {
  AbortCheck,
  SkipCheck,
  TransportError,
  VerifyUsageError,
} from './errors.js';
import {
  describeStatus,
  readCode,
  type ApiRequest,
  type Discovery,
  type Exchange,
} from './exchange.js';
import { inspectResponse, type RuleSink } from './inspect.js';
import { errorCodeOf, errorFieldsOf } from './rules.js';
import { encodeQueryValue, fetchExchange } from './transport.js';
import { CheckBook, type CheckState, type Finding } from './results.js';
import type { CheckStatus, VerifyOptions, VerifyReport } from './types.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * The state of one conformance run: it sends requests, checks every
 * response against the contract and the response rules, and collects
 * violations per check in a `CheckBook`.
 */
export class VerifyRun implements RuleSink {
  readonly discovery: Discovery = { locationIds: [], skus: [] };
  readonly allowWrites: boolean;
  readonly callbackUrl: string;
  readonly #options: VerifyOptions;
  readonly #base: string;
  readonly #timeoutMs: number;
  readonly #maxBodyBytes: number;
  readonly #fetch: typeof fetch;
  readonly #logger: Logger | undefined;
  readonly #validator = createValidator();
  readonly #book = new CheckBook();
  readonly #started = Date.now();
  #current: CheckState | undefined;

  constructor(options: VerifyOptions) {
    let target: URL;
    try {
      target = new URL(options.target);
    } catch {
      throw new VerifyUsageError(
        `invalid target URL '${options.target}'; ` +
          'give an origin such as http://127.0.0.1:4010',
      );
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new VerifyUsageError(
        `the target must be an http or https URL, got '${options.target}'`,
      );
    }
    if (options.account === '') {
      throw new VerifyUsageError('the account slug must not be empty');
    }

    const origin = `${target.origin}${target.pathname.replace(/\/+$/, '')}`;
    this.#options = options;
    this.#base = `${origin}/${encodeURIComponent(options.account)}/api/v1`;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.#fetch = options.fetch ?? fetch;
    this.#logger = options.logger?.child({ component: 'verify' });
    this.allowWrites = options.allowWrites === true;
    this.callbackUrl =
      options.callbackUrl ?? 'http://127.0.0.1:9/inventory-mock-verify';
  }

  get account(): string {
    return this.#options.account;
  }

  /**
   * Sends a request and checks its response against the contract and the
   * response rules. A 404 `ROUTE_NOT_FOUND` skips the current check,
   * because the server does not serve that route (yet), unless
   * `routeMissingSkips` is false.
   */
  async send(
    request: ApiRequest,
    options: { routeMissingSkips?: boolean } = {},
  ): Promise<Exchange> {
    const method = request.method ?? 'GET';
    const query = request.query ?? [];
    const search = query
      .map(([key, value]) => `${key}=${encodeQueryValue(value)}`)
      .join('&');
    const url = new URL(`${this.#base}${request.route}`);
    url.search = search;
    const line = `${method} ${url.pathname}${url.search}`;

    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.noAuth !== true) {
      headers.authorization = `Bearer ${this.#options.token}`;
    }
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }

    const started = performance.now();
    const exchange = await fetchExchange(
      this.#fetch,
      line,
      url,
      { method, headers, ...(body === undefined ? {} : { body }) },
      { timeoutMs: this.#timeoutMs, maxBodyBytes: this.#maxBodyBytes },
    );
    const ms = Math.round(performance.now() - started);
    this.#logger?.debug({ request: line, status: exchange.status, ms }, 'sent');
    if (this.#current !== undefined) this.#current.requests += 1;

    const full: Exchange = { ...exchange, method, route: request.route, query };

    // A route the server does not serve (yet) skips the check before its
    // response is held against the route's documented statuses.
    const missing = full.status === 404 && readCode(full.body) === 'ROUTE_NOT_FOUND';
    if (missing && options.routeMissingSkips !== false) {
      this.skip(`the server does not serve ${method} ${request.route} (404 ROUTE_NOT_FOUND)`);
    }
    inspectResponse(this, this.#validator, full, this.#contractPath(full));
    return full;
  }

  /** Sends a request whose response must be a 200 with a JSON body. */
  async ok(request: ApiRequest): Promise<Exchange> {
    const exchange = await this.send(request);
    if (exchange.status !== 200) {
      this.fail(exchange, mustBe('/status', '200', describeStatus(exchange)));
      this.abort();
    }
    if (exchange.body === undefined) {
      this.skip(`the body of ${exchange.request} is not JSON (see the contract checks)`);
    }
    return exchange;
  }

  /**
   * Sends a request that must fail with one of `statuses`, and, when the
   * body has the documented shape, with `code` and a detail naming `field`.
   */
  async expectError(
    request: ApiRequest,
    expected: {
      statuses: readonly number[];
      code?: string;
      field?: string;
      routeMissingSkips?: boolean;
    },
  ): Promise<Exchange> {
    const exchange = await this.send(request, {
      ...(expected.routeMissingSkips === undefined
        ? {}
        : { routeMissingSkips: expected.routeMissingSkips }),
    });
    if (!expected.statuses.includes(exchange.status)) {
      const allowed = expected.statuses.join(' or ');
      this.fail(exchange, mustBe('/status', allowed, describeStatus(exchange)));
      return exchange;
    }

    const code = errorCodeOf(exchange.body);
    if (code === undefined) {
      this.note('the error body is unreadable; see contract.error-body');
      return exchange;
    }
    if (expected.code !== undefined && code !== expected.code) {
      this.fail(
        exchange,
        mustBe('/error/code', `"${expected.code}"`, `"${code}"`),
      );
    }
    if (expected.field !== undefined) {
      const fields = errorFieldsOf(exchange.body);
      if (!fields.includes(expected.field)) {
        const got =
          fields.length === 0
            ? 'no entry with a field'
            : `fields ${fields.map((f) => JSON.stringify(f)).join(', ')}`;
        this.fail(
          exchange,
          mustBe('/error/details', `an entry with field "${expected.field}"`, got),
        );
      }
    }
    return exchange;
  }

  /** Records a violation of the current check. */
  fail(exchange: Exchange | string, problem: Problem): void {
    if (this.#current === undefined) {
      throw new Error('fail() called outside a check');
    }
    this.#book.record(this.#current, exchange, problem);
  }

  /** Records a violation of a response rule, such as `contract.getInventory`. */
  failRule(
    name: string,
    title: string,
    exchange: Exchange,
    problem: Finding,
  ): void {
    this.#book.record(this.#book.rule(name, title), exchange, problem);
  }

  /** Counts one response that a rule inspected. */
  inspected(name: string, title: string): void {
    this.#book.rule(name, title).requests += 1;
  }

  skip(reason: string): never {
    throw new SkipCheck(reason);
  }

  abort(): never {
    throw new AbortCheck('the check cannot go on');
  }

  note(text: string): void {
    if (this.#current !== undefined) this.#current.note = text;
  }

  /**
   * Runs one check. A transport error becomes a violation of the check;
   * any other error is a fault of the check itself and is rethrown.
   */
  async runCheck(
    name: string,
    title: string,
    body: () => Promise<void>,
  ): Promise<void> {
    const state = this.#book.openScenario(name, title);
    this.#current = state;
    const started = performance.now();

    try {
      await body();
    } catch (error) {
      if (error instanceof SkipCheck) {
        state.status = 'skipped';
        state.note = error.message;
      } else if (error instanceof TransportError) {
        this.#logger?.warn({ check: name, err: error }, 'request failed');
        this.#book.record(state, error.request, {
          pointer: '',
          expected: `an HTTP response within ${this.#timeoutMs} ms`,
          got: error.reason,
          message: `${error.request} got no response: ${error.reason}`,
        });
      } else if (!(error instanceof AbortCheck)) {
        throw error;
      }
    } finally {
      state.durationMs = Math.round(performance.now() - started);
      this.#current = undefined;
    }
    // A check that skipped after finding violations still failed.
    if (state.violations.length > 0) state.status = 'failed';
    state.status ??= 'passed';
  }

  /** Marks a check skipped without running it. */
  skipCheck(name: string, title: string, reason: string): void {
    this.#book.skipScenario(name, title, reason);
  }

  finish(): VerifyReport {
    const checks = this.#book.results();
    const count = (status: CheckStatus) =>
      checks.filter((check) => check.status === status).length;
    const violations = checks.flatMap((check) => check.violations);
    return {
      target: this.#options.target,
      account: this.#options.account,
      allowWrites: this.allowWrites,
      startedAt: new Date(this.#started).toISOString(),
      durationMs: Date.now() - this.#started,
      passed: violations.length === 0,
      counts: {
        passed: count('passed'),
        failed: count('failed'),
        skipped: count('skipped'),
      },
      checks,
      violations,
    };
  }

  /** The request path as the contract's templates spell it. */
  #contractPath(exchange: Exchange): string {
    return `/${encodeURIComponent(this.#options.account)}/api/v1${exchange.route}`;
  }
}


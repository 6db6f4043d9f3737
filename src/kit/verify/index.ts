import { catalogChecks } from './catalog-checks.js';
import { errorChecks } from './error-checks.js';
import {
  TargetUnreachableError,
  TransportError,
  VerifyUsageError,
} from './errors.js';
import { inventoryChecks } from './inventory-checks.js';
import { readChecks } from './read-checks.js';
import { describeStatus, type Check } from './exchange.js';
import { VerifyRun } from './run.js';
import type { VerifyOptions, VerifyReport } from './types.js';
import { writeChecks } from './write-checks.js';

/** Every check, in the order it runs. The first ones find SKUs and locations. */
export const CHECKS: readonly Check[] = [
  ...catalogChecks,
  ...inventoryChecks,
  ...readChecks,
  ...errorChecks,
  ...writeChecks,
];

/**
 * Runs a conformance check of a server of the Inventory API: safe reads
 * by default, writes too with `allowWrites`. Every response is checked
 * against the contract and against the rules a schema cannot hold. Throws
 * `VerifyUsageError` for options the target rejects (token, account) and
 * `TargetUnreachableError` when the target does not respond.
 *
 * @example
 * const report = await verifyServer({
 *   target: 'http://127.0.0.1:4010',
 *   account: 'demo',
 *   token: await mock.token('demo'),
 * });
 * if (!report.passed) console.log(formatSummary(report));
 */
export async function verifyServer(
  options: VerifyOptions,
): Promise<VerifyReport> {
  const run = new VerifyRun(options);
  await preflight(run, options);

  for (const check of CHECKS) {
    if (check.writes === true && !run.allowWrites) {
      run.skipCheck(
        check.name,
        check.title,
        'changes the account; enable writes with --allow-writes',
      );
      continue;
    }
    await run.runCheck(check.name, check.title, () => check.run(run));
  }
  return run.finish();
}

/** Makes one read to tell an unusable target or token from violations. */
async function preflight(run: VerifyRun, options: VerifyOptions): Promise<void> {
  let exchange;
  try {
    exchange = await run.send(
      { route: '/inventory_locations' },
      { routeMissingSkips: false },
    );
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    throw new TargetUnreachableError(
      `cannot reach ${options.target}: ${error.reason}`,
      { cause: error },
    );
  }

  const status = describeStatus(exchange);
  if (exchange.status === 401 || exchange.status === 403) {
    throw new VerifyUsageError(
      `${options.target} rejected the token (${exchange.request} returned ` +
        `${status}); pass a valid one with --token, or mint one for the ` +
        'mock with `inventory-mock token --account SLUG`',
    );
  }
  if (exchange.status === 404) {
    const hint = status.endsWith('ACCOUNT_NOT_FOUND')
      ? `the account '${options.account}' does not exist there; check --account`
      : `is ${options.target} a server of the Inventory API?`;
    throw new VerifyUsageError(
      `${exchange.request} returned ${status}: ${hint}`,
    );
  }
}

export { formatSummary, toJsonReport, toJunitXml } from './report.js';
export { TargetUnreachableError, VerifyUsageError } from './errors.js';
export type {
  CheckResult,
  CheckStatus,
  VerifyOptions,
  VerifyReport,
  Violation,
} from './types.js';

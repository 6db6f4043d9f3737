import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, type CommanderError } from 'commander';
import { wholeNumber } from '../cli-options.js';
import {
  formatSummary,
  TargetUnreachableError,
  toJsonReport,
  toJunitXml,
  verifyServer,
  VerifyUsageError,
} from './index.js';
import type { VerifyReport } from './types.js';

/** Exit status of `verify`: no violations, violations, or a usage error. */
export const EXIT_PASSED = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;

/** Exits with status 2 on a command-line usage error, 0 after `--help`. */
export function exitWithUsageStatus(error: CommanderError): never {
  process.exit(error.exitCode === 0 ? EXIT_PASSED : EXIT_USAGE);
}

export interface VerifyFlags {
  target: string;
  account: string;
  token: string;
  allowWrites?: boolean;
  /** Pairs of format and file, as `--report junit out.xml` collects them. */
  report?: string[];
  timeout?: number;
  callbackUrl?: string;
}

export interface ReportRequest {
  format: 'junit' | 'json';
  file: string;
}

/**
 * Reads `--report` values as (format, file) pairs, so the option may be
 * given more than once: `--report junit a.xml --report json b.json`.
 */
export function parseReportRequests(values: readonly string[]): ReportRequest[] {
  if (values.length % 2 !== 0) {
    throw new InvalidArgumentError(
      '--report takes a format and a file, such as --report junit verify.xml',
    );
  }
  const requests: ReportRequest[] = [];
  for (let index = 0; index < values.length; index += 2) {
    const format = values[index] ?? '';
    const file = values[index + 1] ?? '';
    if (format !== 'junit' && format !== 'json') {
      throw new InvalidArgumentError(
        `--report format must be junit or json, got '${format}'`,
      );
    }
    requests.push({ format, file });
  }
  return requests;
}

async function writeReports(
  report: VerifyReport,
  requests: readonly ReportRequest[],
): Promise<void> {
  for (const request of requests) {
    const text =
      request.format === 'junit' ? toJunitXml(report) : toJsonReport(report);
    await writeFile(request.file, text, 'utf8');
  }
}

/** Builds `inventory-mock verify`. */
export function verifyCommand(): Command {
  return new Command('verify')
    .description(
      'Check a server of the Inventory API against the contract; ' +
        'exit 1 on any violation, 2 on a usage error or an unreachable target',
    )
    .requiredOption('--target <url>', 'origin of the server to check, such as http://127.0.0.1:4010')
    .requiredOption('--account <slug>', 'account to check')
    .requiredOption('--token <token>', 'bearer token for that account')
    .option('--allow-writes', 'also run checks that change the account: +1/-1 adjustments, a createAvailable adjusted back, a callback registered and deleted, a snapshot request')
    .option('--report <format-and-file...>', 'write a report for CI: junit FILE or json FILE; may be repeated')
    .option('--timeout <ms>', 'time limit of each request in milliseconds', wholeNumber('--timeout', 1, 600_000), 10_000)
    .option('--callback-url <url>', 'URL that the write checks register (by default a loopback URL where nothing listens)')
    .exitOverride(exitWithUsageStatus)
    .action(async (flags: VerifyFlags) => {
      process.exitCode = await runVerify(flags);
    });
}

/**
 * Runs a verification: prints the summary, writes the requested reports,
 * and returns the exit status.
 */
export async function runVerify(flags: VerifyFlags): Promise<number> {
  let requests: ReportRequest[];
  try {
    requests = parseReportRequests(flags.report ?? []);
  } catch (error) {
    process.stderr.write(`inventory-mock verify: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }

  let report: VerifyReport;
  try {
    report = await verifyServer({
      target: flags.target,
      account: flags.account,
      token: flags.token,
      allowWrites: flags.allowWrites === true,
      ...(flags.timeout === undefined ? {} : { timeoutMs: flags.timeout }),
      ...(flags.callbackUrl === undefined ? {} : { callbackUrl: flags.callbackUrl }),
    });
  } catch (error) {
    if (error instanceof VerifyUsageError || error instanceof TargetUnreachableError) {
      process.stderr.write(`inventory-mock verify: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  process.stdout.write(formatSummary(report));
  try {
    await writeReports(report, requests);
  } catch (error) {
    process.stderr.write(
      `inventory-mock verify: failed to write a report: ${(error as Error).message}\n`,
    );
    return EXIT_USAGE;
  }
  return report.passed ? EXIT_PASSED : EXIT_VIOLATIONS;
}

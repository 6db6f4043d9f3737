import { Command, InvalidArgumentError, Option } from 'commander';
import { FixtureError } from '../engine/errors.js';
import { PactFileError } from './pact-files.js';
import { ProviderConnectionError } from './target.js';
import { verifyPacts, type PactLogLevel, type VerifyPactsOptions } from './verify.js';

/** Flags of `inventory-mock pact verify`. */
export interface PactVerifyFlags {
  pact: string[];
  providerUrl?: string;
  account?: string;
  adminToken?: string;
  token?: string;
  fixture?: string;
  logLevel: PactLogLevel;
}

/** Output streams of the command; the process's own by default. */
export interface CommandOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processOutput: CommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function httpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError(`--provider-url must be an absolute http(s) URL, got '${text}'.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`--provider-url must use http or https, got '${text}'.`);
  }
  return text;
}

function collect(text: string, previous: string[] = []): string[] {
  return [...previous, text];
}

/**
 * Runs `pact verify` and returns its exit code: 0 when every pact file
 * verified, 1 when one failed, 2 when the pacts could not be read or the
 * provider could not be reached. Pact prints its own report on stdout; this
 * adds the numbered mismatches of each failed file on stderr.
 */
export async function runPactVerify(flags: PactVerifyFlags, output: CommandOutput = processOutput): Promise<number> {
  const options: VerifyPactsOptions = {
    pacts: flags.pact,
    logLevel: flags.logLevel,
    warn: (message) => output.err(`inventory-mock pact verify: warning: ${message}\n`),
    ...(flags.providerUrl === undefined ? {} : { providerUrl: flags.providerUrl }),
    ...(flags.account === undefined ? {} : { account: flags.account }),
    ...(flags.adminToken === undefined ? {} : { adminToken: flags.adminToken }),
    ...(flags.token === undefined ? {} : { token: flags.token }),
    ...(flags.fixture === undefined ? {} : { mock: { fixture: flags.fixture } }),
  };

  let result;
  try {
    result = await verifyPacts(options);
  } catch (error) {
    if (error instanceof PactFileError || error instanceof FixtureError || error instanceof ProviderConnectionError) {
      output.err(`inventory-mock pact verify: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }

  const where = flags.providerUrl ?? 'an in-process inventory-mock';
  const failed = result.files.filter((file) => file.error !== undefined);
  for (const file of failed) output.err(`\n${file.error?.summary}\n`);
  if (failed.length === 0) {
    output.out(`inventory-mock pact verify: ${result.files.length} pact file(s) verified against ${where}\n`);
    return 0;
  }
  const counts = `${failed.length} of ${result.files.length} pact file(s)`;
  output.err(`\ninventory-mock pact verify: ${counts} failed verification against ${where}\n`);
  return 1;
}

/** Builds the `pact` command group with its `verify` subcommand. */
export function pactCommand(output: CommandOutput = processOutput): Command {
  const pact = new Command('pact').description('Check pact files against the mock or another provider');
  pact
    .command('verify')
    .description(
      'Verify pact files with Pact: against an in-process mock with its provider states, or against --provider-url',
    )
    .requiredOption('--pact <file-or-dir>', 'pact file, or directory of *.json pact files; repeat for more', collect)
    .option('--provider-url <url>', "running provider to verify, the origin that the pacts' paths are relative to", httpUrl)
    .option('--account <slug>', "account that provider states act on when they name none (default: the mock's first account)")
    .option('--admin-token <token>', 'admin token of a mock started with --admin-token')
    .option('--token <token>', 'bearer token sent on every request, for a provider that is not an inventory-mock')
    .option('--fixture <file>', 'fixture JSON file of the in-process mock')
    .addOption(
      new Option('--log-level <level>', "Pact's own log level")
        .choices(['trace', 'debug', 'info', 'warn', 'error'])
        .default('error'),
    )
    .action(async (flags: PactVerifyFlags) => {
      process.exitCode = await runPactVerify(flags, output);
    });
  return pact;
}

#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { addControlOptions, withControlFlags } from './control/cli-options.js';
import { FixtureError } from './engine/errors.js';
import { proxyCommand } from './kit/proxy/command.js';
import { receiveCommand } from './kit/receiver/command.js';
import { verifyCommand } from './kit/verify/command.js';
import { pactCommand } from './pact/command.js';
import { stormCommand } from './simulation/storm-command.js';
import { startMock, type MockOptions } from './start.js';
import type { LogLevel } from './server/logger.js';
import { DEFAULT_JWT_SECRET, mintToken, parseDuration } from './server/tokens.js';

function integer(name: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    if (!/^\d+$/.test(text)) throw new InvalidArgumentError(`${name} must be a whole number, got '${text}'.`);
    const value = Number(text);
    if (value < min || value > max) throw new InvalidArgumentError(`${name} must be from ${min} to ${max}.`);
    return value;
  };
}

function nonEmpty(name: string) {
  return (text: string): string => {
    if (text === '') throw new InvalidArgumentError(`${name} must not be empty.`);
    return text;
  };
}

function duration(text: string): number {
  const seconds = parseDuration(text);
  if (seconds === undefined) throw new InvalidArgumentError(`use seconds or a unit such as 90s, 15m, 12h, 7d; got '${text}'.`);
  return seconds;
}

function list(text: string, previous: string[] = []): string[] {
  return [...previous, ...text.split(',').map((item) => item.trim()).filter(Boolean)];
}

export function buildProgram(): Command {
  const program = new Command('inventory-mock')
    .description('Stateful mock server and contract-testing kit for a warehouse Inventory API')
    .showHelpAfterError();

  addControlOptions(program.command('serve'))
    .description('Start the mock server on seeded data')
    .option('--port <n>', 'TCP port to listen on', integer('--port', 0, 65535), 4010)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--fixture <file>', 'fixture JSON file to load instead of the embedded default')
    .option('--seed <n>', 'seed of generated ids and random choices', integer('--seed'), 1)
    .option('--generate <n>', 'start with a generated account "demo" of N SKUs', integer('--generate', 1, 2_000_000))
    .addOption(new Option('--auth <mode>', 'bearer token check: jwt (HS256), any non-empty token, or none').choices(['jwt', 'any', 'none']).default('jwt'))
    .option('--secret <secret>', 'HS256 secret for jwt auth and minted tokens', nonEmpty('--secret'), DEFAULT_JWT_SECRET)
    .option('--callback-allow <hosts>', 'comma-separated host names besides loopback that callbacks may reach', list, [])
    .option('--admin-token <token>', 'require this bearer token on /__admin/ routes')
    .option('--snapshot-delay <ms>', 'fixed snapshot processing time in milliseconds of mock time (default 2000)', integer('--snapshot-delay', 0, 30 * 24 * 3600 * 1000))
    .option('--snapshot-fail-next <n>', 'make the first N snapshot jobs of each account fail (counted afresh after a reset)', integer('--snapshot-fail-next', 0, 1000))
    .option('--snapshot-hang-next <n>', 'make the first N snapshot jobs of each account stay processing until a reset', integer('--snapshot-hang-next', 0, 1000))
    .addOption(new Option('--log-level <level>', 'log level').choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'))
    .action(async (flags: Record<string, unknown>) => {
      await serveCommand(flags);
    });

  program
    .command('token')
    .description('Mint a bearer token that the mock accepts in jwt mode')
    .requiredOption('--account <slug>', 'account the token is for')
    .option('--expires-in <duration>', 'lifetime: seconds, or 90s, 15m, 12h, 7d', duration, 24 * 3600)
    .option('--secret <secret>', 'HS256 secret; the same default as serve', nonEmpty('--secret'), DEFAULT_JWT_SECRET)
    .action(async (flags: { account: string; expiresIn: number; secret: string }) => {
      const token = await mintToken({ account: flags.account, secret: flags.secret, expiresIn: flags.expiresIn });
      process.stdout.write(`${token}\n`);
    });

  program.addCommand(stormCommand());
  program.addCommand(verifyCommand());
  program.addCommand(proxyCommand());
  program.addCommand(receiveCommand());
  program.addCommand(pactCommand());

  return program;
}

async function serveCommand(flags: Record<string, unknown>): Promise<void> {
  const options: MockOptions = withControlFlags(flags, {
    port: flags.port as number,
    host: flags.host as string,
    seed: flags.seed as number,
    auth: flags.auth as 'jwt',
    secret: flags.secret as string,
    logLevel: flags.logLevel as LogLevel,
    callbackAllow: flags.callbackAllow as string[],
    ...(flags.fixture === undefined ? {} : { fixture: flags.fixture as string }),
    ...(flags.generate === undefined ? {} : { generate: flags.generate as number }),
    ...(flags.adminToken === undefined ? {} : { adminToken: flags.adminToken as string }),
    snapshots: {
      ...(flags.snapshotDelay === undefined ? {} : { delayMs: flags.snapshotDelay as number }),
      ...(flags.snapshotFailNext === undefined ? {} : { failNext: flags.snapshotFailNext as number }),
      ...(flags.snapshotHangNext === undefined ? {} : { hangNext: flags.snapshotHangNext as number }),
    },
  });

  let running;
  try {
    running = await startMock(options);
  } catch (error) {
    if (error instanceof FixtureError) {
      process.stderr.write(`inventory-mock: invalid fixture: ${error.message}\n`);
      process.exit(2);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      process.stderr.write(`inventory-mock: port ${options.port} is in use; pick another with --port\n`);
      process.exit(2);
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
      process.stderr.write(`inventory-mock: cannot listen on ${options.host}:${options.port} (${code}); check --host and --port\n`);
      process.exit(2);
    }
    throw error;
  }

  const account = running.defaultAccount;
  const token = await running.token(account);
  const sku = running.mock.account(account)?.skusInOrder()[0]?.customer_identifier ?? 'sku001';
  const firstSku = running.mock.account(account)?.skuByIdentifier('sku001') ? 'sku001' : sku;
  const lines = [
    `inventory-mock listening on ${running.url}`,
    `  account:  ${account}`,
    `  base URL: ${running.baseUrl(account)}`,
    `  auth:     ${options.auth}`,
    `  token:    ${token}`,
    `  callback secret: ${running.mock.account(account)?.callbackSecret ?? ''}`,
    '',
    'Try:',
    `  curl -s -H 'Authorization: Bearer ${token}' '${running.baseUrl(account)}/inventory?cid=${encodeURIComponent(firstSku)}'`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await buildProgram().parseAsync(process.argv);

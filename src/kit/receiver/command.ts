import { Command } from 'commander';
import type { LogLevel } from '../../server/logger.js';
import { createLogger } from '../../server/logger.js';
import { fraction, logLevelOption, wholeNumber } from '../cli-options.js';
import { formatCallbackLine } from './format.js';
import { startReceiver } from './index.js';

export interface ReceiveFlags {
  port: number;
  host: string;
  token?: string;
  secret?: string;
  failRate: number;
  failFirst: number;
  seed: number;
  maxClockSkew?: number;
  logLevel: LogLevel;
}

/** Builds `inventory-mock receive`. */
export function receiveCommand(): Command {
  return new Command('receive')
    .description('Run a callback receiver that checks each callback and can fail on purpose')
    .option('--port <n>', 'TCP port to listen on', wholeNumber('--port', 0, 65535), 9911)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--token <token>', 'require "Authorization: Bearer <token>" on every callback')
    .option('--secret <secret>', 'verify Standard Webhooks signatures with this secret (whsec_... or plain text)')
    .option('--fail-rate <r>', 'share of valid callbacks rejected with a 503, from 0 to 1 (seeded draws)', fraction('--fail-rate'), 0)
    .option('--fail-first <n>', 'reject the first N attempts of each message id with a 503', wholeNumber('--fail-first', 0, 1000), 0)
    .option('--seed <n>', 'seed of the --fail-rate draws', wholeNumber('--seed'), 1)
    .option('--max-clock-skew <seconds>', 'reject a webhook-timestamp more than this many seconds from the receiver clock (off by default)', wholeNumber('--max-clock-skew'))
    .addOption(logLevelOption('warn'))
    .action(async (flags: ReceiveFlags) => {
      await runReceiver(flags);
    });
}

/** Runs the receiver until SIGINT or SIGTERM, printing one line per callback. */
export async function runReceiver(flags: ReceiveFlags): Promise<void> {
  let receiver;
  try {
    receiver = await startReceiver({
      port: flags.port,
      host: flags.host,
      failRate: flags.failRate,
      failFirst: flags.failFirst,
      seed: flags.seed,
      logger: createLogger(flags.logLevel),
      ...(flags.token === undefined ? {} : { token: flags.token }),
      ...(flags.secret === undefined ? {} : { secret: flags.secret }),
      ...(flags.maxClockSkew === undefined ? {} : { maxClockSkewSeconds: flags.maxClockSkew }),
      onCallback: (callback) => process.stdout.write(`${formatCallbackLine(callback)}\n`),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    process.stderr.write(`inventory-mock receive: port ${flags.port} is in use; pick another with --port\n`);
    process.exitCode = 2;
    return;
  }

  const checks = [
    flags.token === undefined ? 'no token check' : 'bearer token checked',
    flags.secret === undefined ? 'no signature check' : 'signatures checked',
  ];
  process.stdout.write(
    `inventory-mock receive listening on ${receiver.url} (${checks.join(', ')})\n` +
      `  register any path under it, such as ${receiver.url}/hooks/inventory\n` +
      `  received callbacks: GET ${receiver.url}/received\n\n`,
  );

  const stop = () => {
    void receiver.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

import { Command } from 'commander';
import type { LogLevel } from '../../server/logger.js';
import { createLogger } from '../../server/logger.js';
import { logLevelOption, wholeNumber } from '../cli-options.js';
import { startProxy, VIOLATIONS_PATH } from './index.js';

export interface ProxyFlags {
  target: string;
  port: number;
  host: string;
  strict?: boolean;
  timeout: number;
  maxBodyBytes: number;
  logLevel: LogLevel;
}

/** Builds `inventory-mock proxy`. */
export function proxyCommand(): Command {
  return new Command('proxy')
    .description('Run a reverse proxy that checks every request and response against the contract')
    .requiredOption('--target <url>', 'upstream origin, such as http://127.0.0.1:4010')
    .option('--port <n>', 'TCP port to listen on', wholeNumber('--port', 0, 65535), 4011)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--strict', 'replace a response that breaks the contract with a 502 CONTRACT_VIOLATION')
    .option('--timeout <ms>', 'time limit of each upstream call in milliseconds', wholeNumber('--timeout', 1, 600_000), 30_000)
    .option('--max-body-bytes <n>', 'largest request or response body in bytes', wholeNumber('--max-body-bytes', 1), 32 * 1024 * 1024)
    .addOption(logLevelOption('info'))
    .action(async (flags: ProxyFlags) => {
      await runProxy(flags);
    });
}

/** Runs the proxy until SIGINT or SIGTERM. */
export async function runProxy(flags: ProxyFlags): Promise<void> {
  let proxy;
  try {
    proxy = await startProxy({
      target: flags.target,
      port: flags.port,
      host: flags.host,
      strict: flags.strict === true,
      timeoutMs: flags.timeout,
      maxBodyBytes: flags.maxBodyBytes,
      logger: createLogger(flags.logLevel),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'EADDRINUSE'
        ? `port ${flags.port} is in use; pick another with --port`
        : (error as Error).message;
    process.stderr.write(`inventory-mock proxy: ${message}\n`);
    process.exitCode = 2;
    return;
  }

  const mode = flags.strict === true ? 'strict: violating responses become 502' : 'violations are recorded and passed through';
  process.stdout.write(
    `inventory-mock proxy listening on ${proxy.url} -> ${flags.target} (${mode})\n` +
      `  violations: GET ${proxy.url}${VIOLATIONS_PATH} (DELETE clears)\n\n`,
  );

  const stop = () => {
    void proxy.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

import type { VerifierOptions } from '@pact-foundation/pact';
import { startMock, type MockOptions } from '../start.js';
import { keepPactLocal } from './local-only.js';
import { CALLBACK_TYPES, captureCallback, type CallbackType, type MessageRequest } from './messages.js';
import { findPactFiles, readPactFile, type PactFileSummary } from './pact-files.js';
import { parseVerifierError, PactVerificationError, type MessageFailure } from './report.js';
import { createStateHandlers, verificationFilter, type StateFailure } from './state-handlers.js';
import { connectProvider, type ProviderTarget } from './target.js';

export type PactLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface VerifyFileOptions {
  /** Pact's own log level; `error` by default. */
  logLevel?: PactLogLevel;
  /** Receives warnings, such as skipped provider states; stderr by default. */
  warn?: (message: string) => void;
}

export interface VerifyPactsOptions extends VerifyFileOptions {
  /** Pact files, or directories whose `*.json` files are pacts. */
  pacts: string[];
  /** Provider to verify; undefined starts an inventory-mock in-process on a loopback port. */
  providerUrl?: string;
  /** Account that provider states act on when they name none. */
  account?: string;
  /** Admin token of a mock started with `--admin-token`. */
  adminToken?: string;
  /** Bearer token for every API request; by default the mock mints one per request. */
  token?: string;
  /** Options of the in-process mock. */
  mock?: MockOptions;
}

export interface PactFileResult {
  file: string;
  consumer: string;
  provider: string;
  interactions: number;
  /** Set when the file failed verification. */
  error?: PactVerificationError;
}

export interface VerifyPactsResult {
  ok: boolean;
  /** Set when the provider is an inventory-mock, so provider states were set up. */
  providerIsMock: boolean;
  files: PactFileResult[];
}

const warnOnStderr = (message: string): void => {
  process.stderr.write(`inventory-mock pact: warning: ${message}\n`);
};

/**
 * Picks, for each message interaction, the callback type whose real
 * delivery provides its message. pact-js sends the verifier an empty body
 * when a provider throws, so each failure is also kept in `failures`.
 */
function messageProviders(
  summary: PactFileSummary,
  target: ProviderTarget,
  failures: MessageFailure[],
): VerifierOptions['messageProviders'] {
  const providers: Record<string, (request: MessageRequest) => Promise<unknown>> = {};
  for (const interaction of summary.interactions) {
    if (interaction.kind !== 'message') continue;
    const type = CALLBACK_TYPES.find((name) => name === interaction.messageType) ??
      CALLBACK_TYPES.find((name) => interaction.description.includes(name));
    const { description } = interaction;
    providers[description] = async (request) => {
      try {
        if (type === undefined) {
          const types = CALLBACK_TYPES.join(', ');
          throw new Error(`message '${description}' names no callback type the mock sends (${types}) in message_type or its description`);
        }
        return await captureCallback(target, type as CallbackType, request);
      } catch (error) {
        failures.push({ description, message: (error as Error).message });
        throw error;
      }
    };
  }
  return Object.keys(providers).length === 0 ? undefined : (providers as VerifierOptions['messageProviders']);
}

/**
 * Verifies one pact file against a provider with Pact's Verifier: HTTP
 * interactions are replayed against `target.url`, message interactions are
 * checked against callbacks the mock really delivers, and provider states go to
 * the mock's `/__admin/provider-states`. Rejects with a PactVerificationError
 * that lists every mismatch and failed state change.
 */
export async function verifyPactFile(file: string, target: ProviderTarget, options: VerifyFileOptions = {}): Promise<void> {
  keepPactLocal();
  const summary = readPactFile(file);
  const failures = { states: [] as StateFailure[], messages: [] as MessageFailure[] };
  const handlers = target.isMock ? createStateHandlers(target) : {};
  const providers = messageProviders(summary, target, failures.messages);

  // Loaded here, so that importing the library or the CLI does not load Pact's native core.
  const { Verifier } = await import('@pact-foundation/pact');
  const verifier = new Verifier({
    providerBaseUrl: target.url,
    pactUrls: [file],
    // The filter runs these handlers itself, strictly; pact-js gets them too, as its own dispatch would.
    stateHandlers: handlers as NonNullable<VerifierOptions['stateHandlers']>,
    requestFilter: verificationFilter({ target, handlers, failures: failures.states, warn: options.warn ?? warnOnStderr }) as never,
    ...(providers === undefined ? {} : { messageProviders: providers }),
    logLevel: options.logLevel ?? 'error',
  });

  try {
    await verifier.verifyProvider();
  } catch (error) {
    const { mismatches, output } = parseVerifierError(error);
    throw new PactVerificationError(summary, mismatches, failures, output);
  }
  // Pact fails an interaction whose setup or teardown fails; this guards against any state change it let pass.
  if (failures.states.length > 0) throw new PactVerificationError(summary, [], failures, []);
}

/**
 * Verifies pact files, one Verifier run per file, against a provider URL or
 * an in-process inventory-mock. Verification failures are in the result;
 * unreadable pact files or an unreachable provider throw.
 *
 * @example
 * const result = await verifyPacts({ pacts: ['./pacts'] });
 * if (!result.ok) console.error(result.files.map((file) => file.error?.report).join('\n'));
 */
export async function verifyPacts(options: VerifyPactsOptions): Promise<VerifyPactsResult> {
  const files = findPactFiles(options.pacts);
  const summaries = files.map(readPactFile);
  const mock = options.providerUrl === undefined ? await startMock({ logLevel: 'silent', ...options.mock }) : undefined;
  try {
    const target = await connectProvider({
      url: options.providerUrl ?? (mock as { url: string }).url,
      ...(options.account === undefined ? {} : { account: options.account }),
      ...(options.adminToken === undefined ? {} : { adminToken: options.adminToken }),
      ...(options.token === undefined ? {} : { token: options.token }),
    });
    if (!target.isMock) {
      const warn = options.warn ?? warnOnStderr;
      warn(`${target.url} is not an inventory-mock: provider states are skipped and message interactions fail`);
    }

    const results: PactFileResult[] = [];
    for (const summary of summaries) {
      const result: PactFileResult = {
        file: summary.path,
        consumer: summary.consumer,
        provider: summary.provider,
        interactions: summary.interactions.length,
      };
      try {
        await verifyPactFile(summary.path, target, options);
      } catch (error) {
        if (!(error instanceof PactVerificationError)) throw error;
        result.error = error;
      }
      results.push(result);
    }
    return { ok: results.every((result) => result.error === undefined), providerIsMock: target.isMock, files: results };
  } finally {
    await mock?.close();
  }
}

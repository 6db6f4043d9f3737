import type { PactFileSummary } from './pact-files.js';
import type { StateFailure } from './state-handlers.js';

/** One mismatch that Pact's verifier reported. */
export interface PactMismatch {
  /** Pact's name of the interaction: consumer, provider, states and description. */
  interaction: string;
  /** `BodyMismatch`, `StatusMismatch`, `HeaderMismatch`, ... or `error`. */
  type: string;
  /** JSON path of a body mismatch, or the header name. */
  path?: string;
  expected?: string;
  actual?: string;
  message: string;
}

/** A message interaction whose message the mock could not produce. */
export interface MessageFailure {
  description: string;
  message: string;
}

/** Failures on the provider's side, besides Pact's mismatches. */
export interface ProviderFailures {
  states: StateFailure[];
  messages: MessageFailure[];
}

/** A pact file that failed verification, with every mismatch, failed state change and failed message. */
export class PactVerificationError extends Error {
  override readonly name = 'PactVerificationError';
  readonly file: string;
  readonly mismatches: PactMismatch[];
  readonly stateFailures: StateFailure[];
  readonly messageFailures: MessageFailure[];
  /** Pact's own report, without terminal colours. */
  readonly output: string[];
  /** Every mismatch and failed state change, numbered. */
  readonly summary: string;
  /** The summary, then Pact's own report. */
  readonly report: string;

  constructor(file: PactFileSummary, mismatches: PactMismatch[], failures: ProviderFailures, output: string[]) {
    const summary = formatMismatches(file, mismatches, failures);
    super(summary.split('\n')[0]);
    this.file = file.path;
    this.mismatches = mismatches;
    this.stateFailures = failures.states;
    this.messageFailures = failures.messages;
    this.output = output;
    this.summary = summary;
    const pactReport = output.length === 0 ? [] : ['', "Pact's report:", ...output.map((line) => `  ${line}`)];
    this.report = [summary, ...pactReport].join('\n');
  }
}

const ANSI = /\u001b\[[0-9;]*m/g;

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Reads the error that pact-core rejects a failed verification with: its
 * message is the verifier's JSON result (errors and output lines). Any other
 * error becomes one mismatch carrying its message.
 */
export function parseVerifierError(error: unknown): { mismatches: PactMismatch[]; output: string[] } {
  const message = error instanceof Error ? error.message : String(error);
  let result: any;
  try {
    result = JSON.parse(message);
  } catch {
    return { mismatches: [{ interaction: 'verification', type: 'error', message }], output: [] };
  }

  const mismatches: PactMismatch[] = [];
  for (const entry of result?.errors ?? []) {
    const interaction = String(entry?.interaction ?? 'interaction');
    const mismatch = entry?.mismatch ?? {};
    if (mismatch.type !== 'mismatches') {
      mismatches.push({ interaction, type: 'error', message: String(mismatch.message ?? 'failed') });
      continue;
    }
    for (const item of mismatch.mismatches ?? []) {
      const path = text(item.path ?? item.key);
      const expected = text(item.expected);
      const actual = text(item.actual);
      mismatches.push({
        interaction,
        type: String(item.type ?? 'Mismatch'),
        ...(path === undefined ? {} : { path }),
        ...(expected === undefined ? {} : { expected }),
        ...(actual === undefined ? {} : { actual }),
        message: String(item.mismatch ?? 'mismatch'),
      });
    }
  }
  // Pact lists the mismatches of one interaction in no fixed order; sorted, reports of one failure compare equal.
  mismatches.sort(
    (a, b) =>
      a.interaction.localeCompare(b.interaction) ||
      (a.path ?? '').localeCompare(b.path ?? '') ||
      a.message.localeCompare(b.message),
  );
  const output = ((result?.output ?? []) as unknown[])
    .flatMap((line) => String(line).split('\n'))
    .map((line) => line.replace(ANSI, ''));
  return { mismatches, output };
}

/** Lists every mismatch, numbered per interaction, with its path, expected and actual value, then the provider's failures. */
export function formatMismatches(summary: PactFileSummary, mismatches: PactMismatch[], failures: ProviderFailures): string {
  const lines = [`Pact verification failed: ${summary.path} (${summary.consumer} -> ${summary.provider})`];
  const byInteraction = new Map<string, PactMismatch[]>();
  for (const mismatch of mismatches) {
    const list = byInteraction.get(mismatch.interaction) ?? [];
    list.push(mismatch);
    byInteraction.set(mismatch.interaction, list);
  }

  let number = 0;
  for (const [interaction, list] of byInteraction) {
    number += 1;
    lines.push(`${number}) ${interaction}`);
    list.forEach((mismatch, index) => {
      const where = mismatch.path === undefined ? '' : ` at ${mismatch.path}`;
      lines.push(`   ${number}.${index + 1}) ${mismatch.type}${where}: ${mismatch.message}`);
      if (mismatch.expected !== undefined) lines.push(`        expected: ${mismatch.expected}`);
      if (mismatch.actual !== undefined) lines.push(`        actual:   ${mismatch.actual}`);
    });
  }

  if (failures.states.length > 0) {
    lines.push('Provider state failures:');
    for (const failure of failures.states) {
      lines.push(`   - ${failure.action} of '${failure.state}' returned ${failure.status}: ${failure.message}`);
    }
  }
  if (failures.messages.length > 0) {
    lines.push('Message failures:');
    for (const failure of failures.messages) lines.push(`   - '${failure.description}': ${failure.message}`);
  }
  return lines.join('\n');
}

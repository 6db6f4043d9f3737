import type { Problem } from '../../contracts/types.js';
import type { Exchange } from './exchange.js';
import type { CheckResult, CheckStatus, Violation } from './types.js';

/** A check while the run goes on. */
export interface CheckState {
  name: string;
  title: string;
  status?: CheckStatus;
  note?: string;
  requests: number;
  durationMs: number;
  violations: Violation[];
}

/** A problem, with other findings that the same fault explains. */
export type Finding = Problem & { related?: string[] };

/** Generalises array indexes so one fault in many records counts once. */
function generalize(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

function emptyState(name: string, title: string): CheckState {
  return { name, title, requests: 0, durationMs: 0, violations: [] };
}

/**
 * The checks of a run and their violations: scenario checks in the order
 * they ran, then the response rules. A violation at the same place (array
 * indexes aside) in the same check is kept once, with a count of the
 * responses that showed it.
 */
export class CheckBook {
  readonly #scenarios = new Map<string, CheckState>();
  readonly #rules = new Map<string, CheckState>();
  readonly #seen = new Map<string, Violation>();
  /** The last response counted for each violation, so a response counts once. */
  readonly #lastSeenIn = new Map<Violation, Exchange | string>();

  openScenario(name: string, title: string): CheckState {
    const state = emptyState(name, title);
    this.#scenarios.set(name, state);
    return state;
  }

  skipScenario(name: string, title: string, reason: string): void {
    this.#scenarios.set(name, { ...emptyState(name, title), status: 'skipped', note: reason });
  }

  /** Returns the state of a response rule, created on first use. */
  rule(name: string, title: string): CheckState {
    let state = this.#rules.get(name);
    if (state === undefined) {
      state = emptyState(name, title);
      this.#rules.set(name, state);
    }
    return state;
  }

  record(state: CheckState, exchange: Exchange | string, finding: Finding): void {
    const key = `${state.name}\n${generalize(finding.pointer)}`;
    const seen = this.#seen.get(key);
    if (seen !== undefined) {
      if (this.#lastSeenIn.get(seen) !== exchange) seen.occurrences += 1;
      this.#lastSeenIn.set(seen, exchange);
      return;
    }

    const violation: Violation = {
      check: state.name,
      request: typeof exchange === 'string' ? exchange : exchange.request,
      pointer: finding.pointer,
      expected: finding.expected,
      got: finding.got,
      message: finding.message,
      ...(finding.related === undefined ? {} : { related: finding.related }),
      occurrences: 1,
    };
    this.#seen.set(key, violation);
    this.#lastSeenIn.set(violation, exchange);
    state.violations.push(violation);
  }

  /** Returns every check with its final status. A rule with a violation has failed. */
  results(): CheckResult[] {
    const rules = [...this.#rules.values()].map((state) => ({
      ...state,
      status: (state.violations.length > 0 ? 'failed' : 'passed') as CheckStatus,
    }));
    return [...this.#scenarios.values(), ...rules].map((state) => ({
      name: state.name,
      title: state.title,
      status: state.status ?? 'passed',
      ...(state.note === undefined ? {} : { note: state.note }),
      requests: state.requests,
      durationMs: state.durationMs,
      violations: state.violations,
    }));
  }
}

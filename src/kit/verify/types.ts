import type { Logger } from 'pino';

export interface VerifyOptions {
  /** Origin of the server under test, such as `http://127.0.0.1:4010`. */
  target: string;
  /** Account slug: requests go to `<target>/<account>/api/v1/...`. */
  account: string;
  /** Bearer token sent on every request except the missing-token check. */
  token: string;
  /**
   * Also runs the checks that change the account: an adjustment of +1 and
   * −1, a createAvailable that is adjusted back, a callback registration
   * and its deletion, and a snapshot request. Off by default.
   */
  allowWrites?: boolean;
  /** Time limit of each request, in milliseconds; 10,000 by default. */
  timeoutMs?: number;
  /** Largest response body read, in bytes; 32 MiB by default. */
  maxBodyBytes?: number;
  /**
   * URL of the callback registered by the write checks. By default a
   * loopback URL where nothing listens, registered for a message type that
   * the API stores but never fires.
   */
  callbackUrl?: string;
  /** Debug lines for each request, warnings for transport errors. */
  logger?: Logger;
  /** A fetch implementation; the platform's by default. */
  fetch?: typeof fetch;
}

/** One way the server under test broke the contract or a rule of the API. */
export interface Violation {
  /** Name of the check that found it, such as `inventory.limit`. */
  check: string;
  /** The request line, such as `GET /demo/api/v1/inventory?cid=a,b&limit=1`. */
  request: string;
  /** JSON pointer into the response, or `/status` for the status code. */
  pointer: string;
  expected: string;
  got: string;
  /** One sentence with the pointer, the rule and the value. */
  message: string;
  /** Other findings in the same response that the same fault explains. */
  related?: string[];
  /** Responses that showed the same problem at the same place; 1 or more. */
  occurrences: number;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  name: string;
  /** The assertion of the check, in one sentence. */
  title: string;
  status: CheckStatus;
  /** The reason a check was skipped, or a note on a check that passed. */
  note?: string;
  /** Requests the check made, or responses a rule inspected. */
  requests: number;
  durationMs: number;
  violations: Violation[];
}

/** The outcome of a run: every check, every violation, and the verdict. */
export interface VerifyReport {
  target: string;
  account: string;
  allowWrites: boolean;
  /** Wall-clock start of the run, ISO 8601. */
  startedAt: string;
  durationMs: number;
  passed: boolean;
  counts: { passed: number; failed: number; skipped: number };
  checks: CheckResult[];
  /** Every violation of every check, numbered in this order in the summary. */
  violations: Violation[];
}

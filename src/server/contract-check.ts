import type { Context } from 'hono';
import { createValidator, type Problem } from '../contracts/index.js';
import { ApiError, type ErrorCode } from './errors.js';

/** Compiled once per process: the validators of contracts/inventory-api.yaml. */
const validator = createValidator();

/** Body fields whose contract type is an RFC 3339 date-time. */
const DATE_FIELDS = new Set(['snapshot_as_of_date', 'as_of', 'since', 'until']);

function fieldOf(problem: Problem): string {
  return problem.pointer.split('/')[2] ?? 'body';
}

function codeFor(problem: Problem): ErrorCode {
  const [, where] = problem.pointer.split('/');
  const field = fieldOf(problem);
  if (DATE_FIELDS.has(field) || problem.expected.includes('date-time')) return 'INVALID_DATE_FORMAT';
  if (where === 'query') {
    if (field === 'cid' && problem.expected.includes('at most')) return 'INVALID_SKU_LIMIT';
    return 'INVALID_QUERY';
  }
  if (where === 'body') return field === 'snapshot_type' ? 'INVALID_SNAPSHOT_TYPE' : 'INVALID_BODY';
  return 'INVALID_REQUEST';
}

function reject(problems: Problem[]): never {
  const first = problems[0] as Problem;
  throw new ApiError(codeFor(first), first.message, {
    details: problems.map((problem) => ({ field: fieldOf(problem), problem: problem.message })),
  });
}

/** Most request lines whose parameter check is remembered. */
const CHECKED_LIMIT = 10_000;

/**
 * Parameter problems by method and URL. The check depends on nothing else,
 * so a client that repeats a request line (the common case) pays for it once.
 */
const checked = new Map<string, Problem[]>();

/** Checks a request's path and query parameters against the contract; the body is read later. */
export function checkParameters(c: Context): void {
  // HEAD is GET without the body, so it takes the GET operation's parameters.
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const key = `${method} ${c.req.url}`;
  let problems = checked.get(key);
  if (!problems) {
    const url = new URL(c.req.url);
    problems = validator
      .validateRequest({ method, path: url.pathname, query: url.searchParams })
      .filter((problem) => !problem.pointer.startsWith('/body'));
    if (checked.size >= CHECKED_LIMIT) checked.clear();
    checked.set(key, problems);
  }
  if (problems.length > 0) reject(problems);
}

/** Checks a parsed JSON body against the contract's schema for this request. */
export function checkBody(c: Context, body: unknown): void {
  const url = new URL(c.req.url);
  const problems = validator
    .validateRequest({ method: c.req.method, path: url.pathname, query: url.searchParams, body, contentType: 'application/json' })
    .filter((problem) => problem.pointer.startsWith('/body'));
  if (problems.length > 0) reject(problems);
}

import { matchOperation, type Validator } from '../../contracts/index.js';
import { describeValue } from '../../contracts/problems.js';
import type { Problem } from '../../contracts/types.js';
import {
  checkInventoryTotal,
  checkInventoryTotals,
  errorShapeProblem,
  type InventoryQuery,
} from './rules.js';
import type { Exchange } from './exchange.js';

/** The receiver of what the response rules find. */
export interface RuleSink {
  inspected(name: string, title: string): void;
  failRule(
    name: string,
    title: string,
    exchange: Exchange,
    problem: Problem & { related?: string[] },
  ): void;
}

/** The alias `sku_snapshots` has the inventory route's responses. */
const CONTRACT_GROUPS: Readonly<Record<string, string>> = {
  getSkuSnapshots: 'getInventory',
};

const ERROR_BODY = {
  name: 'contract.error-body',
  title: 'every error response has the documented error body',
};
const TOTALS = {
  name: 'inventory.totals',
  title:
    'total_units and total_available_to_sell add up from status_counts ' +
    'in every inventory response',
};
const TOTAL = {
  name: 'inventory.total',
  title: '`total` counts the requested SKUs that exist in every inventory response',
};

/** Pointers that describe the request line rather than the response. */
const REQUEST_POINTERS = new Set(['/method', '/path']);

/**
 * Checks one response against the contract (`validateResponse` on the raw
 * text, with its headers) and, for inventory responses, against the rules
 * a schema cannot hold. Error bodies are checked under one name, since
 * every error status shares one body.
 */
export function inspectResponse(
  sink: RuleSink,
  validator: Validator,
  exchange: Exchange,
  contractPath: string,
): void {
  const match = matchOperation(exchange.method, contractPath);
  const operationId =
    match === undefined
      ? undefined
      : (CONTRACT_GROUPS[match.operationId] ?? match.operationId);
  const contentType = exchange.headers.get('content-type');
  const problems = validator.validateResponse(
    { method: exchange.method, path: contractPath },
    exchange.status,
    exchange.text,
    {
      headers: exchange.headers,
      ...(contentType === null ? {} : { contentType }),
    },
  );
  const operationCheck = {
    name: `contract.${operationId ?? 'unknown'}`,
    title: `responses of ${operationId ?? 'unknown'} match the contract`,
  };

  if (exchange.status >= 400) {
    const statusProblems = problems.filter((p) => p.pointer === '/status');
    if (operationId !== undefined) {
      sink.inspected(operationCheck.name, operationCheck.title);
      for (const problem of statusProblems) {
        sink.failRule(operationCheck.name, operationCheck.title, exchange, problem);
      }
    }
    const bodyProblems = problems.filter(
      (p) => p.pointer !== '/status' && !REQUEST_POINTERS.has(p.pointer),
    );
    inspectErrorBody(sink, exchange, bodyProblems);
    return;
  }
  if (operationId === undefined) return;

  sink.inspected(operationCheck.name, operationCheck.title);
  for (const problem of problems) {
    if (REQUEST_POINTERS.has(problem.pointer)) continue;
    sink.failRule(operationCheck.name, operationCheck.title, exchange, problem);
  }
  if (operationId === 'getInventory' && exchange.status === 200) {
    inspectInventory(sink, exchange);
  }
}

/**
 * Reports a broken error body once, at the first place a client would
 * stumble, with the contract's other findings in that body as related.
 */
function inspectErrorBody(
  sink: RuleSink,
  exchange: Exchange,
  problems: readonly Problem[],
): void {
  sink.inspected(ERROR_BODY.name, ERROR_BODY.title);
  const shape = errorShapeProblem(exchange.body);
  if (shape === undefined) {
    for (const problem of problems) {
      sink.failRule(ERROR_BODY.name, ERROR_BODY.title, exchange, problem);
    }
    return;
  }

  const got =
    exchange.body === undefined && exchange.text !== ''
      ? `text that is not JSON (${describeValue(exchange.text)})`
      : shape.got;
  const related = problems
    .filter((p) => p.pointer !== shape.pointer)
    .map((p) => p.message);
  sink.failRule(ERROR_BODY.name, ERROR_BODY.title, exchange, {
    ...shape,
    got,
    ...(related.length === 0 ? {} : { related }),
  });
}

function inspectInventory(sink: RuleSink, exchange: Exchange): void {
  const query = inventoryQueryOf(exchange);
  if (query === undefined) return;

  // A status filter trims status_counts but leaves the totals whole.
  if (!exchange.query.some(([key]) => key === 'status')) {
    sink.inspected(TOTALS.name, TOTALS.title);
    for (const problem of checkInventoryTotals(exchange.body)) {
      sink.failRule(TOTALS.name, TOTALS.title, exchange, problem);
    }
  }
  sink.inspected(TOTAL.name, TOTAL.title);
  for (const problem of checkInventoryTotal(exchange.body, query)) {
    sink.failRule(TOTAL.name, TOTAL.title, exchange, problem);
  }
}

/** Reads cid, limit and offset back from the request that was sent. */
function inventoryQueryOf(exchange: Exchange): InventoryQuery | undefined {
  const cids: string[] = [];
  let limit = 30;
  let offset = 0;
  for (const [key, value] of exchange.query) {
    if (key === 'cid') cids.push(...value.split(','));
    else if (key === 'limit') limit = Number(value);
    else if (key === 'offset') offset = Number(value);
  }
  if (cids.length === 0) return undefined;
  if (!Number.isInteger(limit) || !Number.isInteger(offset)) return undefined;
  return { cids, limit, offset };
}

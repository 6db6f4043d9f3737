import { isRecord } from '../domain/adjustments.js';
import type { ErrorDetail } from '../server/errors.js';
import { compileRoute } from './route-pattern.js';
import { schemaProblems } from './schema.js';
import type { FaultRule, FaultRuleInput } from './types.js';

interface StoredRule {
  rule: FaultRule;
  matchesRoute: (path: string) => boolean;
}

/** Result of checking fault rules: the rules, or the problems with JSON pointers. */
export type RuleCheck = { rules: FaultRuleInput[]; details: [] } | { rules: []; details: ErrorDetail[] };

/**
 * Checks a list of fault rules against the schema and the rules the schema
 * cannot express (uniform bounds in order, unique ids). `scope` is the
 * account of a per-account route: a rule there may name only that account.
 */
export function checkRules(value: unknown, prefix: string, scope?: string): RuleCheck {
  if (!Array.isArray(value)) {
    return { rules: [], details: [{ field: prefix || '/', problem: 'must be a JSON array of fault rules' }] };
  }
  const details: ErrorDetail[] = [];
  const ids = new Set<string>();
  value.forEach((item, index) => {
    const at = `${prefix}/${index}`;
    const problems = schemaProblems('FaultRule', item, at);
    details.push(...problems);
    if (problems.length > 0 || !isRecord(item)) return;

    const rule = item as unknown as FaultRuleInput;
    if (rule.id !== undefined) {
      if (ids.has(rule.id)) details.push({ field: `${at}/id`, problem: `duplicate id '${rule.id}'` });
      ids.add(rule.id);
    }
    if (scope !== undefined && rule.account !== undefined && rule.account !== scope) {
      details.push({ field: `${at}/account`, problem: `a rule under /accounts/${scope} may only name account '${scope}'` });
    }
    const action = rule.action;
    if (action.type === 'latency' && action.distribution.kind === 'uniform') {
      const { min_ms, max_ms } = action.distribution;
      if (min_ms > max_ms) {
        details.push({ field: `${at}/action/distribution/max_ms`, problem: `must be at least min_ms (${min_ms})` });
      }
    }
  });
  if (details.length > 0) return { rules: [], details };
  return { rules: value as FaultRuleInput[], details: [] };
}

/**
 * The fault rules of one mock, in the order they are checked. A rule with an
 * `account` applies to that account only; the others apply to every account.
 */
export class FaultStore {
  #rules: StoredRule[] = [];
  #nextId = 1;

  /** Returns every rule, or the rules that name `account`. */
  list(account?: string): FaultRule[] {
    return this.#rules
      .filter((stored) => account === undefined || stored.rule.account === account)
      .map((stored) => structuredClone(stored.rule));
  }

  /** Rules that may apply to a request, in order. */
  candidates(method: string, route: string, account: string): FaultRule[] {
    const hits: FaultRule[] = [];
    for (const { rule, matchesRoute } of this.#rules) {
      if (rule.account !== undefined && rule.account !== account) continue;
      if (rule.method !== undefined && rule.method !== method) continue;
      if (rule.route !== undefined && !matchesRoute(route)) continue;
      if (rule.times !== undefined && rule.applied >= rule.times) continue;
      hits.push(rule);
    }
    return hits;
  }

  /**
   * Replaces every rule, or with `scope` only the rules of that account, and
   * returns the new rules. Ids must be unique across the whole store.
   */
  replace(rules: readonly FaultRuleInput[], scope?: string): { rules: FaultRule[]; details: ErrorDetail[] } {
    const otherRules = scope === undefined ? [] : this.#rules.filter((stored) => stored.rule.account !== scope);
    const details = duplicateIds(otherRules, rules, '');
    if (details.length > 0) return { rules: [], details };
    const usedIds = idsOf(otherRules, rules);
    const added = rules.map((input) => this.#store(input, scope, usedIds));
    this.#rules = [...otherRules, ...added];
    return { rules: added.map((stored) => structuredClone(stored.rule)), details: [] };
  }

  /** Appends one rule; returns it, or a problem when its id is taken. */
  add(input: FaultRuleInput, scope?: string): { rule?: FaultRule; details: ErrorDetail[] } {
    const details = duplicateIds(this.#rules, [input], undefined);
    if (details.length > 0) return { details };
    const stored = this.#store(input, scope, idsOf(this.#rules, [input]));
    this.#rules.push(stored);
    return { rule: structuredClone(stored.rule), details: [] };
  }

  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((stored) => stored.rule.id !== id);
    return this.#rules.length < before;
  }

  /** Removes every rule, or with `account` only the rules of that account. */
  clear(account?: string): number {
    const before = this.#rules.length;
    this.#rules = account === undefined ? [] : this.#rules.filter((stored) => stored.rule.account !== account);
    return before - this.#rules.length;
  }

  /** Starts over with these rules, numbering new ids from 1 again. */
  reset(rules: readonly FaultRuleInput[]): void {
    this.#nextId = 1;
    const usedIds = idsOf([], rules);
    this.#rules = rules.map((input) => this.#store(input, undefined, usedIds));
  }

  /** Stores a copy of a checked rule. `usedIds` contains every id in use and gains the new one. */
  #store(input: FaultRuleInput, scope: string | undefined, usedIds: Set<string>): StoredRule {
    const copy = structuredClone(input);
    let id = copy.id;
    while (id === undefined || (copy.id === undefined && usedIds.has(id))) {
      id = `fault-${this.#nextId++}`;
    }
    usedIds.add(id);
    const account = scope ?? copy.account;
    const rule: FaultRule = {
      ...copy,
      id,
      ...(account === undefined ? {} : { account }),
      applied: 0,
    };
    return { rule, matchesRoute: compileRoute(rule.route ?? '/**') };
  }
}

/** Ids of the stored rules and the explicit ids of the new ones. */
function idsOf(existing: readonly StoredRule[], rules: readonly FaultRuleInput[]): Set<string> {
  const ids = new Set(existing.map((stored) => stored.rule.id));
  for (const rule of rules) if (rule.id !== undefined) ids.add(rule.id);
  return ids;
}

function duplicateIds(existing: readonly StoredRule[], rules: readonly FaultRuleInput[], prefix?: string): ErrorDetail[] {
  const taken = new Set(existing.map((stored) => stored.rule.id));
  const details: ErrorDetail[] = [];
  rules.forEach((rule, index) => {
    if (rule.id === undefined || !taken.has(rule.id)) return;
    const field = prefix === undefined ? '/id' : `${prefix}/${index}/id`;
    details.push({ field, problem: `a fault rule with id '${rule.id}' already exists; pick another id or delete it first` });
  });
  return details;
}

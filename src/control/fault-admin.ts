import { ApiError, type ErrorDetail } from '../server/errors.js';
import type { ServerContext } from '../server/route.js';
import { checkRules } from './faults.js';
import type { FaultRule } from './types.js';

/** Replaces every fault rule, or with `scope` that account's rules; throws a 400 naming each bad field. */
export function replaceRules(server: ServerContext, body: unknown, scope?: string): FaultRule[] {
  const check = checkRules(body, '', scope);
  if (check.details.length > 0) throw invalid(check.details);
  const result = server.control.faults.replace(check.rules, scope);
  if (result.details.length > 0) throw invalid(result.details);
  server.control.logger.info({ account: scope, rules: result.rules.length }, 'fault rules replaced');
  return result.rules;
}

/** Adds one fault rule; throws a 400 naming each bad field. */
export function addRule(server: ServerContext, body: unknown, scope?: string): FaultRule {
  const check = checkRules([body], '', scope);
  const details = check.details.map((detail) => ({ ...detail, field: detail.field.replace(/^\/0/, '') || '/' }));
  if (details.length > 0) throw invalid(details);
  const rule = check.rules[0];
  if (!rule) throw invalid([{ field: '/', problem: 'a fault rule is required' }]);
  const { rule: added, details: clash } = server.control.faults.add(rule, scope);
  if (!added) throw invalid(clash);
  server.control.logger.info({ account: added.account, fault: added.id, type: added.action.type }, 'fault rule added');
  return added;
}

/** Deletes one fault rule by id; throws 404 FAULT_NOT_FOUND for an unknown id. */
export function removeRule(server: ServerContext, id: string): void {
  if (!server.control.faults.remove(id)) {
    throw new ApiError('FAULT_NOT_FOUND', `no fault rule with id '${id}'; GET /__admin/faults lists them`);
  }
  server.control.logger.info({ fault: id }, 'fault rule removed');
}

function invalid(details: ErrorDetail[]): ApiError {
  const first = details[0];
  return new ApiError('INVALID_BODY', `invalid fault rule: ${first?.field} ${first?.problem}`, { details });
}

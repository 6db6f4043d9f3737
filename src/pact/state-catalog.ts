import { isStoredStatus, STORED_STATUSES, type StoredStatus } from '../domain/statuses.js';

/** How a provider state parameter is checked and converted. */
export type StateParamKind = 'account' | 'identifier' | 'quantity' | 'status' | 'uuid' | 'url';

export interface StateParam {
  name: string;
  kind: StateParamKind;
  required: boolean;
  description: string;
}

export type StateId =
  | 'account-exists'
  | 'sku-count'
  | 'location-missing'
  | 'no-snapshot-running'
  | 'snapshot-running'
  | 'snapshot-ready-callback'
  | 'inventory-change-callback';

/** One provider state the mock can set up, named as Pact's `given(...)` sends it. */
export interface StateDefinition {
  id: StateId;
  /** The name with `{param}` placeholders, such as `account {account} exists`. */
  name: string;
  description: string;
  params: StateParam[];
}

const ACCOUNT_PARAM: StateParam = {
  name: 'account',
  kind: 'account',
  required: false,
  description: "account slug; the verifier's --account, or else the mock's first account, when left out",
};

/** Every provider state, in the order the docs list them. */
export const PROVIDER_STATES: readonly StateDefinition[] = [
  {
    id: 'account-exists',
    name: 'account {account} exists',
    description:
      'Resets the account to its fixture; an account the mock does not have is created as a copy of its first fixture account.',
    params: [{ ...ACCOUNT_PARAM, required: true, description: 'account slug' }],
  },
  {
    id: 'sku-count',
    name: 'SKU {cid} has {quantity} {status} at location {location_id}',
    description:
      'Sets one count through an adjustment with new_quantity. A missing SKU is created with default catalog fields, ' +
      'a missing location with a placeholder address.',
    params: [
      { name: 'cid', kind: 'identifier', required: true, description: 'customer_identifier of the SKU' },
      { name: 'quantity', kind: 'quantity', required: true, description: 'whole number of units, 0 or more' },
      { name: 'status', kind: 'status', required: true, description: `stored status: ${STORED_STATUSES.join(', ')}` },
      { name: 'location_id', kind: 'uuid', required: true, description: 'id of the location (uuid)' },
      ACCOUNT_PARAM,
    ],
  },
  {
    id: 'location-missing',
    name: 'location {location_id} does not exist',
    description: 'Checks that no location of the account has this id; fails when one has.',
    params: [{ name: 'location_id', kind: 'uuid', required: true, description: 'a uuid' }, ACCOUNT_PARAM],
  },
  {
    id: 'no-snapshot-running',
    name: 'no snapshot is running',
    description: 'Cancels the running snapshot job, if any, as failed.',
    params: [ACCOUNT_PARAM],
  },
  {
    id: 'snapshot-running',
    name: 'a snapshot is running',
    description: 'Starts a full snapshot job that stays processing until teardown, unless one is running already.',
    params: [ACCOUNT_PARAM],
  },
  {
    id: 'snapshot-ready-callback',
    name: 'a snapshotReady callback is registered',
    description: "Registers a snapshotReady callback URL, by default a sink on the mock that responds with 204.",
    params: [{ name: 'url', kind: 'url', required: false, description: 'callback URL on a loopback host' }, ACCOUNT_PARAM],
  },
  {
    id: 'inventory-change-callback',
    name: 'a skuInventoryChange callback is registered',
    description: 'Registers a skuInventoryChange callback URL, by default a sink on the mock that responds with 204.',
    params: [{ name: 'url', kind: 'url', required: false, description: 'callback URL on a loopback host' }, ACCOUNT_PARAM],
  },
];

export type StateValue = string | number;

/** A state name matched to its definition, with checked parameter values. */
export interface MatchedState {
  definition: StateDefinition;
  values: Record<string, StateValue>;
}

/** Why a state name or its parameters were not accepted. */
export interface StateProblem {
  /** `state` for an unknown name, else `params.<name>`. */
  field: string;
  problem: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /\{([a-z_]+)\}/g;

interface CompiledState {
  definition: StateDefinition;
  pattern: RegExp;
  /** Parameter names in the order their placeholders appear in the name. */
  placeholders: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Turns `SKU {cid} has ...` into a pattern that captures each placeholder's text. */
function compile(definition: StateDefinition): CompiledState {
  const placeholders: string[] = [];
  let source = '';
  let last = 0;
  for (const match of definition.name.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(definition.name.slice(last, match.index));
    source += '(.+?)';
    placeholders.push(match[1] as string);
    last = match.index + match[0].length;
  }
  source += escapeRegExp(definition.name.slice(last));
  return { definition, pattern: new RegExp(`^${source}$`), placeholders };
}

const COMPILED = PROVIDER_STATES.map(compile);

/**
 * Matches a state name to its definition. A name may keep its placeholders
 * (`SKU {cid} has ...`, values in `params`) or have them filled in
 * (`SKU sku001 has 40 available at location <uuid>`); a value given both ways
 * must agree. Returns the problem for an unknown name or a bad value.
 */
export function matchProviderState(name: string, params: Record<string, unknown>): MatchedState | StateProblem {
  for (const compiled of COMPILED) {
    const match = compiled.pattern.exec(name);
    if (!match) continue;
    const fromName = new Map<string, string>();
    compiled.placeholders.forEach((param, index) => {
      const text = match[index + 1] as string;
      if (text !== `{${param}}`) fromName.set(param, text);
    });
    return resolveValues(compiled.definition, fromName, params);
  }
  return {
    field: 'state',
    problem: `unknown provider state '${name}'; the mock sets up: ${PROVIDER_STATES.map((state) => `'${state.name}'`).join(', ')}`,
  };
}

function resolveValues(
  definition: StateDefinition,
  fromName: Map<string, string>,
  params: Record<string, unknown>,
): MatchedState | StateProblem {
  const known = new Set(definition.params.map((param) => param.name));
  const extra = Object.keys(params).find((key) => !known.has(key));
  if (extra !== undefined) {
    return {
      field: `params.${extra}`,
      problem: `state '${definition.name}' takes no parameter '${extra}'; it takes ${[...known].join(', ')}`,
    };
  }

  const values: Record<string, StateValue> = {};
  for (const param of definition.params) {
    const named = fromName.get(param.name);
    const given = params[param.name];
    if (named !== undefined && given !== undefined && String(given) !== named) {
      return {
        field: `params.${param.name}`,
        problem: `the state name gives ${param.name} '${named}' but params.${param.name} is ${JSON.stringify(given)}`,
      };
    }
    const raw = named ?? given;
    if (raw === undefined) {
      if (param.required) {
        return { field: `params.${param.name}`, problem: `state '${definition.name}' needs ${param.name}: ${param.description}` };
      }
      continue;
    }
    const checked = checkValue(param, raw);
    if (typeof checked === 'object') return checked;
    values[param.name] = checked;
  }
  return { definition, values };
}

function checkValue(param: StateParam, raw: unknown): StateValue | StateProblem {
  const field = `params.${param.name}`;
  const bad = (problem: string): StateProblem => ({ field, problem: `${param.name} ${problem}, got ${JSON.stringify(raw)}` });
  switch (param.kind) {
    case 'quantity': {
      const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return bad('must be a whole number of 0 or more');
      return value;
    }
    case 'status':
      if (!isStoredStatus(raw)) return bad(`must be a stored status (${STORED_STATUSES.join(', ')})`);
      return raw satisfies StoredStatus;
    case 'uuid':
      if (typeof raw !== 'string' || !UUID.test(raw)) return bad('must be a uuid');
      return raw;
    case 'account':
    case 'identifier':
    case 'url':
      if (typeof raw !== 'string' || raw.trim() === '') return bad('must be a non-empty string');
      if (raw.length > 255) return bad('must be at most 255 characters');
      return raw;
  }
}

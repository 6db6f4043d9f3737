import { PROVIDER_STATES } from './state-catalog.js';
import { AdminCallError, callAdmin, PROVIDER_STATES_PATH, type ProviderTarget } from './target.js';

/**
 * Path on which pact-js 16.5's verification proxy takes the verifier's
 * state-change requests (`Verifier.stateSetupPath`, a private field).
 */
export const PACT_STATE_PATH = '/_pactSetup';

/** A state handler, shaped as pact-js's verifier takes it (its own types are not exported). */
export type StateFunction = (params?: Record<string, unknown>) => Promise<Record<string, unknown> | undefined>;
export type StateHandler = StateFunction | { setup?: StateFunction; teardown?: StateFunction };
export type StateHandlers = Record<string, StateHandler>;

/** The verifier's state-change body. */
export interface ProviderState {
  state: string;
  params?: Record<string, unknown>;
  action: 'setup' | 'teardown';
}

/** The parts of pact-js's Express request and response that the filter uses. */
interface FilterRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

interface FilterResponse {
  status(code: number): FilterResponse;
  json(body: unknown): unknown;
}

export type ProxyRequestFilter = (req: FilterRequest, res: FilterResponse, next: () => void) => void;

/** A state change that failed, for the verification report. */
export interface StateFailure {
  state: string;
  action: 'setup' | 'teardown';
  status: number;
  message: string;
}

/** Sends one state change to the mock's provider-state route and returns the values it set up. */
export async function postStateChange(target: ProviderTarget, change: ProviderState): Promise<Record<string, unknown>> {
  const query = target.account === undefined ? '' : `?account=${encodeURIComponent(target.account)}`;
  return callAdmin(target, 'POST', `${PROVIDER_STATES_PATH}${query}`, {
    state: change.state,
    params: change.params ?? {},
    action: change.action,
  });
}

/**
 * State handlers keyed by the exact names of the mock's provider states,
 * each setting the state up (and tearing it down) through
 * POST `/__admin/provider-states`. A failed call throws its error.
 */
export function createStateHandlers(target: ProviderTarget): StateHandlers {
  const handlers: StateHandlers = {};
  for (const definition of PROVIDER_STATES) {
    const run =
      (action: 'setup' | 'teardown'): StateFunction =>
      (params) =>
        postStateChange(target, { state: definition.name, params: params ?? {}, action });
    handlers[definition.name] = { setup: run('setup'), teardown: run('teardown') };
  }
  return handlers;
}

function runHandler(handler: StateHandler, change: ProviderState): Promise<unknown> {
  if (typeof handler === 'function') return change.action === 'setup' ? handler(change.params) : Promise.resolve(undefined);
  const step = change.action === 'setup' ? handler.setup : handler.teardown;
  return step ? step(change.params) : Promise.resolve(undefined);
}

export interface VerificationFilterOptions {
  target: ProviderTarget;
  handlers: StateHandlers;
  /** Receives every failed state change. */
  failures: StateFailure[];
  /** Receives warnings, such as states skipped on a provider that is not an inventory-mock. */
  warn: (message: string) => void;
}

/**
 * Builds the verification proxy's request filter. It does two things:
 *
 * - It runs state changes itself. pact-js 16.5 responds with 200 to the verifier
 *   when a state handler throws and only logs a warning for a state without
 *   a handler, so a failed or unknown state would let the interaction run as
 *   if it had been set up. Here a handler's failure becomes the state
 *   change's status (the verifier then fails the interaction), and a state
 *   without a handler goes to the mock, whose 400 names it. On a failed
 *   setup, the states already set up for the interaction are torn down,
 *   because the verifier sends no teardown then.
 * - It replaces the `Authorization` header of API requests that carry one
 *   with a fresh token for the account in the path, so recorded tokens need
 *   not be valid. Requests without the header keep going without one.
 */
export function verificationFilter(options: VerificationFilterOptions): ProxyRequestFilter {
  const { target, handlers, failures, warn } = options;
  const active: ProviderState[] = [];
  const warned = new Set<string>();

  const change = async (state: ProviderState): Promise<unknown> => {
    const handler = handlers[state.state];
    if (handler) return runHandler(handler, state);
    if (target.isMock) return postStateChange(target, state);
    if (!warned.has(state.state)) {
      warned.add(state.state);
      warn(`provider state '${state.state}' skipped: ${target.url} is not an inventory-mock, so nothing sets it up`);
    }
    return undefined;
  };

  return (req, res, next) => {
    if (req.method === 'POST' && req.path === PACT_STATE_PATH) {
      const state = req.body as ProviderState;
      // The verifier sends a change with an empty name for an interaction that has no provider state.
      if (typeof state?.state !== 'string' || state.state === '') {
        res.json({});
        return;
      }
      change(state).then(
        (result) => {
          const index = active.findIndex((entry) => entry.state === state.state);
          if (state.action === 'setup') active.push(state);
          else if (index >= 0) active.splice(index, 1);
          res.json(result ?? {});
        },
        async (error: unknown) => {
          const status = error instanceof AdminCallError ? error.status : 500;
          const message = (error as Error).message;
          failures.push({ state: state.state, action: state.action, status, message });
          if (state.action === 'setup') await tearDown(active.splice(0));
          res.status(status).json({ message: `provider state '${state.state}' failed: ${message}` });
        },
      );
      return;
    }

    const account = /^\/([^/]+)\/api\/v1(?:\/|$)/.exec(req.path)?.[1];
    if (account === undefined || req.headers.authorization === undefined) {
      next();
      return;
    }
    target.token(decodeURIComponent(account)).then(
      (token) => {
        if (token !== undefined) req.headers.authorization = `Bearer ${token}`;
        next();
      },
      (error: unknown) => {
        warn(`no fresh token for account '${account}': ${(error as Error).message}; the pact's own header is sent`);
        next();
      },
    );
  };

  async function tearDown(states: ProviderState[]): Promise<void> {
    for (const state of states.reverse()) {
      await change({ ...state, action: 'teardown' }).catch(() => undefined);
    }
  }
}

import type { AccountFixture } from '../engine/fixture-format.js';
import { ApiError } from '../server/errors.js';
import type { ServerContext } from '../server/route.js';
import { addAccount, loadState, removeAccount, requireAccount, resetAccount, type AddAccountRequest, type AddedAccount } from './accounts.js';
import { applyClockUpdate, clockView, readClockUpdate, updateAllClocks, type ClockView } from './clock.js';
import { addRule, removeRule, replaceRules } from './fault-admin.js';
import { readFilter } from './request-filter.js';
import { readSecretBody } from './secret.js';
import { applySettings, checkSettings, settingsObject, type SettingsKind } from './settings.js';
import { accountSummary, dumpAccount, type AccountSummary } from './state.js';
import type { FaultRule, FaultRuleInput, JournalEntry, RequestFilter } from './types.js';

/** The mock's clock, or one account's clock when `account` is given. */
export interface AdminClock {
  get(account?: string): ClockView;
  /** Sets the time (RFC 3339), keeping the mode. */
  set(at: string, account?: string): ClockView;
  advance(ms: number, account?: string): ClockView;
  /** Stops the clock, at `at` or at the current time. */
  manual(at?: string, account?: string): ClockView;
  /** Lets the clock run on from its current reading. */
  real(account?: string): ClockView;
}

/**
 * The control plane as typed calls on a running mock, the same operations
 * as the `/__admin/` routes, run in-process. Bad input throws the ApiError
 * that the route would respond with.
 *
 * @example
 * const mock = await startMock({ manualClock: '2026-12-04T12:00:00Z' });
 * mock.admin.setFaults([{ route: '/inventory', action: { type: 'error', status: 503 } }]);
 * mock.admin.clock.advance(1000);
 */
export interface AdminClient {
  /** Rebuilds every account from the fixture; faults, journal and clocks go back to their defaults. */
  reset(options?: { seed?: number }): AccountSummary[];
  accounts(): AccountSummary[];
  addAccount(request: AddAccountRequest): AddedAccount;
  removeAccount(slug: string): void;
  resetAccount(slug: string): AccountSummary;
  state(slug: string): AccountFixture;
  loadState(slug: string, fixture: AccountFixture): AccountSummary;
  secret(slug: string): string;
  setSecret(slug: string, secret: string): void;
  faults(account?: string): FaultRule[];
  setFaults(rules: FaultRuleInput[], account?: string): FaultRule[];
  addFault(rule: FaultRuleInput, account?: string): FaultRule;
  removeFault(id: string): void;
  clearFaults(account?: string): void;
  requests(filter?: RequestFilter): JournalEntry[];
  clearRequests(account?: string): void;
  clock: AdminClock;
  /** Reads, or with `patch` changes, an account's callback engine settings. */
  callbackSettings(slug: string, patch?: Record<string, unknown>): Record<string, unknown>;
  snapshotSettings(slug: string, patch?: Record<string, unknown>): Record<string, unknown>;
}

export function createAdminClient(server: ServerContext): AdminClient {
  const control = server.control;
  const changeClock = (body: Record<string, unknown>, account?: string): ClockView => {
    const update = readClockUpdate(body);
    if (account === undefined) return updateAllClocks(server, update);
    const clock = requireAccount(server, account).clock;
    applyClockUpdate(clock, update);
    return clockView(clock);
  };
  const settings = (kind: SettingsKind, slug: string, patch?: Record<string, unknown>) => {
    const account = requireAccount(server, slug);
    if (patch !== undefined) return applySettings(server, kind, account, checkSettings(kind, patch));
    const current = settingsObject(server, kind, account);
    if (!current) throw new ApiError('ROUTE_NOT_FOUND', `the ${kind} engine of this build has no settings`);
    return { ...current };
  };

  return {
    reset: (options = {}) => {
      control.reset(options.seed);
      return [...server.mock.accounts.values()].map(accountSummary);
    },
    accounts: () => [...server.mock.accounts.values()].map(accountSummary),
    addAccount: (request) => addAccount(server, request),
    removeAccount: (slug) => removeAccount(server, slug),
    resetAccount: (slug) => resetAccount(server, slug),
    state: (slug) => dumpAccount(requireAccount(server, slug)),
    loadState: (slug, fixture) => loadState(server, slug, fixture),
    secret: (slug) => requireAccount(server, slug).callbackSecret,
    setSecret: (slug, secret) => {
      requireAccount(server, slug).callbackSecret = readSecretBody({ callback_secret: secret });
    },
    faults: (account) => control.faults.list(account),
    setFaults: (rules, account) => replaceRules(server, rules, account),
    addFault: (rule, account) => addRule(server, rule, account),
    removeFault: (id) => removeRule(server, id),
    clearFaults: (account) => void control.faults.clear(account),
    requests: (filter = {}) => control.journal.query(readFilter({ ...filter })).data,
    clearRequests: (account) => control.journal.clear(account),
    clock: {
      get: (account) => clockView(account === undefined ? server.mock.clock : requireAccount(server, account).clock),
      set: (at, account) => changeClock({ at }, account),
      advance: (ms, account) => changeClock({ advance_ms: ms }, account),
      manual: (at, account) => changeClock({ mode: 'manual', ...(at === undefined ? {} : { at }) }, account),
      real: (account) => changeClock({ mode: 'real' }, account),
    },
    callbackSettings: (slug, patch) => settings('callbacks', slug, patch),
    snapshotSettings: (slug, patch) => settings('snapshots', slug, patch),
  };
}

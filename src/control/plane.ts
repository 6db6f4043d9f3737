import type { Logger } from 'pino';
import { formatRfc3339, MICROS_PER_MS, parseRfc3339 } from '../domain/time.js';
import type { Account } from '../engine/account.js';
import type { AccountFixture } from '../engine/fixture-format.js';
import { deriveSeed } from '../engine/ids.js';
import type { AccountExtension } from '../engine/mock.js';
import type { ServerContext } from '../server/route.js';
import type { Clock } from '../simulation/clock.js';
import { decide, type Decision } from './decide.js';
import { FaultStore } from './faults.js';
import { Journal } from './journal.js';
import { Dice } from './random.js';
import { RateWindows } from './rate-limit.js';
import { applySettings, type SettingsKind } from './settings.js';
import type { CallbackSettingsInput, ClockSetting, FaultRuleInput, SnapshotSettingsInput } from './types.js';

/** Start-up settings, which every reset restores. */
export interface ControlDefaults {
  faults: FaultRuleInput[];
  /** Undefined means the real clock with no offset. */
  clock?: ClockSetting;
  callbacks: CallbackSettingsInput;
  snapshots: SnapshotSettingsInput;
  /** Accounts of the loaded fixture, which an account reset rebuilds from. */
  fixtureAccounts: AccountFixture[];
}

/** A request held back by a fault, which detaching its account releases. */
interface HeldRequest {
  release: () => void;
}

/** Per-account fault state: seeded dice, rate-limit windows, held requests. */
interface AccountControl {
  dice: Dice;
  windows: RateWindows;
  held: Set<HeldRequest>;
}

/**
 * The control plane of one mock: fault rules, the request journal, and the
 * per-account state they need. It is attached to every account, and a reset
 * returns everything to the defaults the mock started with.
 */
export class ControlPlane implements AccountExtension {
  readonly faults = new FaultStore();
  readonly journal = new Journal();
  readonly logger: Logger;
  readonly #server: ServerContext;
  readonly #accounts = new Map<string, AccountControl>();
  #defaults: ControlDefaults = { faults: [], callbacks: {}, snapshots: {}, fixtureAccounts: [] };
  /** Settings given to accounts as they are added; a global settings PUT changes them. */
  readonly settingsForNewAccounts: { callbacks: CallbackSettingsInput; snapshots: SnapshotSettingsInput } = {
    callbacks: {},
    snapshots: {},
  };
  /** The fixture each account was last built from, for an account reset. */
  readonly origins = new Map<string, AccountFixture>();
  /** Counts accounts added with a generated slug since the last reset. */
  generatedAccounts = 0;

  constructor(server: ServerContext) {
    this.#server = server;
    this.logger = server.logger.child({ component: 'control' });
  }

  attach(account: Account): void {
    const seed = deriveSeed(this.#server.mock.seed, `faults:${account.slug}`);
    this.#accounts.set(account.slug, { dice: new Dice(seed), windows: new RateWindows(), held: new Set() });
  }

  detach(account: Account): void {
    const state = this.#accounts.get(account.slug);
    this.#accounts.delete(account.slug);
    if (!state) return;
    if (state.held.size > 0) this.logger.info({ account: account.slug, requests: state.held.size }, 'releasing held requests');
    for (const request of [...state.held]) request.release();
  }

  /**
   * Installs the start-up settings and applies the rules and clock. Engine
   * settings reach each account when it attaches (see attachControl).
   */
  configure(defaults: ControlDefaults): void {
    this.#defaults = structuredClone(defaults);
    const clock = this.#defaults.clock;
    // A manual clock without a time stops at the start-up time, and every reset returns there.
    if (clock?.mode === 'manual' && clock.at === undefined) clock.at = formatRfc3339(this.#server.mock.clock.now());
    this.faults.reset(this.#defaults.faults);
    this.#restoreSettings();
    this.#restoreOrigins();

    const mock = this.#server.mock;
    this.applyDefaultClock(mock.clock);
    for (const account of mock.accounts.values()) this.applyDefaultClock(account.clock);
  }

  /** Rebuilds every account from the fixture and returns faults, journal and clocks to their defaults. */
  reset(seed?: number): void {
    this.faults.reset(this.#defaults.faults);
    this.journal.reset();
    this.generatedAccounts = 0;
    this.#restoreSettings();
    this.#restoreOrigins();
    this.applyDefaultClock(this.#server.mock.clock);
    // Rebuilt accounts copy the mock's clock and get fresh dice as they attach.
    this.#server.mock.reset(seed);
    this.logger.info({ seed: this.#server.mock.seed, accounts: this.#server.mock.accounts.size }, 'mock reset');
  }

  /** Fault rules of the start-up settings that name this account. */
  defaultRulesFor(slug: string): FaultRuleInput[] {
    return structuredClone(this.#defaults.faults.filter((rule) => rule.account === slug));
  }

  /** Sets a clock to the start-up mode and time. */
  applyDefaultClock(clock: Clock): void {
    const setting = this.#defaults.clock;
    const at = setting?.at === undefined ? undefined : parseRfc3339(setting.at);
    if (setting?.mode === 'manual') clock.setManual(at ?? clock.now());
    else clock.setReal(at ?? Date.now() * MICROS_PER_MS);
  }

  /** Gives an account the settings for new accounts; called once the engines have attached it. */
  applyAccountSettings(kind: SettingsKind, account: Account): void {
    const patch = this.settingsForNewAccounts[kind];
    if (Object.keys(patch).length === 0) return;
    try {
      applySettings(this.#server, kind, account, patch);
    } catch (error) {
      // An engine without these settings must not stop the account from loading.
      this.logger.warn({ err: error, account: account.slug, kind }, 'could not apply settings');
    }
  }

  /** Decides what the fault rules do to one API request of an account. */
  decide(account: Account, method: string, route: string): Decision {
    const state = this.#stateOf(account);
    const rules = this.faults.candidates(method, route, account.slug);
    if (rules.length === 0) return { latencyMs: 0, applied: [] };
    return decide(rules, state.dice, state.windows, account.clock.now());
  }

  /**
   * Holds a request until `done` settles it or its account is detached
   * (reset, reload, removal, shutdown), which calls `onRelease`.
   */
  hold(account: Account, onRelease: () => void): { done: () => void } {
    const state = this.#stateOf(account);
    const request: HeldRequest = {
      release: () => {
        state.held.delete(request);
        onRelease();
      },
    };
    state.held.add(request);
    return { done: () => state.held.delete(request) };
  }

  /** Requests of an account that a latency or hang fault is holding back now. */
  heldRequests(slug: string): number {
    return this.#accounts.get(slug)?.held.size ?? 0;
  }

  #stateOf(account: Account): AccountControl {
    let state = this.#accounts.get(account.slug);
    if (!state) {
      this.attach(account);
      state = this.#accounts.get(account.slug) as AccountControl;
    }
    return state;
  }

  #restoreSettings(): void {
    this.settingsForNewAccounts.callbacks = structuredClone(this.#defaults.callbacks);
    this.settingsForNewAccounts.snapshots = structuredClone(this.#defaults.snapshots);
  }

  #restoreOrigins(): void {
    this.origins.clear();
    for (const fixture of this.#defaults.fixtureAccounts) this.origins.set(fixture.slug, fixture);
  }
}

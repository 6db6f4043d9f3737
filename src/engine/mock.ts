import { readFileSync } from 'node:fs';
import { Clock } from '../simulation/clock.js';
import type { Account } from './account.js';
import { FixtureError } from './errors.js';
import type { AccountFixture, FixtureFile } from './fixture-format.js';
import { loadAccount } from './load.js';
import { validateFixture } from './fixture-schema.js';

/** The embedded default fixture, shipped with the package. */
export const DEFAULT_FIXTURE_URL = new URL('../../fixtures/default.json', import.meta.url);

export const DEFAULT_SEED = 1;

/** Something attached to every account, such as the callback engine. */
export interface AccountExtension {
  attach(account: Account): void;
  detach(account: Account): void;
}

/** Reads and validates a fixture file; a bad file throws a FixtureError naming the field. */
export function readFixtureFile(path: string | URL): FixtureFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FixtureError('', `cannot read fixture ${String(path)}: ${(error as Error).message}`);
  }
  return validateFixture(parsed);
}

/**
 * The registry of accounts of one running mock. It keeps the loaded fixture so
 * that a reset can rebuild every account from it.
 */
export class Mock {
  readonly accounts = new Map<string, Account>();
  readonly extensions: AccountExtension[] = [];
  /** The clock new accounts copy their mode and time from. */
  readonly clock = new Clock();
  #fixture: FixtureFile;
  #seed: number;

  constructor(options: { fixture: FixtureFile; seed?: number }) {
    this.#fixture = options.fixture;
    this.#seed = options.seed ?? DEFAULT_SEED;
    this.#loadAll();
  }

  get seed(): number {
    return this.#seed;
  }

  account(slug: string): Account | undefined {
    return this.accounts.get(slug);
  }

  /** Adds an account from its fixture; an existing slug is replaced. */
  addAccount(fixture: AccountFixture): Account {
    const existing = this.accounts.get(fixture.slug);
    if (existing) this.#detach(existing);

    const clock = new Clock();
    if (this.clock.mode === 'manual') clock.setManual(this.clock.now());
    else clock.setReal(this.clock.now());

    const account = loadAccount(fixture, { clock, seed: this.#seed });
    this.accounts.set(account.slug, account);
    for (const extension of this.extensions) extension.attach(account);
    return account;
  }

  removeAccount(slug: string): boolean {
    const account = this.accounts.get(slug);
    if (!account) return false;
    this.#detach(account);
    this.accounts.delete(slug);
    return true;
  }

  use(extension: AccountExtension): void {
    this.extensions.push(extension);
    for (const account of this.accounts.values()) extension.attach(account);
  }

  /** Rebuilds every account from the loaded fixture, optionally with a new seed. */
  reset(seed?: number): void {
    if (seed !== undefined) this.#seed = seed;
    for (const account of this.accounts.values()) this.#detach(account);
    this.accounts.clear();
    this.#loadAll();
  }

  close(): void {
    for (const account of this.accounts.values()) this.#detach(account);
    this.clock.clear();
  }

  #loadAll(): void {
    this.#fixture.accounts.forEach((fixture) => this.addAccount(fixture));
  }

  #detach(account: Account): void {
    for (const extension of this.extensions) extension.detach(account);
    account.clock.clear();
  }
}

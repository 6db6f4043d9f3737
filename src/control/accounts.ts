import { isRecord } from '../domain/adjustments.js';
import { formatRfc3339 } from '../domain/time.js';
import type { Account } from '../engine/account.js';
import { FixtureError } from '../engine/errors.js';
import type { AccountFixture } from '../engine/fixture-format.js';
import { validateAccountFixture } from '../engine/fixture-schema.js';
import { deriveSeed } from '../engine/ids.js';
import { loadAccount } from '../engine/load.js';
import { ApiError } from '../server/errors.js';
import type { ServerContext } from '../server/route.js';
import { Clock } from '../simulation/clock.js';
import { generateAccount } from '../simulation/fixture-generator.js';
import { allowKeys } from './body.js';
import { Dice } from './random.js';
import { accountSummary, type AccountSummary } from './state.js';

/** Most SKUs one generated account may have when added over HTTP. */
export const MAX_GENERATED_SKUS = 100_000;

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Body of `POST /__admin/accounts`: a fixture, or generator settings. */
export type AddAccountRequest =
  | { fixture: AccountFixture; slug?: string }
  | { generate: { skus: number; seed?: number; locations?: number; kits?: number }; slug?: string };

export interface AddedAccount extends AccountSummary {
  callback_secret: string;
}

/** Looks an account up; throws 404 ACCOUNT_NOT_FOUND naming the slug. */
export function requireAccount(server: ServerContext, slug: string): Account {
  const account = server.mock.account(slug);
  if (!account) throw new ApiError('ACCOUNT_NOT_FOUND', `account '${slug}' not found; GET /__admin/accounts lists them`);
  return account;
}

/** Adds an account from a fixture or the generator. A missing slug is generated. */
export function addAccount(server: ServerContext, body: unknown): AddedAccount {
  if (!isRecord(body)) throw ApiError.field('INVALID_BODY', '/', 'the body must be a JSON object {fixture} or {generate, slug?}');
  allowKeys(body, ['fixture', 'generate', 'slug']);
  if ((body.fixture === undefined) === (body.generate === undefined)) {
    throw ApiError.field('INVALID_BODY', '/', 'give exactly one of fixture and generate');
  }
  if (body.slug !== undefined && (typeof body.slug !== 'string' || !SLUG.test(body.slug))) {
    throw ApiError.field('INVALID_BODY', '/slug', 'slug must be 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit');
  }

  let fixture: AccountFixture;
  if (body.fixture !== undefined) {
    if (!isRecord(body.fixture)) throw ApiError.field('INVALID_BODY', '/fixture', 'fixture must be a JSON object');
    const slug = (body.slug as string | undefined) ?? (body.fixture.slug === undefined ? uniqueSlug(server) : undefined);
    fixture = checkFixture(slug === undefined ? body.fixture : { ...body.fixture, slug }, '/fixture');
  } else {
    const slug = (body.slug as string | undefined) ?? uniqueSlug(server);
    fixture = generated(server, slug, body.generate);
  }

  if (server.mock.account(fixture.slug)) {
    throw new ApiError('ACCOUNT_EXISTS', `account '${fixture.slug}' already exists; pick another slug or DELETE it first`);
  }
  const account = build(server, fixture, '/fixture');
  server.control.logger.info({ account: account.slug, skus: account.skuCount }, 'account added');
  return { ...accountSummary(account), callback_secret: account.callbackSecret };
}

/** Replaces an account's catalog and counts with a fixture, keeping its clock and, unless given, its secret. */
export function loadState(server: ServerContext, slug: string, body: unknown): AccountSummary {
  const current = requireAccount(server, slug);
  if (!isRecord(body)) throw ApiError.field('INVALID_BODY', '/', 'the body must be an account fixture object');
  if (body.slug !== undefined && body.slug !== slug) {
    throw ApiError.field('INVALID_BODY', '/slug', `the fixture is for account '${String(body.slug)}', not '${slug}'`);
  }
  const checked = checkFixture({ ...body, slug }, '');
  const fixture = checked.callback_secret === undefined ? { ...checked, callback_secret: current.callbackSecret } : checked;

  const clock = { mode: current.clock.mode, now: current.clock.now() };
  const account = build(server, fixture, '');
  if (clock.mode === 'manual') account.clock.setManual(clock.now);
  else account.clock.setReal(clock.now);
  server.control.logger.info({ account: slug, skus: account.skuCount }, 'account state loaded');
  return accountSummary(account);
}

/** Removes an account with its fault rules and journal entries. */
export function removeAccount(server: ServerContext, slug: string): void {
  requireAccount(server, slug);
  server.mock.removeAccount(slug);
  server.control.faults.clear(slug);
  server.control.journal.clear(slug);
  server.control.origins.delete(slug);
  server.control.logger.info({ account: slug }, 'account removed');
}

/**
 * Rebuilds one account from the fixture it was last built from, and returns
 * its fault rules, journal and clock to the defaults. Other accounts are not
 * touched, so parallel test workers can each reset their own account.
 */
export function resetAccount(server: ServerContext, slug: string): AccountSummary {
  requireAccount(server, slug);
  const origin = server.control.origins.get(slug);
  if (!origin) throw new ApiError('ACCOUNT_NOT_FOUND', `account '${slug}' has no fixture to reset to`);
  const account = server.mock.addAccount(origin);
  const control = server.control;
  control.applyDefaultClock(account.clock);
  control.journal.clear(slug);
  control.faults.clear(slug);
  for (const rule of control.defaultRulesFor(slug)) control.faults.add(rule);
  control.logger.info({ account: slug }, 'account reset');
  return accountSummary(account);
}

/** Validates a fixture, first against the schema, then by a trial load, so a bad one changes nothing. */
function checkFixture(value: unknown, prefix: string): AccountFixture {
  try {
    return validateAccountFixture(value);
  } catch (error) {
    throw fixtureProblem(error, prefix);
  }
}

function build(server: ServerContext, fixture: AccountFixture, prefix: string): Account {
  try {
    loadAccount(fixture, { clock: new Clock(), seed: server.mock.seed });
  } catch (error) {
    throw fixtureProblem(error, prefix);
  }
  const account = server.mock.addAccount(fixture);
  server.control.origins.set(fixture.slug, fixture);
  return account;
}

function fixtureProblem(error: unknown, prefix: string): unknown {
  if (!(error instanceof FixtureError)) return error;
  const field = `${prefix}${error.pointer}` || '/';
  const problem = error.message.slice(error.message.indexOf(': ') + 2);
  return new ApiError('INVALID_BODY', `invalid account fixture: ${field}: ${problem}`, { details: [{ field, problem }] });
}

function generated(server: ServerContext, slug: string, settings: unknown): AccountFixture {
  if (!isRecord(settings)) throw ApiError.field('INVALID_BODY', '/generate', 'generate must be a JSON object {skus, seed?, locations?, kits?}');
  allowKeys(settings, ['skus', 'seed', 'locations', 'kits']);
  const skus = integerField(settings, 'skus', 1, MAX_GENERATED_SKUS, undefined);
  const locations = integerField(settings, 'locations', 1, 14, 3);
  const kits = integerField(settings, 'kits', 0, skus, Math.min(4, Math.floor(skus / 10)));
  const seed = integerField(settings, 'seed', 0, 0xffffffff, deriveSeed(server.mock.seed, `generate:${slug}`));
  if (kits > 0 && skus - kits < 2) {
    throw ApiError.field('INVALID_BODY', '/generate/kits', `kits need at least 2 other SKUs; with ${skus} SKUs use at most ${Math.max(0, skus - 2)} kits`);
  }
  try {
    return generateAccount({
      slug,
      seed,
      skuCount: skus,
      locationCount: locations,
      kitCount: kits,
      stockedAt: formatRfc3339(server.mock.clock.now()),
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw ApiError.field('INVALID_BODY', '/generate', error.message);
  }
}

function integerField(settings: Record<string, unknown>, key: string, min: number, max: number, fallback: number | undefined): number {
  const value = settings[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw ApiError.field('INVALID_BODY', `/generate/${key}`, `${key} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Draws a slug that no account has: `acct-` and eight hex digits from the mock's seed. */
function uniqueSlug(server: ServerContext): string {
  for (;;) {
    const draw = new Dice(deriveSeed(server.mock.seed, `slug:${server.control.generatedAccounts++}`)).next();
    const slug = `acct-${Math.floor(draw * 0x100000000).toString(16).padStart(8, '0')}`;
    if (!server.mock.account(slug)) return slug;
  }
}

import { readFileSync, readdirSync } from 'node:fs';

import { faker as globalFaker } from '@faker-js/faker';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  KIT_STATUS,
  STORED_STATUSES,
  countsTowardUnits,
  isStoredStatus,
} from '../../src/domain/statuses.js';
import type { AccountFixture, FixtureFile } from '../../src/engine/fixture-format.js';
import {
  deriveCallbackSecret,
  generateAccount,
} from '../../src/simulation/fixture-generator.js';
import type { GenerateAccountOptions } from '../../src/simulation/fixture-generator.js';
import {
  DEFAULT_FIXTURE_PATH,
  DEFAULT_FIXTURE_SEED,
  buildDefaultFixture,
  formatFixture,
} from '../../src/simulation/write-default-fixture.js';
import {
  F0,
  FIXTURE_DIRECTORY,
  loadFixtureFile,
  makeLargeFixture,
} from '../support/fixtures.js';

const STOCKED_AT = '2026-01-01T00:00:00.000000Z';
const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/=]+$/;

const baseOptions: GenerateAccountOptions = {
  slug: 'gen-test',
  seed: 42,
  skuCount: 80,
  locationCount: 4,
  kitCount: 6,
  stockedAt: STOCKED_AT,
};

const SCHEMA_URL = new URL('../../contracts/fixture.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as {
  $id: string;
  $defs: { StoredStatus: { enum: string[] } };
};
const ajv = new Ajv2020({ allErrors: true, strict: true });
formatsPlugin.default(ajv);
ajv.addSchema(schema);

function validator(ref: string): ValidateFunction {
  const validate = ajv.getSchema(ref);
  if (validate === undefined) throw new Error(`No schema at ${ref}.`);
  return validate;
}

const validateFile = validator(schema.$id);
const validateAccount = validator(`${schema.$id}#/$defs/AccountFixture`);

function schemaErrors(value: unknown, validate = validateFile): ErrorObject[] {
  validate(value);
  return validate.errors ?? [];
}

function onlyAccount(file: FixtureFile): AccountFixture {
  expect(file.accounts).toHaveLength(1);
  const account = file.accounts[0];
  if (account === undefined) throw new Error('The fixture has no account.');
  return account;
}

/**
 * Lists what JSON Schema cannot check: unique ids and identifiers, stock
 * rows that name a known SKU and location, kits built from known non-kit
 * SKUs, and non-zero counts in stored statuses.
 */
function integrityProblems(account: AccountFixture): string[] {
  const problems: string[] = [];
  const locationIds = new Set(account.locations.map((location) => location.id));
  const skusById = new Map(account.skus.map((sku) => [sku.customer_identifier, sku]));
  const givenSkuIds = account.skus.flatMap((sku) => (sku.id === undefined ? [] : [sku.id]));

  if (locationIds.size !== account.locations.length) problems.push('duplicate location id');
  if (skusById.size !== account.skus.length) problems.push('duplicate customer_identifier');
  if (new Set(givenSkuIds).size !== givenSkuIds.length) problems.push('duplicate SKU id');

  for (const sku of account.skus) {
    for (const component of sku.kit_skus ?? []) {
      const target = skusById.get(component.customer_identifier);
      if (target === undefined) problems.push(`unknown component of ${sku.customer_identifier}`);
      if (target?.is_kit === true) problems.push(`kit of kits: ${sku.customer_identifier}`);
    }
  }
  for (const row of account.stock) {
    if (!skusById.has(row.customer_identifier)) problems.push(`unknown SKU ${row.customer_identifier}`);
    if (!locationIds.has(row.inventory_location_id)) problems.push('unknown location in stock');
    if (!isStoredStatus(row.inventory_status)) problems.push(`status ${row.inventory_status}`);
    if (row.quantity <= 0) problems.push(`zero row for ${row.customer_identifier}`);
  }
  return problems;
}

/** Sums per location the units that count against its capacity. */
function unitsByLocation(account: AccountFixture): Map<string, number> {
  const units = new Map<string, number>();
  for (const row of account.stock) {
    if (!isStoredStatus(row.inventory_status)) continue;
    if (!countsTowardUnits(row.inventory_status)) continue;
    const id = row.inventory_location_id;
    units.set(id, (units.get(id) ?? 0) + row.quantity);
  }
  return units;
}

describe('generateAccount', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('returns equal JSON for equal options', () => {
    const first = JSON.stringify(generateAccount(baseOptions));
    const second = JSON.stringify(generateAccount({ ...baseOptions }));
    expect(second).toBe(first);
  });

  it('returns different JSON for another seed', () => {
    const first = JSON.stringify(generateAccount(baseOptions));
    const other = JSON.stringify(generateAccount({ ...baseOptions, seed: 43 }));
    expect(other).not.toBe(first);
  });

  it('ignores the global faker state', () => {
    globalFaker.seed(1);
    const first = JSON.stringify(generateAccount(baseOptions));
    globalFaker.seed(2);
    globalFaker.number.int();
    const second = JSON.stringify(generateAccount(baseOptions));
    expect(second).toBe(first);
  });

  it('draws no ids from crypto', () => {
    const randomUUID = vi.spyOn(globalThis.crypto, 'randomUUID');
    const getRandomValues = vi.spyOn(globalThis.crypto, 'getRandomValues');
    generateAccount(baseOptions);
    expect(randomUUID).not.toHaveBeenCalled();
    expect(getRandomValues).not.toHaveBeenCalled();
  });

  it('places extra identifiers first', () => {
    const account = generateAccount({
      ...baseOptions,
      extraSkuIdentifiers: ['sku001', 'sku002'],
    });
    expect(account.skus[0]?.customer_identifier).toBe('sku001');
    expect(account.skus[1]?.customer_identifier).toBe('sku002');
    expect(account.skus).toHaveLength(baseOptions.skuCount);
  });

  it('stocks extra identifiers at every location', () => {
    const account = generateAccount({ ...baseOptions, extraSkuIdentifiers: ['sku001'] });
    for (const location of account.locations) {
      const rows = account.stock.filter(
        (row) =>
          row.customer_identifier === 'sku001' &&
          row.inventory_location_id === location.id &&
          row.inventory_status === 'available',
      );
      expect(rows, location.name).toHaveLength(1);
      expect(rows[0]?.quantity, location.name).toBeGreaterThan(0);
    }
  });

  it('puts callback_secret after the slug', () => {
    const secret = deriveCallbackSecret(7);
    const account = generateAccount({ ...baseOptions, callbackSecret: secret });
    expect(Object.keys(account).slice(0, 2)).toEqual(['slug', 'callback_secret']);
    expect(account.callback_secret).toBe(secret);
    expect(generateAccount(baseOptions)).not.toHaveProperty('callback_secret');
  });

  it('derives callback secrets from the seed', () => {
    const secret = deriveCallbackSecret(7);
    expect(secret).toMatch(SECRET_PATTERN);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(24);
    expect(deriveCallbackSecret(7)).toBe(secret);
    expect(deriveCallbackSecret(8)).not.toBe(secret);
  });

  it('keeps references and counts consistent', () => {
    const account = generateAccount({
      ...baseOptions,
      skuCount: 500,
      kitCount: 40,
      locationCount: 14,
    });
    expect(integrityProblems(account)).toEqual([]);
    expect(schemaErrors(account, validateAccount)).toEqual([]);
  });

  it('builds kits of 2 to 4 non-kit components', () => {
    const account = generateAccount({ ...baseOptions, skuCount: 300, kitCount: 50 });
    const kits = account.skus.filter((sku) => sku.is_kit === true);
    const kitIdentifiers = new Set(kits.map((kit) => kit.customer_identifier));
    expect(kits).toHaveLength(50);

    for (const kit of kits) {
      const components = kit.kit_skus ?? [];
      const names = components.map((component) => component.customer_identifier);
      expect(components.length, kit.customer_identifier).toBeGreaterThanOrEqual(2);
      expect(components.length, kit.customer_identifier).toBeLessThanOrEqual(4);
      expect(new Set(names).size, kit.customer_identifier).toBe(names.length);
      for (const component of components) {
        expect(kitIdentifiers.has(component.customer_identifier)).toBe(false);
        expect(component.quantity).toBeGreaterThanOrEqual(1);
        expect(component.quantity).toBeLessThanOrEqual(3);
      }
    }
  });

  it('never stocks the derived kit status', () => {
    const account = generateAccount({ ...baseOptions, skuCount: 300, kitCount: 50 });
    const statuses = new Set(account.stock.map((row) => row.inventory_status));
    expect(statuses.has(KIT_STATUS)).toBe(false);
  });

  it('spreads centers over time zones and states', () => {
    const five = generateAccount({ ...baseOptions, locationCount: 5 });
    expect(new Set(five.locations.map((location) => location.timezone)).size).toBe(5);

    const all = generateAccount({ ...baseOptions, locationCount: 14 });
    expect(new Set(all.locations.map((location) => location.locale_code)).size).toBe(14);
    expect(new Set(all.locations.map((location) => location.name)).size).toBe(14);
  });

  it('gives centers distinct capacities and weights', () => {
    const account = generateAccount({ ...baseOptions, locationCount: 14 });
    const capacities = account.locations.map((location) => location.capacity);
    const weights = account.locations.map((location) => location.weight);
    expect(new Set(capacities).size).toBe(14);
    expect(new Set(weights).size).toBe(14);
  });

  it('keeps each center within its capacity', () => {
    const account = generateAccount({ ...baseOptions, skuCount: 2000, locationCount: 6 });
    const units = unitsByLocation(account);
    for (const location of account.locations) {
      expect(units.get(location.id) ?? 0, location.name).toBeLessThanOrEqual(
        location.capacity ?? 0,
      );
    }
  });

  it('sets dim_volume to the product of the sides', () => {
    const account = generateAccount(baseOptions);
    for (const sku of account.skus) {
      const product = (sku.dim_length ?? 0) * (sku.dim_width ?? 0) * (sku.dim_height ?? 0);
      // Rounded to hundredths of a cubic inch.
      expect(sku.dim_volume, sku.customer_identifier).toBe(Math.round(product * 100) / 100);
    }
  });

  it('gives generated SKUs ids and catalog fields', () => {
    const account = generateAccount(baseOptions);
    for (const sku of account.skus) {
      expect(sku.id, sku.customer_identifier).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(sku.brand_name, sku.customer_identifier).toBeTruthy();
      expect(sku.product_name, sku.customer_identifier).toBeTruthy();
      expect(sku.product_category, sku.customer_identifier).toBeTruthy();
      expect(sku.product_sub_category, sku.customer_identifier).toBeTruthy();
      expect(sku.dim_weight, sku.customer_identifier).toBeGreaterThan(0);
    }
  });

  it('gives every SKU unique bar codes', () => {
    const account = generateAccount({ ...baseOptions, skuCount: 3000, kitCount: 100 });
    const barCodes = account.skus.map((sku) => sku.customer_bar_code);
    expect(new Set(barCodes).size).toBe(3000);
    for (const barCode of barCodes) expect(barCode).toMatch(/^\d{12}$/);
  });

  it.each<[string, Partial<GenerateAccountOptions>, RegExp]>([
    ['a negative skuCount', { skuCount: -1 }, /skuCount/],
    ['a fractional skuCount', { skuCount: 1.5 }, /skuCount/],
    ['locationCount 0', { locationCount: 0 }, /locationCount/],
    ['locationCount 15', { locationCount: 15 }, /locationCount/],
    ['more kits than SKUs', { skuCount: 3, kitCount: 4 }, /kitCount/],
    ['kits with one non-kit SKU', { skuCount: 3, kitCount: 2 }, /kitCount/],
    ['an upper-case slug', { slug: 'Demo' }, /slug/],
    ['a date without offset', { stockedAt: '2026-01-01T00:00:00' }, /stockedAt/],
    ['a malformed callback secret', { callbackSecret: 'secret' }, /callbackSecret/],
    ['duplicate extra identifiers', { extraSkuIdentifiers: ['a', 'a'] }, /duplicate/],
    [
      'more extras than non-kit SKUs',
      { skuCount: 4, kitCount: 2, extraSkuIdentifiers: ['a', 'b', 'c'] },
      /extraSkuIdentifiers/,
    ],
    [
      'an extra that a kit would reuse',
      { skuCount: 3, kitCount: 1, extraSkuIdentifiers: ['KIT-00003'] },
      /'KIT-00003'/,
    ],
  ])('rejects %s', (_name, change, message) => {
    const options = { ...baseOptions, ...change };
    expect(() => generateAccount(options)).toThrow(RangeError);
    expect(() => generateAccount(options)).toThrow(message);
  });

  it('generates 100000 SKUs', () => {
    const account = generateAccount({
      slug: 'scale-test',
      seed: 1,
      skuCount: 100_000,
      kitCount: 1000,
      locationCount: 5,
      stockedAt: STOCKED_AT,
    });
    expect(account.skus).toHaveLength(100_000);
    expect(new Set(account.skus.map((sku) => sku.customer_identifier)).size).toBe(100_000);
    expect(account.skus.filter((sku) => sku.is_kit === true)).toHaveLength(1000);
    expect(account.stock.length).toBeGreaterThan(100_000);
  });
});

describe('default fixture', () => {
  const committedText = readFileSync(DEFAULT_FIXTURE_PATH, 'utf8');
  const committed = JSON.parse(committedText) as FixtureFile;
  const account = onlyAccount(committed);
  const kits = account.skus.filter((sku) => sku.is_kit === true);

  it('matches what npm run fixtures writes', () => {
    expect(formatFixture(buildDefaultFixture())).toBe(committedText);
  });

  it('uses 2-space indent and a final newline', () => {
    expect(committedText.endsWith('}\n')).toBe(true);
    expect(committedText.startsWith('{\n  "accounts": [\n    {\n')).toBe(true);
  });

  it('seeds account demo with a secret', () => {
    expect(account.slug).toBe('demo');
    expect(account.callback_secret).toMatch(SECRET_PATTERN);
    expect(account.callback_secret).toBe(deriveCallbackSecret(DEFAULT_FIXTURE_SEED));
  });

  it('has 3 centers in different states and time zones', () => {
    const states = new Set(account.locations.map((location) => location.locale_code));
    const zones = new Set(account.locations.map((location) => location.timezone));
    expect(account.locations.length).toBeGreaterThanOrEqual(3);
    expect(states.size).toBe(account.locations.length);
    expect(zones.size).toBe(account.locations.length);
  });

  it('names centers after their city', () => {
    for (const location of account.locations) {
      expect(location.name).toBe(`${location.city} DC`);
      expect(location.short_code).toMatch(/^[A-Z]{3}\d$/);
      expect(location.postal_code).toMatch(/^\d{5}$/);
    }
    expect(account.locations.some((location) => location.street_line_two !== undefined)).toBe(
      true,
    );
  });

  it('gives centers distinct capacities and weights', () => {
    const capacities = new Set(account.locations.map((location) => location.capacity));
    const weights = new Set(account.locations.map((location) => location.weight));
    expect(capacities.size).toBe(account.locations.length);
    expect(weights.size).toBe(account.locations.length);
  });

  it('has at least 50 SKUs', () => {
    expect(account.skus.length).toBeGreaterThanOrEqual(50);
  });

  it('stocks sku001 at every location', () => {
    expect(account.skus[0]?.customer_identifier).toBe('sku001');
    for (const location of account.locations) {
      const units = account.stock
        .filter(
          (row) =>
            row.customer_identifier === 'sku001' && row.inventory_location_id === location.id,
        )
        .reduce((sum, row) => sum + row.quantity, 0);
      expect(units, location.name).toBeGreaterThan(0);
    }
  });

  it('has at least 3 kits of 2 to 4 components', () => {
    expect(kits.length).toBeGreaterThanOrEqual(3);
    for (const kit of kits) {
      expect(kit.kit_skus?.length, kit.customer_identifier).toBeGreaterThanOrEqual(2);
      expect(kit.kit_skus?.length, kit.customer_identifier).toBeLessThanOrEqual(4);
    }
  });

  it('has non-zero counts in at least 6 statuses', () => {
    const statuses = new Set(
      account.stock.filter((row) => row.quantity > 0).map((row) => row.inventory_status),
    );
    expect(statuses.size).toBeGreaterThanOrEqual(6);
    expect(statuses.has(KIT_STATUS)).toBe(false);
  });

  it('spreads statuses over every location', () => {
    for (const location of account.locations) {
      const statuses = new Set(
        account.stock
          .filter((row) => row.inventory_location_id === location.id && row.quantity > 0)
          .map((row) => row.inventory_status),
      );
      expect(statuses.size, location.name).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps references and counts consistent', () => {
    expect(integrityProblems(account)).toEqual([]);
  });

  it('keeps each center within its capacity', () => {
    const units = unitsByLocation(account);
    for (const location of account.locations) {
      expect(units.get(location.id) ?? 0, location.name).toBeLessThanOrEqual(
        location.capacity ?? 0,
      );
    }
  });
});

describe('fixture schema', () => {
  const fixtureFiles = [
    ...readdirSync(new URL('../../fixtures/', import.meta.url))
      .filter((name) => name.endsWith('.json'))
      .map((name) => new URL(`../../fixtures/${name}`, import.meta.url)),
    ...readdirSync(FIXTURE_DIRECTORY)
      .filter((name) => name.endsWith('.json'))
      .map((name) => new URL(name, FIXTURE_DIRECTORY)),
  ];

  it('finds the fixture files', () => {
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtureFiles.map((url) => [url.pathname.split('/').slice(-2).join('/'), url]))(
    'validates %s',
    (_name, url) => {
      const file: unknown = JSON.parse(readFileSync(url, 'utf8'));
      expect(schemaErrors(file)).toEqual([]);
    },
  );

  it('keeps test fixtures consistent', () => {
    for (const name of ['f0', 'f-kit2', 'f-empty', 'f0-cecile'] as const) {
      expect(integrityProblems(onlyAccount(loadFixtureFile(name))), name).toEqual([]);
    }
  });

  it('validates one account with $defs/AccountFixture', () => {
    const account = onlyAccount(loadFixtureFile('f0'));
    expect(schemaErrors(account, validateAccount)).toEqual([]);
    expect(schemaErrors({ ...account, slg: 'x' }, validateAccount)).not.toEqual([]);
  });

  it('validates F-large', () => {
    const file = makeLargeFixture(20_000);
    const account = onlyAccount(file);
    expect(account.skus).toHaveLength(20_000);
    expect(account.stock).toHaveLength(40_000);
    expect(account.skus[19_999]?.customer_identifier).toBe('L20000');
    expect(schemaErrors(file)).toEqual([]);
  });

  it('lists exactly the stored statuses', () => {
    expect(schema.$defs.StoredStatus.enum).toEqual([...STORED_STATUSES]);
  });

  it('locates a typo in a stock key', () => {
    const file = loadFixtureFile('f0');
    const row = onlyAccount(file).stock[0] as unknown as Record<string, unknown>;
    row.quantitty = row.quantity;
    delete row.quantity;

    const errors = schemaErrors(file);
    const typo = errors.find((error) => error.keyword === 'additionalProperties');
    expect(typo?.instancePath).toBe('/accounts/0/stock/0');
    expect(typo?.params).toEqual({ additionalProperty: 'quantitty' });
  });

  // F0's SKU at index 7 is the kit KIT-BOTTLE-SET.
  it.each<[string, (account: Record<string, any>) => void, string]>([
    ['the derived kit status', (a) => (a.stock[0].inventory_status = KIT_STATUS), '/accounts/0/stock/0/inventory_status'],
    ['an unknown status', (a) => (a.stock[0].inventory_status = 'Available'), '/accounts/0/stock/0/inventory_status'],
    ['a negative quantity', (a) => (a.stock[0].quantity = -1), '/accounts/0/stock/0/quantity'],
    ['a fractional quantity', (a) => (a.stock[0].quantity = 1.5), '/accounts/0/stock/0/quantity'],
    ['a component quantity of 0', (a) => (a.skus[7].kit_skus[0].quantity = 0), '/accounts/0/skus/7/kit_skus/0/quantity'],
    ['a kit without components', (a) => (a.skus[7].kit_skus = []), '/accounts/0/skus/7/kit_skus'],
    ['a non-kit with components', (a) => (a.skus[0].kit_skus = a.skus[7].kit_skus), '/accounts/0/skus/0/kit_skus'],
    ['a negative capacity', (a) => (a.locations[0].capacity = -1), '/accounts/0/locations/0/capacity'],
    ['a fractional capacity', (a) => (a.locations[0].capacity = 10.5), '/accounts/0/locations/0/capacity'],
    ['a negative weight', (a) => (a.locations[0].weight = -0.5), '/accounts/0/locations/0/weight'],
    ['a negative dimension', (a) => (a.skus[0].dim_weight = -1), '/accounts/0/skus/0/dim_weight'],
    ['an upper-case slug', (a) => (a.slug = 'Acme'), '/accounts/0/slug'],
    ['a slug of 64 characters', (a) => (a.slug = 'a'.repeat(64)), '/accounts/0/slug'],
    ['a location id that is no uuid', (a) => (a.locations[0].id = 'L1'), '/accounts/0/locations/0/id'],
    ['a SKU id that is no uuid', (a) => (a.skus[0].id = 'sku-1'), '/accounts/0/skus/0/id'],
    ['a date without offset', (a) => (a.stocked_at = '2026-12-04T11:00:00'), '/accounts/0/stocked_at'],
    ['a bad row date', (a) => (a.stock[0].at = 'yesterday'), '/accounts/0/stock/0/at'],
    ['a whsec_ secret that is not base64', (a) => (a.callback_secret = 'whsec_not base64!'), '/accounts/0/callback_secret'],
    ['a location key typo', (a) => (a.locations[0].postcode = '00001'), '/accounts/0/locations/0'],
    ['a SKU key typo', (a) => (a.skus[0].iskit = true), '/accounts/0/skus/0'],
    ['an account key typo', (a) => (a.stocked = F0.stockedAt), '/accounts/0'],
    ['a missing location', (a) => (a.locations = []), '/accounts/0/locations'],
  ])('rejects %s', (_name, change, instancePath) => {
    const file = loadFixtureFile('f0');
    change(onlyAccount(file) as unknown as Record<string, any>);
    const paths = schemaErrors(file).map((error) => error.instancePath);
    expect(paths).toContain(instancePath);
  });
});

import { Faker, base, en, en_US } from '@faker-js/faker';

import { countsTowardUnits, isStoredStatus } from '../domain/statuses.js';
import type { StoredStatus } from '../domain/statuses.js';
import { MICROS_PER_SECOND, formatRfc3339, parseRfc3339 } from '../domain/time.js';
import type { Micros } from '../domain/time.js';
import type {
  AccountFixture,
  LocationFixture,
  SkuFixture,
  StockFixture,
} from '../engine/fixture-format.js';

export interface GenerateAccountOptions {
  slug: string;
  /** Seed of the account's own Faker instance. */
  seed: number;
  /** SKUs in total, kits and `extraSkuIdentifiers` included. */
  skuCount: number;
  /** Distribution centers, 1 to 14 (default 3). */
  locationCount?: number;
  /** Number of SKUs that are kits, placed last (default 0). */
  kitCount?: number;
  /** RFC 3339 time of the stock rows' ledger events. */
  stockedAt: string;
  /** Identifiers of the first SKUs, in order. Each has stock everywhere. */
  extraSkuIdentifiers?: string[];
  /** Written as the account's `callback_secret` when given. */
  callbackSecret?: string;
}

interface Metro {
  city: string;
  state: string;
  timezone: string;
  /** First three digits of the city's ZIP codes. */
  zipPrefix: string;
  /** IATA code of the nearest airport, the root of the short code. */
  airport: string;
}

/** Logistics hubs, all in different states. */
const METROS: readonly Metro[] = [
  metro('Allentown', 'PA', 'America/New_York', '181', 'ABE'),
  metro('Atlanta', 'GA', 'America/New_York', '303', 'ATL'),
  metro('Columbus', 'OH', 'America/New_York', '432', 'CMH'),
  metro('Jacksonville', 'FL', 'America/New_York', '322', 'JAX'),
  metro('Memphis', 'TN', 'America/Chicago', '381', 'MEM'),
  metro('Dallas', 'TX', 'America/Chicago', '752', 'DFW'),
  metro('Kansas City', 'MO', 'America/Chicago', '641', 'MCI'),
  metro('Denver', 'CO', 'America/Denver', '802', 'DEN'),
  metro('Salt Lake City', 'UT', 'America/Denver', '841', 'SLC'),
  metro('Albuquerque', 'NM', 'America/Denver', '871', 'ABQ'),
  metro('Reno', 'NV', 'America/Los_Angeles', '895', 'RNO'),
  metro('Ontario', 'CA', 'America/Los_Angeles', '917', 'ONT'),
  metro('Kent', 'WA', 'America/Los_Angeles', '980', 'SEA'),
  metro('Phoenix', 'AZ', 'America/Phoenix', '850', 'PHX'),
];

function metro(
  city: string,
  state: string,
  timezone: string,
  zipPrefix: string,
  airport: string,
): Metro {
  return { city, state, timezone, zipPrefix, airport };
}

const STREET_SUFFIXES = [
  'Industrial Parkway',
  'Logistics Drive',
  'Commerce Boulevard',
  'Distribution Way',
  'Freight Road',
  'Trade Center Drive',
];

/**
 * A product line: the range of its longest side in inches and of its weight
 * in pounds.
 */
interface ProductLine {
  code: string;
  category: string;
  subCategory: string;
  nouns: readonly string[];
  length: readonly [number, number];
  weight: readonly [number, number];
}

const PRODUCT_LINES: readonly ProductLine[] = [
  line('TOP', 'Apparel', 'Tops', ['T-Shirt', 'Polo', 'Hoodie'], [8, 14], [0.3, 1.5]),
  line('SCK', 'Apparel', 'Socks', ['Crew Socks', 'Wool Socks'], [5, 9], [0.1, 0.4]),
  line('OUT', 'Apparel', 'Outerwear', ['Rain Jacket', 'Vest'], [12, 18], [0.8, 3]),
  line('DRK', 'Home & Kitchen', 'Drinkware', ['Mug', 'Tumbler', 'Water Bottle'], [4, 11], [0.6, 1.8]),
  line('CKW', 'Home & Kitchen', 'Cookware', ['Skillet', 'Saucepan'], [10, 20], [2, 9]),
  line('STO', 'Home & Kitchen', 'Storage', ['Food Container', 'Canister'], [6, 16], [0.3, 2.5]),
  line('CMP', 'Sports & Outdoors', 'Camping', ['Headlamp', 'Lantern', 'Camp Chair'], [5, 30], [0.3, 6]),
  line('FIT', 'Sports & Outdoors', 'Fitness', ['Yoga Mat', 'Jump Rope', 'Kettlebell'], [6, 26], [0.3, 25]),
  line('AUD', 'Electronics', 'Audio', ['Earbuds', 'Bluetooth Speaker'], [3, 10], [0.1, 2]),
  line('ACC', 'Electronics', 'Accessories', ['USB-C Cable', 'Wall Charger', 'Power Bank'], [3, 8], [0.1, 0.9]),
  line('SKN', 'Beauty', 'Skin Care', ['Face Serum', 'Moisturizer', 'Sunscreen'], [2, 7], [0.1, 0.8]),
  line('PZL', 'Toys & Games', 'Puzzles', ['Jigsaw Puzzle', 'Puzzle Cube'], [3, 15], [0.2, 2.5]),
  line('WRT', 'Office Supplies', 'Writing', ['Notebook', 'Planner', 'Gel Pen Set'], [5, 12], [0.1, 1.5]),
];

function line(
  code: string,
  category: string,
  subCategory: string,
  nouns: string[],
  length: [number, number],
  weight: [number, number],
): ProductLine {
  return { code, category, subCategory, nouns, length, weight };
}

/**
 * Chance that a stocked (SKU, location) pair has units in each status. The
 * quantity is the pair's weekly demand times a factor drawn from `cover`.
 */
const STATUS_MIX: readonly {
  status: StoredStatus;
  probability: number;
  cover: readonly [number, number];
}[] = [
  { status: 'available', probability: 0.9, cover: [1, 4] },
  { status: 'expected', probability: 0.3, cover: [0.5, 3] },
  { status: 'received', probability: 0.12, cover: [0.1, 0.5] },
  { status: 'in-receiving', probability: 0.05, cover: [0.1, 0.5] },
  { status: 'allocated', probability: 0.3, cover: [0.1, 0.6] },
  { status: 'picked', probability: 0.12, cover: [0.05, 0.3] },
  { status: 'quality-control', probability: 0.07, cover: [0.02, 0.2] },
  { status: 'refurbishing', probability: 0.02, cover: [0.02, 0.1] },
  { status: 'under-investigation', probability: 0.02, cover: [0.02, 0.1] },
  { status: 'damaged', probability: 0.08, cover: [0.02, 0.15] },
  { status: 'lost', probability: 0.04, cover: [0.01, 0.05] },
  { status: 'expired', probability: 0.02, cover: [0.01, 0.1] },
];

/** Share of SKUs that no center stocks yet (new or not yet received). */
const UNSTOCKED_SHARE = 0.08;
/** Share of kits with pre-built units on a shelf. */
const PREBUILT_KIT_SHARE = 0.35;
/** Item references left in a UPC-A after a 6-digit GS1 company prefix. */
const ITEMS_PER_BRAND = 99_999;

/**
 * Generates one account's fixture: distribution centers in different US
 * time zones, a catalog with kits, and stock rows in many statuses. Equal
 * options give byte-identical JSON, because every random draw, ids included,
 * comes from a Faker instance seeded with `seed`, never from global state.
 * Time and memory grow linearly with `skuCount`.
 *
 * @example
 * const account = generateAccount({
 *   slug: 'demo', seed: 7, skuCount: 50, kitCount: 3,
 *   stockedAt: '2026-01-01T00:00:00.000000Z',
 * });
 */
export function generateAccount(options: GenerateAccountOptions): AccountFixture {
  const settings = checkOptions(options);
  // Faker 10's en_US contains only US-specific lists, so en supplies the
  // names, commerce words and colors (without it those calls throw).
  const faker = new Faker({ locale: [en_US, en, base], seed: options.seed });

  const locations = generateLocations(faker, settings);
  const catalog = generateCatalog(faker, settings);
  const stock = generateStock(faker, settings, locations, catalog);
  setCapacities(faker, locations, stock);

  return {
    slug: options.slug,
    ...(options.callbackSecret === undefined
      ? {}
      : { callback_secret: options.callbackSecret }),
    stocked_at: formatRfc3339(settings.stockedAt),
    locations,
    skus: catalog.skus,
    stock,
  };
}

/**
 * Derives a Standard Webhooks secret from a seed, as `whsec_` followed by
 * the base64 of 24 seeded bytes.
 */
export function deriveCallbackSecret(seed: number): string {
  const faker = new Faker({ locale: [base], seed });
  // A second seed word keeps these bytes apart from generateAccount's draws.
  faker.seed([seed, 0x5ec7e7]);
  const bytes = Array.from({ length: 24 }, () =>
    faker.number.int({ min: 0, max: 255 }),
  );
  return `whsec_${Buffer.from(bytes).toString('base64')}`;
}

interface Settings {
  skuCount: number;
  locationCount: number;
  kitCount: number;
  stockedAt: Micros;
  extraSkuIdentifiers: readonly string[];
}

function checkOptions(options: GenerateAccountOptions): Settings {
  const {
    skuCount,
    locationCount = 3,
    kitCount = 0,
    extraSkuIdentifiers = [],
  } = options;
  const stockedAt = parseRfc3339(options.stockedAt);

  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(options.slug)) {
    throw new RangeError(
      `Invalid slug '${options.slug}': use 1 to 63 lower-case letters, ` +
        'digits and hyphens, starting with a letter or digit.',
    );
  }
  if (
    options.callbackSecret !== undefined &&
    !/^whsec_[A-Za-z0-9+/=]+$/.test(options.callbackSecret)
  ) {
    throw new RangeError(
      'Invalid callbackSecret: expected whsec_ followed by base64.',
    );
  }
  if (stockedAt === undefined) {
    throw new RangeError(
      `Invalid stockedAt '${options.stockedAt}': expected an RFC 3339 ` +
        'date-time with an offset, such as 2026-01-01T00:00:00Z.',
    );
  }
  requireInteger('seed', options.seed, Number.MIN_SAFE_INTEGER);
  requireInteger('skuCount', skuCount, 0);
  requireInteger('locationCount', locationCount, 1, METROS.length);
  requireInteger('kitCount', kitCount, 0, skuCount);

  const nonKitCount = skuCount - kitCount;
  if (kitCount > 0 && nonKitCount < 2) {
    throw new RangeError(
      `Invalid kitCount ${kitCount}: kits need at least 2 non-kit SKUs, ` +
        `but skuCount ${skuCount} leaves ${nonKitCount}.`,
    );
  }
  if (extraSkuIdentifiers.length > nonKitCount) {
    throw new RangeError(
      `Too many extraSkuIdentifiers (${extraSkuIdentifiers.length}): ` +
        `skuCount minus kitCount leaves room for ${nonKitCount}.`,
    );
  }
  if (new Set(extraSkuIdentifiers).size !== extraSkuIdentifiers.length) {
    throw new RangeError('extraSkuIdentifiers contains a duplicate.');
  }

  return { skuCount, locationCount, kitCount, stockedAt, extraSkuIdentifiers };
}

function requireInteger(
  name: string,
  value: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `Invalid ${name} ${value}: expected an integer from ${min} to ${max}.`,
    );
  }
}

/** Picks a whole-second instant `minDays` to `maxDays` days before `end`. */
function pickInstantBefore(
  faker: Faker,
  end: Micros,
  minDays: number,
  maxDays: number,
): Micros {
  const seconds = faker.number.int({ min: minDays * 86_400, max: maxDays * 86_400 });
  return end - seconds * MICROS_PER_SECOND;
}

/** Picks a whole-second instant from `start` to `end`. */
function pickInstantBetween(faker: Faker, start: Micros, end: Micros): Micros {
  const span = Math.floor((end - start) / MICROS_PER_SECOND);
  return start + faker.number.int({ min: 0, max: span }) * MICROS_PER_SECOND;
}

/**
 * Picks metros round-robin over time zones, so the first five centers are
 * in five different time zones (and all centers in different states).
 */
function pickMetros(faker: Faker, count: number): Metro[] {
  const byZone = new Map<string, Metro[]>();
  for (const candidate of METROS) {
    byZone.set(candidate.timezone, [...(byZone.get(candidate.timezone) ?? []), candidate]);
  }
  const queues = faker.helpers.shuffle(
    [...byZone.values()].map((group) => faker.helpers.shuffle(group)),
  );

  const picked: Metro[] = [];
  for (let round = 0; picked.length < count; round += 1) {
    for (const queue of queues) {
      const next = queue[round];
      if (next !== undefined && picked.length < count) picked.push(next);
    }
  }
  return picked;
}

function generateLocations(faker: Faker, settings: Settings): LocationFixture[] {
  const metros = pickMetros(faker, settings.locationCount);
  // Distinct weights, so every center has its own share of demand.
  const weights = faker.helpers.arrayElements(
    Array.from({ length: 51 }, (_, i) => 10 + i),
    metros.length,
  );

  return metros.map((site, index) => {
    const createdAt = pickInstantBefore(faker, settings.stockedAt, 2 * 365, 6 * 365);
    const street =
      `${faker.number.int({ min: 100, max: 9899 })} ` +
      `${faker.person.lastName()} ${faker.helpers.arrayElement(STREET_SUFFIXES)}`;
    // The first center always has a second street line, the others sometimes.
    const hasLineTwo = index === 0 || faker.datatype.boolean({ probability: 0.4 });
    const lineTwo =
      `${faker.helpers.arrayElement(['Building', 'Dock', 'Suite'])} ` +
      `${faker.number.int({ min: 1, max: 40 })}`;

    return {
      id: faker.string.uuid(),
      name: `${site.city} DC`,
      street_line_one: street,
      ...(hasLineTwo ? { street_line_two: lineTwo } : {}),
      city: site.city,
      locale_code: site.state,
      postal_code: `${site.zipPrefix}${faker.string.numeric(2)}`,
      short_code: `${site.airport}${faker.number.int({ min: 1, max: 9 })}`,
      timezone: site.timezone,
      capacity: 0, // set by setCapacities once the stock is known
      weight: weights[index] ?? 1,
      created_at: formatRfc3339(createdAt),
      updated_at: formatRfc3339(pickInstantBetween(faker, createdAt, settings.stockedAt)),
    };
  });
}

interface Brand {
  name: string;
  /** The brand's code in the merchant's catalog. */
  code: string;
  /** The brand's code at its vendor. */
  vendorCode: string;
  /** GS1 company prefix that starts the brand's UPC-A bar codes. */
  gs1Prefix: string;
  /** Item references used so far under `gs1Prefix`. */
  items: number;
}

/** Physical size of a SKU, in inches and pounds. */
interface Dimensions {
  length: number;
  width: number;
  height: number;
  weight: number;
}

interface Product {
  noun: string;
  category: string;
  brand: Brand;
  size: Dimensions;
}

interface Catalog {
  skus: SkuFixture[];
  /** Number of non-kit SKUs, which come before the kits in `skus`. */
  nonKitCount: number;
}

function generateBrands(faker: Faker, skuCount: number): Brand[] {
  // About one brand per 10 SKUs, and enough prefixes for every bar code.
  const count = Math.max(
    5,
    Math.min(40, Math.ceil(skuCount / 10)),
    Math.ceil(skuCount / ITEMS_PER_BRAND),
  );
  const prefixes = new Set<string>();
  const brands: Brand[] = [];

  while (brands.length < count) {
    // UPC-A number systems 0, 1, 6, 7 and 8 are for ordinary retail items.
    const gs1Prefix =
      faker.helpers.arrayElement(['0', '1', '6', '7', '8']) +
      faker.string.numeric(5);
    if (prefixes.has(gs1Prefix)) continue;
    prefixes.add(gs1Prefix);

    const name = faker.company.name();
    const letters = name.replace(/[^A-Za-z]/g, '').toUpperCase();
    brands.push({
      name,
      code: `${letters.slice(0, 3).padEnd(3, 'X')}${faker.string.numeric(2)}`,
      vendorCode: `V${faker.string.numeric(6)}`,
      gs1Prefix,
      items: 0,
    });
  }
  return brands;
}

/**
 * Assigns the next UPC-A of brand `preferred`, or of the next brand that has
 * item references left.
 */
function takeBarCode(faker: Faker, brands: Brand[], preferred: number): string {
  for (let step = 0; step < brands.length; step += 1) {
    const brand = brands[(preferred + step) % brands.length];
    if (brand === undefined || brand.items >= ITEMS_PER_BRAND) continue;
    brand.items += 1;
    const itemReference = String(brand.items).padStart(5, '0');
    return faker.commerce.upc({ prefix: `${brand.gs1Prefix}${itemReference}` });
  }
  throw new RangeError('No GS1 company prefix has an item reference left.');
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function titleCase(text: string): string {
  return text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
}

/** Builds a SKU's catalog fields, in the order `CatalogFields` declares. */
function catalogFields(
  faker: Faker,
  brands: Brand[],
  brand: Brand,
  names: { product: string; category: string; subCategory: string },
  size: Dimensions,
): Omit<SkuFixture, 'customer_identifier'> {
  const { length, width, height, weight } = size;
  return {
    customer_bar_code: takeBarCode(faker, brands, brands.indexOf(brand)),
    brand_name: brand.name,
    product_name: names.product,
    product_category: names.category,
    product_sub_category: names.subCategory,
    product_description:
      `${names.product} by ${brand.name}. ` +
      `Package ${length} x ${width} x ${height} in, ${weight} lb.`,
    customer_brand_code: brand.code,
    vendor_brand_code: brand.vendorCode,
    dim_weight: weight,
    dim_length: length,
    dim_width: width,
    dim_height: height,
    dim_volume: round(length * width * height, 2),
  };
}

interface GeneratedProduct {
  product: Product;
  productLine: ProductLine;
  fields: ReturnType<typeof catalogFields>;
}

function generateProduct(faker: Faker, brands: Brand[]): GeneratedProduct {
  const productLine = faker.helpers.arrayElement(PRODUCT_LINES);
  const noun = faker.helpers.arrayElement(productLine.nouns);
  const brand = faker.helpers.arrayElement(brands);

  const length = faker.number.float({
    min: productLine.length[0],
    max: productLine.length[1],
    fractionDigits: 1,
  });
  const size: Dimensions = {
    length,
    width: Math.max(0.5, round(length * faker.number.float({ min: 0.3, max: 1 }), 1)),
    height: Math.max(0.2, round(length * faker.number.float({ min: 0.1, max: 0.8 }), 1)),
    weight: faker.number.float({
      min: productLine.weight[0],
      max: productLine.weight[1],
      fractionDigits: 2,
    }),
  };
  const productName =
    `${faker.commerce.productAdjective()} ${noun}, ` +
    titleCase(faker.color.human());

  const fields = catalogFields(
    faker,
    brands,
    brand,
    {
      product: productName,
      category: productLine.category,
      subCategory: productLine.subCategory,
    },
    size,
  );
  return {
    product: { noun, category: productLine.category, brand, size },
    productLine,
    fields,
  };
}

/**
 * Picks `count` distinct integers below `limit` by rejection, which is quick
 * because `count` is at most 4.
 */
function pickDistinct(faker: Faker, limit: number, count: number): number[] {
  const picked = new Set<number>();
  while (picked.size < count) picked.add(faker.number.int({ min: 0, max: limit - 1 }));
  return [...picked];
}

/** Joins nouns as a bundle name: "Mug, Lantern & Notebook Bundle". */
function bundleName(nouns: string[]): string {
  const unique = [...new Set(nouns)];
  const last = unique.pop();
  const head = unique.length > 0 ? `${unique.join(', ')} & ` : '';
  return `${head}${last ?? 'Item'} Bundle`;
}

function generateKit(
  faker: Faker,
  brands: Brand[],
  skus: readonly SkuFixture[],
  products: readonly Product[],
): Omit<SkuFixture, 'customer_identifier'> {
  const componentCount = faker.number.int({ min: 2, max: Math.min(4, products.length) });
  const components = pickDistinct(faker, products.length, componentCount).map((index) => ({
    index,
    quantity: faker.number.int({ min: 1, max: 3 }),
  }));

  const parts = components.map(({ index, quantity }) => {
    const product = products[index];
    const sku = skus[index];
    if (product === undefined || sku === undefined) {
      throw new Error(`Kit component ${index} is outside the catalog.`);
    }
    return { product, identifier: sku.customer_identifier, quantity };
  });
  const first = parts[0]?.product;
  if (first === undefined) throw new Error('A kit needs at least one component.');

  // The kit ships in one box, so its components are stacked and their
  // weights summed.
  const size: Dimensions = {
    length: Math.max(...parts.map((part) => part.product.size.length)),
    width: Math.max(...parts.map((part) => part.product.size.width)),
    height: round(
      parts.reduce((sum, part) => sum + part.product.size.height * part.quantity, 0),
      1,
    ),
    weight: round(
      parts.reduce((sum, part) => sum + part.product.size.weight * part.quantity, 0),
      2,
    ),
  };
  const names = {
    product: bundleName(parts.map((part) => part.product.noun)),
    category: 'Bundles',
    subCategory: first.category,
  };

  return {
    is_kit: true,
    kit_skus: parts.map((part) => ({
      customer_identifier: part.identifier,
      quantity: part.quantity,
    })),
    ...catalogFields(faker, brands, first.brand, names, size),
  };
}

function generateCatalog(faker: Faker, settings: Settings): Catalog {
  const brands = generateBrands(faker, settings.skuCount);
  const extras = settings.extraSkuIdentifiers;
  const reserved = new Set(extras);
  const digits = Math.max(5, String(settings.skuCount).length);
  const nonKitCount = settings.skuCount - settings.kitCount;
  const skus: SkuFixture[] = [];
  const products: Product[] = [];

  const identify = (index: number, code: string): string => {
    const forced = extras[index];
    if (forced !== undefined) return forced;
    const generated = `${code}-${String(index + 1).padStart(digits, '0')}`;
    if (reserved.has(generated)) {
      throw new RangeError(
        `extraSkuIdentifiers contains '${generated}', which the generator ` +
          'also produces; choose an identifier outside the form ABC-00001.',
      );
    }
    return generated;
  };
  const stamps = (): Pick<SkuFixture, 'created_at' | 'updated_at'> => {
    const createdAt = pickInstantBefore(faker, settings.stockedAt, 30, 3 * 365);
    return {
      created_at: formatRfc3339(createdAt),
      updated_at: formatRfc3339(pickInstantBetween(faker, createdAt, settings.stockedAt)),
    };
  };

  for (let index = 0; index < nonKitCount; index += 1) {
    const id = faker.string.uuid();
    const { product, productLine, fields } = generateProduct(faker, brands);
    products.push(product);
    skus.push({
      id,
      customer_identifier: identify(index, productLine.code),
      is_kit: false,
      ...fields,
      ...stamps(),
    });
  }

  for (let index = nonKitCount; index < settings.skuCount; index += 1) {
    const id = faker.string.uuid();
    const fields = generateKit(faker, brands, skus, products);
    skus.push({ id, customer_identifier: identify(index, 'KIT'), ...fields, ...stamps() });
  }

  return { skus, nonKitCount };
}

function generateStock(
  faker: Faker,
  settings: Settings,
  locations: readonly LocationFixture[],
  catalog: Catalog,
): StockFixture[] {
  const weights = locations.map((location) => location.weight ?? 1);
  const maxWeight = Math.max(...weights);
  const meanWeight = weights.reduce((sum, weight) => sum + weight, 0) / weights.length;
  const weightedLocations = locations.map((location) => ({
    weight: location.weight ?? 1,
    value: location,
  }));
  const rows: StockFixture[] = [];

  catalog.skus.forEach((sku, index) => {
    const row = (location: LocationFixture, status: StoredStatus, quantity: number) =>
      rows.push({
        customer_identifier: sku.customer_identifier,
        inventory_location_id: location.id,
        inventory_status: status,
        quantity,
      });

    if (index >= catalog.nonKitCount) {
      // Pre-built kits are ordinary units of the kit SKU.
      if (faker.datatype.boolean({ probability: PREBUILT_KIT_SHARE })) {
        const location = faker.helpers.weightedArrayElement(weightedLocations);
        row(location, 'available', faker.number.int({ min: 1, max: 12 }));
      }
      return;
    }

    const forced = index < settings.extraSkuIdentifiers.length;
    if (!forced && faker.datatype.boolean({ probability: UNSTOCKED_SHARE })) return;

    // Units sold per week at a center of average weight. One SKU in ten is
    // a best seller that moves eight times as fast.
    let velocity = faker.number.int({ min: 4, max: 60 });
    if (faker.datatype.boolean({ probability: 0.1 })) velocity *= 8;

    for (const location of locations) {
      const weight = location.weight ?? 1;
      const stockedHere =
        forced || faker.datatype.boolean({ probability: 0.45 + (0.5 * weight) / maxWeight });
      if (!stockedHere) continue;

      const demand =
        ((velocity * weight) / meanWeight) * faker.number.float({ min: 0.5, max: 1.5 });
      for (const { status, probability, cover } of STATUS_MIX) {
        const required = forced && status === 'available';
        if (!required && !faker.datatype.boolean({ probability })) continue;
        const share = faker.number.float({ min: cover[0], max: cover[1] });
        row(location, status, Math.max(1, Math.round(demand * share)));
      }
    }
  });

  return rows;
}

/**
 * Sizes each center so that its stock fills 55 to 85 percent of it. The
 * capacity is rounded up to two significant digits, then raised until no
 * other center has the same one. It covers every status that
 * `countsTowardUnits` counts, which is units on hand plus `expected` ones.
 */
function setCapacities(
  faker: Faker,
  locations: LocationFixture[],
  stock: readonly StockFixture[],
): void {
  const used = new Map<string, number>();
  for (const row of stock) {
    if (!isStoredStatus(row.inventory_status)) continue;
    if (!countsTowardUnits(row.inventory_status)) continue;
    const id = row.inventory_location_id;
    used.set(id, (used.get(id) ?? 0) + row.quantity);
  }

  const taken = new Set<number>();
  for (const location of locations) {
    const utilization = faker.number.float({ min: 0.55, max: 0.85 });
    const needed = Math.max(1000, (used.get(location.id) ?? 0) / utilization);
    const step = 10 ** (Math.floor(Math.log10(needed)) - 1);
    let capacity = Math.ceil(needed / step) * step;
    while (taken.has(capacity)) capacity += step;
    taken.add(capacity);
    location.capacity = capacity;
  }
}

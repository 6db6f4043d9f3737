import type { Faker } from '@faker-js/faker';

/** Item references left in a UPC-A after a 6-digit GS1 company prefix. */
const ITEMS_PER_BRAND = 99_999;

export interface Brand {
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

export function generateBrands(faker: Faker, skuCount: number): Brand[] {
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
export function takeBarCode(faker: Faker, brands: Brand[], preferred: number): string {
  for (let step = 0; step < brands.length; step += 1) {
    const brand = brands[(preferred + step) % brands.length];
    if (brand === undefined || brand.items >= ITEMS_PER_BRAND) continue;
    brand.items += 1;
    const itemReference = String(brand.items).padStart(5, '0');
    return faker.commerce.upc({ prefix: `${brand.gs1Prefix}${itemReference}` });
  }
  throw new RangeError('No GS1 company prefix has an item reference left.');
}

import type { Faker } from '@faker-js/faker';

import type { SkuFixture } from '../../engine/fixture-format.js';
import type { Brand } from './brands.js';
import { catalogFields, round } from './products.js';
import type { Dimensions, Product } from './products.js';

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

export function generateKit(
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

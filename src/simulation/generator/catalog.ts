import type { Faker } from '@faker-js/faker';

import { formatRfc3339 } from '../../domain/time.js';
import type { SkuFixture } from '../../engine/fixture-format.js';
import { generateBrands } from './brands.js';
import { generateKit } from './kits.js';
import type { Settings } from './options.js';
import { generateProduct } from './products.js';
import type { Product } from './products.js';
import { pickInstantBefore, pickInstantBetween } from './time.js';

export interface Catalog {
  skus: SkuFixture[];
  /** Number of non-kit SKUs, which come before the kits in `skus`. */
  nonKitCount: number;
}

export function generateCatalog(faker: Faker, settings: Settings): Catalog {
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

import type { Faker } from '@faker-js/faker';

import type { SkuFixture } from '../../engine/fixture-format.js';
import { takeBarCode } from './brands.js';
import type { Brand } from './brands.js';

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

/** Physical size of a SKU, in inches and pounds. */
export interface Dimensions {
  length: number;
  width: number;
  height: number;
  weight: number;
}

export interface Product {
  noun: string;
  category: string;
  brand: Brand;
  size: Dimensions;
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function titleCase(text: string): string {
  return text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
}

/** Builds a SKU's catalog fields, in the order `CatalogFields` declares. */
export function catalogFields(
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

export function generateProduct(faker: Faker, brands: Brand[]): GeneratedProduct {
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

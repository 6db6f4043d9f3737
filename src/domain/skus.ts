import { isRecord, type FieldMessage } from './adjustments.js';
import type { CatalogFields, KitComponent, Sku } from './catalog.js';

const TEXT_FIELDS = [
  'customer_bar_code',
  'brand_name',
  'product_name',
  'product_category',
  'product_sub_category',
  'product_description',
  'customer_brand_code',
  'vendor_brand_code',
] as const;

const NUMBER_FIELDS = ['dim_weight', 'dim_length', 'dim_width', 'dim_height', 'dim_volume'] as const;

const KNOWN_FIELDS = new Set<string>([
  'customer_identifier',
  'is_kit',
  'kit_skus',
  ...TEXT_FIELDS,
  ...NUMBER_FIELDS,
]);

/** Most components one kit may have. */
export const MAX_KIT_COMPONENTS = 30;

export interface SkuDraft extends CatalogFields {
  customer_identifier: string;
  is_kit: boolean;
  kit_skus: KitComponent[];
}

export type SkuPlan = { ok: true; draft: SkuDraft } | { ok: false; messages: FieldMessage[] };

function reject(field: string, error: string): SkuPlan {
  return { ok: false, messages: [{ field_name: field, errors: [error] }] };
}

export interface SkuContext {
  skuByIdentifier(customerIdentifier: string): Sku | undefined;
}

/** Fills catalog fields that a record leaves out, from the SKU it replaces or defaults. */
export function defaultCatalog(customerIdentifier: string, previous?: CatalogFields): CatalogFields {
  return {
    customer_bar_code: previous?.customer_bar_code ?? '',
    brand_name: previous?.brand_name ?? '',
    product_name: previous?.product_name ?? customerIdentifier,
    product_category: previous?.product_category ?? '',
    product_sub_category: previous?.product_sub_category ?? '',
    product_description: previous?.product_description ?? '',
    customer_brand_code: previous?.customer_brand_code ?? '',
    vendor_brand_code: previous?.vendor_brand_code ?? '',
    dim_weight: previous?.dim_weight ?? 0,
    dim_length: previous?.dim_length ?? 0,
    dim_width: previous?.dim_width ?? 0,
    dim_height: previous?.dim_height ?? 0,
    dim_volume: previous?.dim_volume ?? 0,
  };
}

/**
 * Checks one POST `skus` record. A record for an existing identifier updates
 * that SKU's catalog fields; whether it is a kit, and a kit's components,
 * cannot change. Kits need 1 to 30 existing components that are not kits
 * themselves.
 */
export function planSku(record: unknown, context: SkuContext): SkuPlan {
  if (!isRecord(record)) return reject('record', 'each record must be a JSON object');
  for (const key of Object.keys(record)) {
    if (!KNOWN_FIELDS.has(key)) return reject(key, `unknown field '${key}'`);
  }

  const cid = record.customer_identifier;
  if (typeof cid !== 'string' || cid.trim() === '') {
    return reject('customer_identifier', 'customer_identifier is required');
  }
  if (cid.length > 255) {
    return reject('customer_identifier', 'customer_identifier is longer than 255 characters');
  }
  const previous = context.skuByIdentifier(cid);

  const isKit = record.is_kit ?? previous?.is_kit ?? record.kit_skus !== undefined;
  if (typeof isKit !== 'boolean') return reject('is_kit', 'is_kit must be true or false');
  if (!isKit && record.kit_skus !== undefined) {
    return reject('kit_skus', 'kit_skus is only for kits; set is_kit to true or leave kit_skus out');
  }
  // Past counts are replayed with today's catalog, so changing a SKU's kit
  // structure would rewrite its history. It is fixed once created.
  if (previous && isKit !== previous.is_kit) {
    return reject('is_kit', `'${cid}' already exists ${previous.is_kit ? 'as a kit' : 'as a plain SKU'}; create a new SKU instead`);
  }
  const catalog = defaultCatalog(cid, previous);
  for (const field of TEXT_FIELDS) {
    const value = record[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') return reject(field, `${field} must be a string`);
    catalog[field] = value;
  }
  for (const field of NUMBER_FIELDS) {
    const value = record[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      return reject(field, `${field} must be a number of 0 or more`);
    }
    catalog[field] = value;
  }

  let components: KitComponent[] = [];
  if (isKit && previous && record.kit_skus === undefined) {
    components = previous.kit_skus;
  } else if (isKit) {
    const planned = planComponents(record.kit_skus, cid, context);
    if (!Array.isArray(planned)) return planned;
    components = planned;
  }
  if (previous?.is_kit && !sameComponents(previous.kit_skus, components)) {
    return reject('kit_skus', `the components of kit '${cid}' cannot change; create a new kit SKU instead`);
  }

  return { ok: true, draft: { ...catalog, customer_identifier: cid, is_kit: isKit, kit_skus: components } };
}

function planComponents(value: unknown, kitIdentifier: string, context: SkuContext): KitComponent[] | SkuPlan {
  if (!Array.isArray(value) || value.length === 0) {
    return reject('kit_skus', 'a kit needs kit_skus: [{customer_identifier, quantity}, ...]');
  }
  if (value.length > MAX_KIT_COMPONENTS) {
    return reject('kit_skus', `a kit has at most ${MAX_KIT_COMPONENTS} components`);
  }

  const components: KitComponent[] = [];
  for (const [index, item] of value.entries()) {
    const field = `kit_skus[${index}]`;
    if (!isRecord(item)) return reject(field, 'each component must be an object');
    const cid = item.customer_identifier;
    if (typeof cid !== 'string' || cid === '') {
      return reject(`${field}.customer_identifier`, 'component customer_identifier is required');
    }
    if (cid === kitIdentifier) {
      return reject(`${field}.customer_identifier`, 'a kit cannot contain itself');
    }
    const component = context.skuByIdentifier(cid);
    if (!component) {
      return reject(`${field}.customer_identifier`, `unknown component SKU '${cid}'`);
    }
    if (component.is_kit) {
      return reject(`${field}.customer_identifier`, `'${cid}' is a kit, and kits of kits are not allowed`);
    }
    const quantity = item.quantity ?? 1;
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
      return reject(`${field}.quantity`, 'component quantity must be an integer of 1 or more');
    }
    if (components.some((known) => known.sku_id === component.id)) {
      return reject(`${field}.customer_identifier`, `component '${cid}' is listed twice`);
    }
    components.push({ customer_identifier: cid, sku_id: component.id, quantity });
  }
  return components;
}

function sameComponents(a: readonly KitComponent[], b: readonly KitComponent[]): boolean {
  if (a.length !== b.length) return false;
  const key = (component: KitComponent) => `${component.sku_id}:${component.quantity}`;
  const left = new Set(a.map(key));
  return b.every((component) => left.has(key(component)));
}

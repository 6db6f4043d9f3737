import type { InventoryStatus, StoredStatus } from './statuses.js';
import type { Micros } from './time.js';

/** A distribution center of one account. */
export interface Location {
  id: string;
  name: string;
  street_line_one: string;
  street_line_two?: string;
  street_line_three?: string;
  city: string;
  locale_code: string;
  postal_code: string;
  short_code: string;
  timezone: string;
  /** Units the center can hold: on-hand units plus `expected` ones. */
  capacity: number;
  /** Share of the account's customers nearest to this center, any scale. */
  weight: number;
  created_at: Micros;
  updated_at: Micros;
  deleted_at?: Micros;
}

export interface KitComponent {
  customer_identifier: string;
  sku_id: string;
  quantity: number;
}

/** The vendor's catalog fields, all required by its schema. */
export interface CatalogFields {
  customer_bar_code: string;
  brand_name: string;
  product_name: string;
  product_category: string;
  product_sub_category: string;
  product_description: string;
  customer_brand_code: string;
  vendor_brand_code: string;
  dim_weight: number;
  dim_length: number;
  dim_width: number;
  dim_height: number;
  dim_volume: number;
}

export interface Sku extends CatalogFields {
  id: string;
  customer_identifier: string;
  is_kit: boolean;
  kit_skus: KitComponent[];
  created_at: Micros;
  updated_at: Micros;
}

/** One (location, status) count of a SKU, with the time of its last change. */
export interface StatusCount {
  inventory_location_id: string;
  inventory_status: InventoryStatus;
  quantity: number;
  as_of: Micros;
}

/** Counts of one SKU, in the shape the inventory route reports. */
export interface SkuCounts {
  total_units: number;
  total_available_to_sell: number;
  as_of: Micros;
  status_counts: StatusCount[];
}

export type { StoredStatus };

/** Formats a location's address on one line, as the provider prints it. */
export function formatAddress(location: Location): string {
  const street = [location.street_line_one, location.street_line_two, location.street_line_three]
    .filter((line): line is string => typeof line === 'string' && line !== '')
    .join(', ');
  return `${location.name} | ${street}, ${location.city}, ${location.locale_code} ${location.postal_code}`;
}

/**
 * The fixture format: seed data that a user can copy and edit. Dates are
 * RFC 3339 strings. `contracts/fixture.schema.json` is the JSON Schema of
 * this format, and loading a fixture validates against it first.
 */
export interface FixtureFile {
  accounts: AccountFixture[];
}

export interface AccountFixture {
  slug: string;
  /** Standard Webhooks secret (`whsec_` + base64) that signs callbacks. */
  callback_secret?: string;
  /** Time of the ledger events that load `stock`; defaults to load time. */
  stocked_at?: string;
  locations: LocationFixture[];
  skus: SkuFixture[];
  stock: StockFixture[];
}

export interface LocationFixture {
  id: string;
  name: string;
  street_line_one: string;
  street_line_two?: string;
  street_line_three?: string;
  city: string;
  locale_code: string;
  postal_code: string;
  short_code?: string;
  timezone: string;
  /** Most units the center can store; unlimited when left out. */
  capacity?: number;
  /** Demand weight for the distribution policy; 1 when left out. */
  weight?: number;
  created_at?: string;
  updated_at?: string;
}

export interface SkuFixture {
  id?: string;
  customer_identifier: string;
  is_kit?: boolean;
  kit_skus?: { customer_identifier: string; quantity: number }[];
  customer_bar_code?: string;
  brand_name?: string;
  product_name?: string;
  product_category?: string;
  product_sub_category?: string;
  product_description?: string;
  customer_brand_code?: string;
  vendor_brand_code?: string;
  dim_weight?: number;
  dim_length?: number;
  dim_width?: number;
  dim_height?: number;
  dim_volume?: number;
  created_at?: string;
  updated_at?: string;
}

export interface StockFixture {
  customer_identifier: string;
  inventory_location_id: string;
  inventory_status: string;
  quantity: number;
  /** Time of this row's ledger event; defaults to the account's `stocked_at`. */
  at?: string;
}

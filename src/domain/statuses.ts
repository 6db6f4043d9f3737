/** Inventory statuses, grouped as the provider groups them. */
export const SELLABLE_STATUSES = ['available', 'expected', 'received'] as const;
export const QUALITY_CONTROL_STATUSES = [
  'quality-control',
  'refurbishing',
  'under-investigation',
] as const;
export const PROCESSING_STATUSES = ['in-receiving', 'allocated', 'picked'] as const;
export const UNAVAILABLE_STATUSES = [
  'damaged',
  'lost',
  'expired',
  'backordered',
  'oversellable',
] as const;
/** Units that left the network: kept in the ledger, left out of totals. */
export const GONE_STATUSES = ['shipped', 'destroyed', 'consumed', 'relabeled'] as const;
/** Derived for kits from their components, never written directly. */
export const KIT_STATUS = 'kit-to-ship-available' as const;

/** Statuses that a ledger event may write to. */
export const STORED_STATUSES = [
  ...SELLABLE_STATUSES,
  ...QUALITY_CONTROL_STATUSES,
  ...PROCESSING_STATUSES,
  ...UNAVAILABLE_STATUSES,
  ...GONE_STATUSES,
] as const;

export const ALL_STATUSES = [...STORED_STATUSES, KIT_STATUS] as const;

export type StoredStatus = (typeof STORED_STATUSES)[number];
export type InventoryStatus = (typeof ALL_STATUSES)[number];

const stored = new Set<string>(STORED_STATUSES);
const all = new Set<string>(ALL_STATUSES);
const sellable = new Set<string>(SELLABLE_STATUSES);
const gone = new Set<string>(GONE_STATUSES);

export function isStoredStatus(value: unknown): value is StoredStatus {
  return typeof value === 'string' && stored.has(value);
}

export function isInventoryStatus(value: unknown): value is InventoryStatus {
  return typeof value === 'string' && all.has(value);
}

export function isSellable(status: InventoryStatus): boolean {
  return sellable.has(status);
}

export function isGone(status: InventoryStatus): boolean {
  return gone.has(status);
}

/** True when units in this status count toward `total_units`. */
export function countsTowardUnits(status: InventoryStatus): boolean {
  return !gone.has(status) && status !== KIT_STATUS;
}

/**
 * True when units in this status take up room in a distribution center:
 * everything physically there, so not `expected`, not gone, not derived.
 */
export function countsAsOnHand(status: InventoryStatus): boolean {
  return countsTowardUnits(status) && status !== 'expected';
}

import type { KitComponent, SkuCounts, StatusCount } from './catalog.js';
import type { PairCount } from './ledger.js';
import {
  KIT_STATUS,
  countsAsOnHand,
  countsTowardUnits,
  isSellable,
  type InventoryStatus,
} from './statuses.js';
import type { Micros } from './time.js';

export interface CountOptions {
  /** Restricts rows and totals to one location. */
  locationId?: string;
  /** Keeps only these statuses in `status_counts`; totals stay whole. */
  statuses?: ReadonlySet<string>;
}

/** Inputs of a SKU's counts: its own pairs and, for a kit, its components' pairs. */
export interface CountInput {
  createdAt: Micros;
  pairs: readonly PairCount[];
  kit?: {
    components: readonly KitComponent[];
    componentPairs: ReadonlyMap<string, readonly PairCount[]>;
  };
}

/** Sums units that count toward `total_units`. */
export function totalUnits(rows: readonly StatusCount[]): number {
  let sum = 0;
  for (const row of rows) if (countsTowardUnits(row.inventory_status)) sum += row.quantity;
  return sum;
}

/**
 * Sums available-to-sell: available + expected + received, plus the derived
 * kit status for kits (derived rows only exist for kits).
 */
export function availableToSell(rows: readonly StatusCount[]): number {
  let sum = 0;
  for (const row of rows) {
    if (isSellable(row.inventory_status) || row.inventory_status === KIT_STATUS) {
      sum += row.quantity;
    }
  }
  return sum;
}

/** Sums units that take up room in a center, for the capacity rule. */
export function unitsOnHand(pairs: readonly PairCount[]): number {
  let sum = 0;
  for (const pair of pairs) if (countsAsOnHand(pair.status)) sum += pair.quantity;
  return sum;
}

/**
 * Computes kit-to-ship-available per location: the minimum over components
 * of floor(component available there / quantity per kit). A location is
 * listed once every component has had an `available` row there.
 */
export function kitAvailability(
  components: readonly KitComponent[],
  componentPairs: ReadonlyMap<string, readonly PairCount[]>,
): StatusCount[] {
  if (components.length === 0) return [];

  let candidates: Map<string, { quantity: number; as_of: Micros }> | undefined;
  for (const component of components) {
    const available = new Map<string, { quantity: number; as_of: Micros }>();
    for (const pair of componentPairs.get(component.sku_id) ?? []) {
      if (pair.status !== 'available') continue;
      available.set(pair.location_id, {
        quantity: Math.floor(pair.quantity / component.quantity),
        as_of: pair.as_of,
      });
    }

    if (!candidates) {
      candidates = available;
      continue;
    }
    const next = new Map<string, { quantity: number; as_of: Micros }>();
    for (const [locationId, so_far] of candidates) {
      const own = available.get(locationId);
      if (!own) continue;
      next.set(locationId, {
        quantity: Math.min(so_far.quantity, own.quantity),
        as_of: Math.max(so_far.as_of, own.as_of),
      });
    }
    candidates = next;
  }

  return [...(candidates ?? new Map()).entries()].map(([locationId, value]) => ({
    inventory_location_id: locationId,
    inventory_status: KIT_STATUS,
    quantity: value.quantity,
    as_of: value.as_of,
  }));
}

/** Builds the counts of one SKU as the inventory route reports them. */
export function skuCounts(input: CountInput, options: CountOptions = {}): SkuCounts {
  let rows: StatusCount[] = input.pairs.map((pair) => ({
    inventory_location_id: pair.location_id,
    inventory_status: pair.status as InventoryStatus,
    quantity: pair.quantity,
    as_of: pair.as_of,
  }));
  if (input.kit) {
    rows.push(...kitAvailability(input.kit.components, input.kit.componentPairs));
  }
  if (options.locationId !== undefined) {
    const locationId = options.locationId;
    rows = rows.filter((row) => row.inventory_location_id === locationId);
  }

  let asOf = input.createdAt;
  if (rows.length > 0) {
    asOf = Math.max(...rows.map((row) => row.as_of));
  }

  const statuses = options.statuses;
  return {
    total_units: totalUnits(rows),
    total_available_to_sell: availableToSell(rows),
    as_of: asOf,
    status_counts: statuses ? rows.filter((row) => statuses.has(row.inventory_status)) : rows,
  };
}

import type { Location, Sku } from './catalog.js';
import { isInventoryStatus, isStoredStatus, KIT_STATUS, type StoredStatus } from './statuses.js';

export const ADJUSTMENT_REASONS = [
  'cycle_count_adjustment',
  'received',
  'found',
  'lost',
  'damaged',
  'expired',
  'returned',
  'shipped',
  'allocated',
  'status_change',
  'correction',
] as const;

export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** A per-record problem, in the batch answer's `messages` shape. */
export interface FieldMessage {
  field_name: string;
  errors: string[];
}

/** One change to one (location, status) pair, possibly moving units on. */
export interface AdjustmentStep {
  sku: Sku;
  location_id: string;
  status: StoredStatus;
  /** Signed change of `status`; for a move, the negated units moved. */
  change: number;
  previous_quantity: number;
  new_quantity: number;
  to_status?: StoredStatus;
  to_previous_quantity?: number;
  to_new_quantity?: number;
  reason: AdjustmentReason;
  actor: string;
  notes?: string;
}

export type PlanResult =
  | { ok: true; steps: AdjustmentStep[]; distributed?: boolean }
  | { ok: false; messages: FieldMessage[] };

/** Read access to the account that a plan needs; nothing here writes. */
export interface PlanContext {
  skuByIdentifier(customerIdentifier: string): Sku | undefined;
  skuById(id: string): Sku | undefined;
  location(id: string): Location | undefined;
  quantity(skuId: string, locationId: string, status: StoredStatus): number;
  /** Splits inbound units without a location; undefined when nothing fits. */
  distribute(quantity: number): { location_id: string; quantity: number }[] | undefined;
}

const reasons = new Set<string>(ADJUSTMENT_REASONS);

/** Most units one record may add, remove or set: counts stay exact integers. */
export const MAX_RECORD_QUANTITY = 1_000_000_000;

export function fail(field: string, error: string): PlanResult {
  return { ok: false, messages: [{ field_name: field, errors: [error] }] };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ADJUSTMENT_FIELDS = new Set([
  'customer_identifier',
  'inventory_location_id',
  'inventory_status',
  'adjustment_quantity',
  'new_quantity',
  'to_status',
  'adjustment_reason',
  'adjusted_by',
  'adjustment_notes',
  'idempotency_key',
]);

/** Longest `adjusted_by` or `adjustment_notes`, in characters. */
export const MAX_TEXT_LENGTH = 4096;

function optionalText(record: Record<string, unknown>, field: string): string | FieldMessage {
  const value = record[field];
  if (value === undefined) return '';
  if (typeof value !== 'string') {
    return { field_name: field, errors: [`${field} must be a string`] };
  }
  if (value.length > MAX_TEXT_LENGTH) {
    return { field_name: field, errors: [`${field} is longer than ${MAX_TEXT_LENGTH} characters`] };
  }
  return value;
}

/**
 * Plans one `inventory_adjustments` record against the current counts.
 * Checks every rule before anything is written, so a failure changes nothing.
 */
export function planAdjustment(record: unknown, context: PlanContext): PlanResult {
  if (!isRecord(record)) return fail('record', 'each record must be a JSON object');

  for (const key of Object.keys(record)) {
    if (!ADJUSTMENT_FIELDS.has(key)) return fail(key, `unknown field '${key}'`);
  }

  const cid = record.customer_identifier;
  if (typeof cid !== 'string' || cid === '') {
    return fail('customer_identifier', 'customer_identifier is required');
  }
  const sku = context.skuByIdentifier(cid);
  if (!sku) return fail('customer_identifier', `unknown SKU '${cid}'`);

  const status = record.inventory_status;
  if (status === KIT_STATUS) {
    return fail('inventory_status', `${KIT_STATUS} is derived from kit components and cannot be adjusted`);
  }
  if (!isStoredStatus(status)) {
    return fail('inventory_status', `unknown inventory_status '${String(status)}'`);
  }

  const reason = record.adjustment_reason;
  if (typeof reason !== 'string' || !reasons.has(reason)) {
    const got = reason === undefined ? 'missing' : `'${String(reason)}'`;
    return fail(
      'adjustment_reason',
      `adjustment_reason is ${got}; use one of ${ADJUSTMENT_REASONS.join(', ')}`,
    );
  }

  const actor = optionalText(record, 'adjusted_by');
  if (typeof actor !== 'string') return { ok: false, messages: [actor] };
  const notes = optionalText(record, 'adjustment_notes');
  if (typeof notes !== 'string') return { ok: false, messages: [notes] };

  const hasDelta = record.adjustment_quantity !== undefined;
  const hasAbsolute = record.new_quantity !== undefined;
  if (hasDelta === hasAbsolute) {
    return fail(
      hasDelta ? 'new_quantity' : 'adjustment_quantity',
      'give exactly one of adjustment_quantity and new_quantity',
    );
  }
  const quantityField = hasDelta ? 'adjustment_quantity' : 'new_quantity';
  const quantity = record[quantityField];
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity)) {
    return fail(quantityField, `${quantityField} must be an integer, got ${JSON.stringify(quantity)}`);
  }
  if (Math.abs(quantity) > MAX_RECORD_QUANTITY) {
    return fail(quantityField, `${quantityField} must be at most ${MAX_RECORD_QUANTITY} units in size, got ${quantity}`);
  }
  if (hasDelta && quantity === 0) {
    return fail('adjustment_quantity', 'adjustment_quantity must not be 0');
  }
  if (hasAbsolute && quantity < 0) {
    return fail('new_quantity', `new_quantity must be 0 or more, got ${quantity}`);
  }

  const base = {
    sku,
    status,
    reason: reason as AdjustmentReason,
    actor: actor === '' ? 'api' : actor,
    ...(notes === '' ? {} : { notes }),
  };

  const toStatus = record.to_status;
  if (toStatus !== undefined) {
    return planMove(record, context, base, toStatus, hasAbsolute, quantity);
  }

  const locationId = record.inventory_location_id;
  if (locationId === undefined && status === 'expected' && hasDelta && quantity > 0) {
    return planDistributed(context, base, quantity);
  }
  const location = checkLocation(locationId, context);
  if (typeof location !== 'string') return location;

  const previous = context.quantity(sku.id, location, status);
  const next = hasDelta ? previous + quantity : quantity;
  if (next < 0) {
    return fail(
      quantityField,
      `${status} at location ${location} would go below zero (${previous} ${quantity >= 0 ? '+' : '-'} ${Math.abs(quantity)})`,
    );
  }
  if (next === previous) {
    return fail('new_quantity', `new_quantity equals the current ${status} quantity ${previous}`);
  }

  return {
    ok: true,
    steps: [{ ...base, location_id: location, change: next - previous, previous_quantity: previous, new_quantity: next }],
  };
}

export function checkLocation(value: unknown, context: PlanContext): string | PlanResult {
  if (value === undefined) {
    return fail('inventory_location_id', 'inventory_location_id is required');
  }
  if (typeof value !== 'string' || !context.location(value)) {
    return fail('inventory_location_id', `unknown location '${String(value)}'`);
  }
  return value;
}

export type StepBase = Pick<AdjustmentStep, 'sku' | 'status' | 'reason' | 'actor' | 'notes'>;

function planMove(
  record: Record<string, unknown>,
  context: PlanContext,
  base: StepBase,
  toStatus: unknown,
  hasAbsolute: boolean,
  quantity: number,
): PlanResult {
  if (toStatus === KIT_STATUS) {
    return fail('to_status', `${KIT_STATUS} is derived from kit components and cannot be moved into`);
  }
  if (!isStoredStatus(toStatus)) {
    const hint = isInventoryStatus(toStatus) ? '' : '; use one of the inventory statuses';
    return fail('to_status', `unknown to_status '${String(toStatus)}'${hint}`);
  }
  if (toStatus === base.status) {
    return fail('to_status', 'to_status must differ from inventory_status');
  }
  if (hasAbsolute) {
    return fail('new_quantity', 'a move with to_status takes adjustment_quantity, not new_quantity');
  }
  if (quantity <= 0) {
    return fail('adjustment_quantity', `a move needs a positive adjustment_quantity, got ${quantity}`);
  }

  const location = checkLocation(record.inventory_location_id, context);
  if (typeof location !== 'string') return location;

  return planMoveAt(context, base, location, toStatus, quantity, 'adjustment_quantity');
}

/**
 * Plans moving `quantity` units of `base.status` to `toStatus` at one
 * location; `field` is the record field a failure names.
 */
export function planMoveAt(
  context: PlanContext,
  base: StepBase,
  location: string,
  toStatus: StoredStatus,
  quantity: number,
  field: string,
): PlanResult {
  const previous = context.quantity(base.sku.id, location, base.status);
  if (previous - quantity < 0) {
    return fail(field, `${base.status} at location ${location} would go below zero (${previous} - ${quantity})`);
  }
  const toPrevious = context.quantity(base.sku.id, location, toStatus);
  return {
    ok: true,
    steps: [
      {
        ...base,
        location_id: location,
        change: -quantity,
        previous_quantity: previous,
        new_quantity: previous - quantity,
        to_status: toStatus,
        to_previous_quantity: toPrevious,
        to_new_quantity: toPrevious + quantity,
      },
    ],
  };
}

export function planDistributed(context: PlanContext, base: StepBase, quantity: number): PlanResult {
  const shares = context.distribute(quantity);
  if (!shares) {
    return fail(
      'adjustment_quantity',
      `the distribution centers have no room for ${quantity} more units; add capacity or give inventory_location_id`,
    );
  }
  const placed = shares.reduce((sum, share) => sum + share.quantity, 0);
  if (placed !== quantity) {
    return fail('adjustment_quantity', `the distribution policy placed ${placed} of ${quantity} units; check the centers' weights`);
  }
  const steps = shares.map((share) => {
    const previous = context.quantity(base.sku.id, share.location_id, base.status);
    return {
      ...base,
      location_id: share.location_id,
      change: share.quantity,
      previous_quantity: previous,
      new_quantity: previous + share.quantity,
    };
  });
  return { ok: true, steps, distributed: true };
}

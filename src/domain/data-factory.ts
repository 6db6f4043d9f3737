import type { Sku } from './catalog.js';
import {
  checkLocation,
  fail,
  isRecord,
  MAX_RECORD_QUANTITY,
  planDistributed,
  planMoveAt,
  type AdjustmentReason,
  type PlanContext,
  type PlanResult,
  type StepBase,
} from './adjustments.js';

/** Record of `data_factory/createAvailable` or `data_factory/loseInventory`. */
export function planDataFactory(
  kind: 'createAvailable' | 'loseInventory',
  record: unknown,
  context: PlanContext,
): PlanResult {
  if (!isRecord(record)) return fail('record', 'each record must be a JSON object');
  for (const key of Object.keys(record)) {
    if (!['sku_id', 'customer_identifier', 'quantity', 'inventory_location_id'].includes(key)) {
      return fail(key, `unknown field '${key}'`);
    }
  }

  let sku: Sku | undefined;
  if (record.sku_id !== undefined) {
    sku = typeof record.sku_id === 'string' ? context.skuById(record.sku_id) : undefined;
    if (!sku) return fail('sku_id', `unknown SKU id '${String(record.sku_id)}'`);
  } else if (record.customer_identifier !== undefined) {
    const cid = record.customer_identifier;
    sku = typeof cid === 'string' ? context.skuByIdentifier(cid) : undefined;
    if (!sku) return fail('customer_identifier', `unknown SKU '${String(cid)}'`);
  } else {
    return fail('customer_identifier', 'give sku_id or customer_identifier');
  }

  const requested = record.quantity ?? 0;
  if (typeof requested !== 'number' || !Number.isSafeInteger(requested) || requested < 0 || requested > MAX_RECORD_QUANTITY) {
    return fail('quantity', `quantity must be an integer from 0 to ${MAX_RECORD_QUANTITY}, got ${JSON.stringify(requested)}`);
  }
  // The vendor's sandbox treats a missing or zero quantity as one unit.
  const quantity = requested === 0 ? 1 : requested;

  const reason: AdjustmentReason = kind === 'createAvailable' ? 'received' : 'lost';
  const base: StepBase = { sku, status: 'available', reason, actor: 'data_factory' };

  if (kind === 'createAvailable') {
    if (record.inventory_location_id === undefined) return planDistributed(context, base, quantity);
    const location = checkLocation(record.inventory_location_id, context);
    if (typeof location !== 'string') return location;
    const previous = context.quantity(sku.id, location, 'available');
    return {
      ok: true,
      steps: [{ ...base, location_id: location, change: quantity, previous_quantity: previous, new_quantity: previous + quantity }],
    };
  }

  const location = checkLocation(record.inventory_location_id, context);
  if (typeof location !== 'string') return location;
  return planMoveAt(context, base, location, 'lost', quantity, 'quantity');
}

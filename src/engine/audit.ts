import type { StoredStatus } from '../domain/statuses.js';
import type { Micros } from '../domain/time.js';

/**
 * One audit entry: the arithmetic of one change to one (location, status)
 * pair. For a move (`to_status`), `previous_quantity`/`new_quantity` describe
 * the source status and `to_previous_quantity`/`to_new_quantity` the target,
 * and `adjustment_quantity` is the positive number of units moved.
 */
export interface AuditEntry {
  id: string;
  customer_identifier: string;
  sku_id: string;
  inventory_location_id: string;
  inventory_status: StoredStatus;
  to_status?: StoredStatus;
  previous_quantity: number;
  new_quantity: number;
  adjustment_quantity: number;
  to_previous_quantity?: number;
  to_new_quantity?: number;
  adjustment_reason: string;
  adjusted_by: string;
  adjustment_notes?: string;
  adjusted_at: Micros;
  distribution_id?: string;
  idempotency_key?: string;
}

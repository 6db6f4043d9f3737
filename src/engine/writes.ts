import {
  isRecord,
  planAdjustment,
  type FieldMessage,
  type PlanContext,
  type PlanResult,
} from '../domain/adjustments.js';
import { planDataFactory } from '../domain/data-factory.js';
import { planSku } from '../domain/skus.js';
import type { Account } from './account.js';
import { wireAudit, type WireObject } from './inventory-view.js';

export interface BatchResult {
  records_submitted: number;
  records_processed: number;
  records_succeeded: number;
  records_failed: number;
  results: WireObject[];
}

export function failure(identifier: unknown, messages: FieldMessage[]): WireObject {
  return {
    ...(typeof identifier === 'string' ? { customer_identifier: identifier } : {}),
    status: 'failure',
    messages,
  };
}

/** Runs each record in order; one record's failure leaves the others applied. */
export function runBatch(records: readonly unknown[], apply: (record: unknown) => WireObject): BatchResult {
  const results = records.map(apply);
  const succeeded = results.filter((result) => result.status === 'success').length;
  return {
    records_submitted: records.length,
    records_processed: results.length,
    records_succeeded: succeeded,
    records_failed: results.length - succeeded,
    results,
  };
}

export function planContext(account: Account): PlanContext {
  return {
    skuByIdentifier: (cid) => account.skuByIdentifier(cid),
    skuById: (id) => account.skuById(id),
    location: (id) => account.location(id),
    quantity: (skuId, locationId, status) => account.quantity(skuId, locationId, status),
    distribute: (quantity) => account.distribute(quantity),
  };
}

function identifierOf(record: unknown): unknown {
  return isRecord(record) ? record.customer_identifier : undefined;
}

/** Commits a successful plan and shapes its result. */
function commitPlan(account: Account, plan: Extract<PlanResult, { ok: true }>, idempotencyKey?: string) {
  const distributionId = plan.distributed ? account.ids.uuid() : undefined;
  const { audit } = account.commit(plan.steps, {
    ...(distributionId === undefined ? {} : { distributionId }),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  });
  const sku = plan.steps[0]?.sku;
  const entries = audit.map(wireAudit);
  const result: WireObject = {
    customer_identifier: sku?.customer_identifier,
    sku_id: sku?.id,
    status: 'success',
    id: audit[0]?.id,
  };
  if (distributionId === undefined) {
    result.adjustment = entries[0];
  } else {
    result.distribution_id = distributionId;
    result.adjustments = entries;
  }
  return result;
}

/** Canonical JSON of a record without its idempotency key, keys sorted. */
function fingerprint(record: Record<string, unknown>): string {
  const { idempotency_key: _key, ...rest } = record;
  return JSON.stringify(Object.keys(rest).sort().map((key) => [key, rest[key]]));
}

/** Applies `inventory_adjustments` records. */
export function applyAdjustments(account: Account, records: readonly unknown[]): BatchResult {
  const context = planContext(account);
  return runBatch(records, (record) => {
    const key = isRecord(record) ? record.idempotency_key : undefined;
    if (key !== undefined && (typeof key !== 'string' || key === '')) {
      return failure(identifierOf(record), [
        { field_name: 'idempotency_key', errors: ['idempotency_key must be a non-empty string'] },
      ]);
    }
    if (typeof key === 'string' && isRecord(record)) {
      const seen = account.idempotency.get(key);
      if (seen) {
        if (seen.fingerprint === fingerprint(record)) return seen.result as WireObject;
        return failure(identifierOf(record), [
          {
            field_name: 'idempotency_key',
            errors: [
              `IDEMPOTENCY_KEY_REUSED: key '${key}' was already used for a different record; use a new key for a new change`,
            ],
          },
        ]);
      }
    }

    const plan = planAdjustment(record, context);
    if (!plan.ok) return failure(identifierOf(record), plan.messages);
    const result = commitPlan(account, plan, typeof key === 'string' ? key : undefined);
    if (typeof key === 'string' && isRecord(record)) {
      account.idempotency.set(key, { fingerprint: fingerprint(record), result });
    }
    return result;
  });
}

/** Applies `data_factory/createAvailable` or `data_factory/loseInventory` records. */
export function applyDataFactory(
  account: Account,
  kind: 'createAvailable' | 'loseInventory',
  records: readonly unknown[],
): BatchResult {
  const context = planContext(account);
  return runBatch(records, (record) => {
    const plan = planDataFactory(kind, record, context);
    if (!plan.ok) return failure(identifierOf(record), plan.messages);
    return commitPlan(account, plan);
  });
}

/** Applies POST `skus` records: new SKUs and kits, or updates by identifier. */
export function applySkus(account: Account, records: readonly unknown[]): BatchResult {
  const context = { skuByIdentifier: (cid: string) => account.skuByIdentifier(cid) };
  return runBatch(records, (record) => {
    const plan = planSku(record, context);
    if (!plan.ok) return failure(identifierOf(record), plan.messages);

    const now = account.now();
    const previous = account.skuByIdentifier(plan.draft.customer_identifier);
    account.putSku({
      ...plan.draft,
      id: previous?.id ?? account.ids.uuid(),
      created_at: previous?.created_at ?? now,
      updated_at: now,
    });
    const sku = account.skuByIdentifier(plan.draft.customer_identifier);
    return {
      customer_identifier: plan.draft.customer_identifier,
      status: 'success',
      id: sku?.id,
      created: previous === undefined,
    };
  });
}

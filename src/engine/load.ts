import type { AdjustmentStep } from '../domain/adjustments.js';
import type { Location } from '../domain/catalog.js';
import { defaultCatalog } from '../domain/skus.js';
import { isStoredStatus } from '../domain/statuses.js';
import { parseRfc3339, type Micros } from '../domain/time.js';
import type { Clock } from '../simulation/clock.js';
import { Account } from './account.js';
import { FixtureError } from './errors.js';
import type { AccountFixture } from './fixture-format.js';
import { deriveSeed, IdSource } from './ids.js';

/** Capacity of a center whose fixture gives none. */
export const UNLIMITED_CAPACITY = 1_000_000_000;

export interface LoadOptions {
  clock: Clock;
  seed: number;
  /** Index of the account in its file, for error pointers. */
  pointer?: string;
}

function time(value: string | undefined, fallback: Micros, pointer: string): Micros {
  if (value === undefined) return fallback;
  const parsed = parseRfc3339(value);
  if (parsed === undefined) throw new FixtureError(pointer, `'${value}' is not an RFC 3339 date-time`);
  return parsed;
}

/**
 * Builds an account from its fixture. Stock rows become ledger events
 * appended through the account's one commit path, oldest first. They write
 * no audit entries and queue no callbacks, because nothing changed for a
 * client yet.
 */
export function loadAccount(fixture: AccountFixture, options: LoadOptions): Account {
  const at = options.pointer ?? '';
  const seed = deriveSeed(options.seed, fixture.slug);
  const secret =
    fixture.callback_secret ?? `whsec_${new IdSource(seed ^ 0x5ec2e7).bytes(24).toString('base64')}`;
  const account = new Account({ slug: fixture.slug, clock: options.clock, seed, callbackSecret: secret });

  const now = options.clock.now();
  const stockedAt = time(fixture.stocked_at, now, `${at}/stocked_at`);

  fixture.locations.forEach((item, index) => {
    const pointer = `${at}/locations/${index}`;
    if (account.location(item.id)) throw new FixtureError(`${pointer}/id`, `duplicate location id '${item.id}'`);
    const created = time(item.created_at, stockedAt, `${pointer}/created_at`);
    const location: Location = {
      ...item,
      short_code: item.short_code ?? item.name.slice(0, 3).toUpperCase(),
      capacity: item.capacity ?? UNLIMITED_CAPACITY,
      weight: item.weight ?? 1,
      created_at: created,
      updated_at: time(item.updated_at, created, `${pointer}/updated_at`),
    };
    account.addLocation(location);
  });

  // Plain SKUs first, so that kits can refer to any of them.
  const order = fixture.skus.map((sku, index) => ({ sku, index }));
  order.sort((a, b) => Number(a.sku.is_kit ?? false) - Number(b.sku.is_kit ?? false));
  for (const { sku: item, index } of order) {
    const pointer = `${at}/skus/${index}`;
    if (account.skuByIdentifier(item.customer_identifier)) {
      throw new FixtureError(`${pointer}/customer_identifier`, `duplicate SKU '${item.customer_identifier}'`);
    }
    const components = (item.kit_skus ?? []).map((component, position) => {
      const found = account.skuByIdentifier(component.customer_identifier);
      const componentPointer = `${pointer}/kit_skus/${position}/customer_identifier`;
      if (!found) {
        throw new FixtureError(componentPointer, `unknown component SKU '${component.customer_identifier}'`);
      }
      if (found.is_kit) {
        throw new FixtureError(componentPointer, `'${component.customer_identifier}' is a kit; kits of kits are not allowed`);
      }
      return { customer_identifier: found.customer_identifier, sku_id: found.id, quantity: component.quantity };
    });
    const created = time(item.created_at, stockedAt, `${pointer}/created_at`);
    const catalog = defaultCatalog(item.customer_identifier);
    const { kit_skus: _components, id, created_at: _created, updated_at, is_kit, ...fields } = item;
    account.putSku({
      ...catalog,
      ...fields,
      id: id ?? account.ids.uuid(),
      is_kit: is_kit ?? components.length > 0,
      kit_skus: components,
      created_at: created,
      updated_at: time(updated_at, created, `${pointer}/updated_at`),
    });
  }

  const rows = fixture.stock.map((row, index) => {
    const pointer = `${at}/stock/${index}`;
    const sku = account.skuByIdentifier(row.customer_identifier);
    if (!sku) throw new FixtureError(`${pointer}/customer_identifier`, `unknown SKU '${row.customer_identifier}'`);
    if (!account.location(row.inventory_location_id)) {
      throw new FixtureError(`${pointer}/inventory_location_id`, `unknown location '${row.inventory_location_id}'`);
    }
    if (!isStoredStatus(row.inventory_status)) {
      throw new FixtureError(`${pointer}/inventory_status`, `'${row.inventory_status}' is not a status that can hold stock`);
    }
    if (!Number.isSafeInteger(row.quantity) || row.quantity < 0) {
      throw new FixtureError(`${pointer}/quantity`, 'quantity must be an integer of 0 or more');
    }
    return { row, sku, status: row.inventory_status, at: time(row.at, stockedAt, `${pointer}/at`) };
  });
  rows.sort((a, b) => a.at - b.at);

  // Rows of one instant go in as one commit, which keeps loading large
  // fixtures fast; the events are the same either way.
  let pending: AdjustmentStep[] = [];
  let pendingAt: Micros | undefined;
  const flush = () => {
    if (pending.length === 0 || pendingAt === undefined) return;
    account.commit(pending, { audited: false, at: pendingAt, reference: `inventory-mock:${fixture.slug}:fixture` });
    pending = [];
  };
  for (const { row, sku, status, at: rowAt } of rows) {
    if (row.quantity === 0) continue;
    if (rowAt !== pendingAt) {
      flush();
      pendingAt = rowAt;
    }
    pending.push({
      sku,
      location_id: row.inventory_location_id,
      status,
      change: row.quantity,
      // Only the ledger events matter for fixture rows; no audit entry is written.
      previous_quantity: 0,
      new_quantity: row.quantity,
      reason: 'received',
      actor: 'fixture',
    });
  }
  flush();
  return account;
}

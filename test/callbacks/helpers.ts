import type { DeliveryMessage } from '../../src/callbacks/types.js';
import type { Account } from '../../src/engine/account.js';
import { F0 } from '../support/fixtures.js';
import type { ApiResponse, TestMock } from '../support/mock.js';
import type { Receiver } from '../support/receiver.js';

/** Registers `type` at `<receiver>/hooks/<path>`, failing the test on anything but success. */
export async function register(
  mock: TestMock,
  receiver: Receiver,
  type = 'skuInventoryChange',
  extra: Record<string, unknown> = {},
): Promise<string> {
  const path = type === 'snapshotReady' ? '/hooks/snapshot' : '/hooks/inventory';
  const res = await mock.post('/callbacks', [{ url: `${receiver.url}${path}`, message_type: type, api_version: '1.0', ...extra }]);
  const result = res.body?.results?.[0];
  if (result?.status !== 'success') throw new Error(`registration failed: ${res.text}`);
  return result.id as string;
}

/** Adjusts one SKU at a location by `quantity` (reason `correction` unless given). */
export function adjust(
  mock: TestMock,
  cid: string,
  quantity: number,
  options: { location?: string; status?: string; toStatus?: string; reason?: string; notes?: string } = {},
): Promise<ApiResponse> {
  return mock.post('/inventory_adjustments', [
    {
      customer_identifier: cid,
      inventory_location_id: options.location ?? F0.L1,
      inventory_status: options.status ?? 'available',
      adjustment_quantity: quantity,
      adjustment_reason: options.reason ?? 'correction',
      ...(options.toStatus === undefined ? {} : { to_status: options.toStatus }),
      ...(options.notes === undefined ? {} : { adjustment_notes: options.notes }),
    },
  ]);
}

export function accountOf(mock: TestMock, slug = F0.account): Account {
  const account = mock.running.mock.account(slug);
  if (!account) throw new Error(`no account ${slug}`);
  return account;
}

export function messagesOf(mock: TestMock, slug = F0.account): DeliveryMessage[] {
  return mock.running.server.callbacks.messages(accountOf(mock, slug));
}

/** Waits until every request in flight has settled. */
export function settle(mock: TestMock): Promise<void> {
  return mock.running.server.callbacks.idle();
}

/**
 * Moves the manual clock from timer to timer until `totalMs` have passed,
 * letting each attempt that fires settle before the next move.
 */
export async function runClock(mock: TestMock, totalMs: number, slug = F0.account): Promise<void> {
  const account = accountOf(mock, slug);
  const end = account.clock.now() + totalMs * 1000;
  await settle(mock);
  for (;;) {
    const due = account.clock.nextDue();
    if (due === undefined || due > end) break;
    account.clock.set(due);
    await settle(mock);
  }
  account.clock.set(end);
  await settle(mock);
}

/** Records of one SKU in a received skuInventoryChange body. */
export function recordsOf(body: any, cid: string): any[] {
  return (body?.data ?? []).filter((record: { customer_identifier: string }) => record.customer_identifier === cid);
}

/** Returns the quantity of one (location, status) row of a record. */
export function rowQuantity(record: any, location: string, status: string): number | undefined {
  return record.status_counts.find(
    (row: { inventory_location_id: string; inventory_status: string }) =>
      row.inventory_location_id === location && row.inventory_status === status,
  )?.quantity;
}

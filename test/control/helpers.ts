import { expect } from 'vitest';
import type { JournalEntry } from '../../src/control/types.js';
import type { TestMock } from '../support/mock.js';
import { F0 } from '../support/fixtures.js';

/** Builds "adjust SKU at L1 available +n" as one batch record. */
export function adjustment(sku: string, quantity: number, location: string = F0.L1) {
  return [
    {
      customer_identifier: sku,
      inventory_location_id: location,
      inventory_status: 'available',
      adjustment_quantity: quantity,
      adjustment_reason: 'correction',
    },
  ];
}

/** Reads total units and ATS of one SKU over the API. */
export async function countsOf(mock: TestMock, sku: string, account: string = F0.account): Promise<[number, number]> {
  const response = await mock.get(`/inventory?cid=${encodeURIComponent(sku)}`, { account });
  expect(response.status).toBe(200);
  const record = response.body.data[0];
  return [record.total_units, record.total_available_to_sell];
}

/** Reads journal entries, newest first, over HTTP. */
export async function journal(mock: TestMock, query = ''): Promise<JournalEntry[]> {
  const response = await mock.admin('GET', `/requests${query}`);
  expect(response.status).toBe(200);
  return response.body.data as JournalEntry[];
}

/**
 * Waits until `check` returns true, polling every 5 ms for at most 5 s of wall
 * time; throws with `what` when it never does.
 */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Sends a GET without the contract check of the test support, for injected
 * statuses (502, 503, ...) that the API contract rightly does not document.
 */
export async function rawGet(mock: TestMock, path: string, account: string = F0.account) {
  const token = await mock.running.token(account);
  const response = await fetch(`${mock.running.baseUrl(account)}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

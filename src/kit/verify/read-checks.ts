import { mustBe } from '../../contracts/problems.js';
import { UNKNOWN_UUID } from './inventory-checks.js';
import { isObject, recordsOf } from './rules.js';
import type { Check } from './exchange.js';
import type { VerifyRun } from './run.js';

type Json = Record<string, unknown>;

/** Maps each status of one location to its quantity, for one record. */
function rowsAt(record: Json, locationId: string): Map<unknown, unknown> {
  const rows = Array.isArray(record.status_counts) ? record.status_counts : [];
  return new Map(
    rows
      .filter(isObject)
      .filter((row) => row.inventory_location_id === locationId)
      .map((row) => [row.inventory_status, row.quantity]),
  );
}

function firstCids(run: VerifyRun, count: number): string[] {
  const cids = run.discovery.skus
    .slice(0, count)
    .map((sku) => sku.customerIdentifier);
  if (cids.length === 0) run.skip('needs at least 1 SKU in the account');
  return cids;
}

const locationFilter: Check = {
  name: 'inventory.location-filter',
  title:
    'inventory with location_id returns only that location’s rows, ' +
    'with the same quantities as without the filter',
  async run(run) {
    const cids = firstCids(run, 3);
    if (run.discovery.locationIds.length === 0) {
      run.skip('needs at least 1 location in the account');
    }

    const whole = await run.ok({ route: '/inventory', query: [['cid', cids.join(',')]] });
    const stocked = recordsOf(whole.body)
      .flatMap((record) => (Array.isArray(record.status_counts) ? record.status_counts : []))
      .filter(isObject)
      .map((row) => row.inventory_location_id)
      .find((id): id is string => typeof id === 'string' && run.discovery.locationIds.includes(id));
    const locationId = stocked ?? run.discovery.locationIds[0] ?? '';

    const filtered = await run.ok({
      route: '/inventory',
      query: [
        ['cid', cids.join(',')],
        ['location_id', locationId],
      ],
    });
    const wholeRecords = recordsOf(whole.body);
    recordsOf(filtered.body).forEach((record, index) => {
      const rows = Array.isArray(record.status_counts) ? record.status_counts : [];
      rows.forEach((row, rowIndex) => {
        if (!isObject(row) || row.inventory_location_id === locationId) return;
        run.fail(
          filtered,
          mustBe(
            `/data/${index}/status_counts/${rowIndex}/inventory_location_id`,
            `"${locationId}" (the location_id filter)`,
            JSON.stringify(row.inventory_location_id),
          ),
        );
      });

      const unfiltered = wholeRecords.find(
        (other) => other.customer_identifier === record.customer_identifier,
      );
      if (unfiltered === undefined) return;
      const expected = rowsAt(unfiltered, locationId);
      const got = rowsAt(record, locationId);
      const same =
        expected.size === got.size &&
        [...expected].every(([status, quantity]) => got.get(status) === quantity);
      if (!same) {
        run.fail(
          filtered,
          mustBe(
            `/data/${index}/status_counts`,
            `the rows at that location without the filter: ${JSON.stringify(Object.fromEntries(expected))}`,
            JSON.stringify(Object.fromEntries(got)),
          ),
        );
      }
    });
  },
};

const unknownLocation: Check = {
  name: 'inventory.unknown-location',
  title: 'inventory with an unknown location_id returns 404 LOCATION_NOT_FOUND',
  async run(run) {
    const cid = run.discovery.skus[0]?.customerIdentifier ?? 'inventory-mock-verify-missing-a';
    await run.expectError(
      {
        route: '/inventory',
        query: [
          ['cid', cid],
          ['location_id', UNKNOWN_UUID],
        ],
      },
      { statuses: [404], code: 'LOCATION_NOT_FOUND' },
    );
  },
};

const adjustments: Check = {
  name: 'adjustments.list',
  title: 'inventory_adjustments pages with limit and offset, newest first',
  async run(run) {
    const query = (offset: number): [string, string][] => [
      ['limit', '2'],
      ['offset', String(offset)],
    ];
    const first = await run.ok({ route: '/inventory_adjustments', query: query(0) });
    const body = first.body as Json;
    const entries = recordsOf(body);
    if (body.limit !== 2) run.fail(first, mustBe('/limit', '2', String(body.limit)));
    if (entries.length > 2) {
      run.fail(first, mustBe('/data', 'at most 2 entries (limit=2)', `${entries.length} entries`));
    }
    const total = Number.isInteger(body.total) ? (body.total as number) : 0;
    if (total >= 2 && entries.length < 2) {
      run.fail(first, mustBe('/data', `2 entries (limit=2 of total ${total})`, `${entries.length} entries`));
    }
    for (let index = 1; index < entries.length; index += 1) {
      const newer = entries[index - 1]?.adjusted_at;
      const older = entries[index]?.adjusted_at;
      if (typeof newer !== 'string' || typeof older !== 'string') continue;
      if (Date.parse(older) > Date.parse(newer)) {
        run.fail(first, mustBe(`/data/${index}/adjusted_at`, `no later than ${newer} (newest first)`, older));
      }
    }
    if (total < 3) return;

    const next = await run.ok({ route: '/inventory_adjustments', query: query(1) });
    const shifted = recordsOf(next.body);
    if (shifted[0]?.id !== entries[1]?.id) {
      run.fail(
        next,
        mustBe('/data/0/id', `${JSON.stringify(entries[1]?.id)}, entry 1 at offset 0`, JSON.stringify(shifted[0]?.id ?? null)),
      );
    }
  },
};

const callbacks: Check = {
  name: 'callbacks.list',
  title: 'callbacks returns an array and filters by message_type',
  async run(run) {
    const all = await run.ok({ route: '/callbacks' });
    if (!Array.isArray(all.body)) run.skip('callbacks did not return an array (see the contract checks)');

    const filtered = await run.ok({
      route: '/callbacks',
      query: [['message_type', 'skuInventoryChange']],
    });
    if (!Array.isArray(filtered.body)) return;
    filtered.body.forEach((registration: unknown, index) => {
      const type = isObject(registration) ? registration.message_type : undefined;
      if (type === 'skuInventoryChange') return;
      run.fail(filtered, mustBe(`/${index}/message_type`, '"skuInventoryChange" (the filter)', JSON.stringify(type ?? null)));
    });
  },
};

const holds: Check = {
  name: 'callback-holds.list',
  title: 'callback_holds returns an array',
  async run(run) {
    await run.ok({ route: '/callback_holds' });
  },
};

const unknownSnapshot: Check = {
  name: 'snapshots.unknown-id',
  title: 'snapshot_request/{id} returns 404 for an unknown id',
  async run(run) {
    await run.expectError(
      { route: `/snapshot_request/${UNKNOWN_UUID}` },
      { statuses: [404] },
    );
  },
};

export const readChecks: readonly Check[] = [
  locationFilter,
  unknownLocation,
  adjustments,
  callbacks,
  holds,
  unknownSnapshot,
];

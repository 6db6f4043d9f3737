import { mustBe } from '../../contracts/problems.js';
import { isObject, recordsOf } from './rules.js';
import type { Check, Exchange } from './exchange.js';
import type { VerifyRun } from './run.js';

type Json = Record<string, unknown>;

const ACTOR = 'inventory-mock-verify';

/**
 * Message types that the API stores but never fires, so a registration
 * made by a check sends nothing anywhere.
 */
const NEVER_FIRED_TYPES = [
  'rmaEvent',
  'inboundShipmentEvent',
  'orderCancelResolution',
  'orderUpdateResolution',
  'orderEvent',
];

/** The objects in a body that should be an array, or none. */
function objectsOf(body: unknown): Json[] {
  return (Array.isArray(body) ? body : []).filter(isObject);
}

interface Counts {
  available: number;
  totalUnits: unknown;
  availableToSell: unknown;
}

/** Reads one SKU's counts, at one location when `locationId` is given. */
async function readCounts(
  run: VerifyRun,
  cid: string,
  locationId?: string,
): Promise<{ exchange: Exchange; counts: Counts }> {
  const query: [string, string][] = [['cid', cid]];
  if (locationId !== undefined) query.push(['location_id', locationId]);
  const exchange = await run.ok({ route: '/inventory', query });
  const record = recordsOf(exchange.body)[0];
  if (record === undefined) run.skip(`GET inventory returned no record for ${cid}`);

  const rows = Array.isArray(record.status_counts) ? record.status_counts : [];
  const available = rows
    .filter(isObject)
    .filter((row) => row.inventory_status === 'available')
    .filter((row) => locationId === undefined || row.inventory_location_id === locationId)
    .reduce((sum, row) => sum + (Number.isInteger(row.quantity) ? (row.quantity as number) : 0), 0);
  return {
    exchange,
    counts: {
      available,
      totalUnits: record.total_units,
      availableToSell: record.total_available_to_sell,
    },
  };
}

/** Compares totals after a change of `delta` units of `available`. */
function expectTotals(
  run: VerifyRun,
  exchange: Exchange,
  before: Counts,
  after: Counts,
  delta: number,
  why: string,
): void {
  const pairs: [string, unknown, unknown][] = [
    ['/data/0/total_units', before.totalUnits, after.totalUnits],
    ['/data/0/total_available_to_sell', before.availableToSell, after.availableToSell],
  ];
  for (const [pointer, was, now] of pairs) {
    if (!Number.isInteger(was) || !Number.isInteger(now)) continue;
    const expected = (was as number) + delta;
    if (now !== expected) {
      run.fail(exchange, mustBe(pointer, `${expected} (${why})`, String(now)));
    }
  }
}

/** Posts one record and returns its result, which must be a success. */
async function postOne(
  run: VerifyRun,
  route: string,
  record: unknown,
  method = 'POST',
): Promise<{ exchange: Exchange; result: Json }> {
  const exchange = await run.ok({ method, route, body: [record] });
  const results = (exchange.body as Json).results;
  const result = Array.isArray(results) ? (results[0] as unknown) : undefined;
  if (!isObject(result) || result.status !== 'success') {
    const status = isObject(result) ? JSON.stringify(result.status) : 'no result';
    const messages = isObject(result) ? JSON.stringify(result.messages ?? []) : '';
    run.fail(exchange, mustBe('/results/0/status', '"success"', `${status} ${messages}`.trim()));
    run.abort();
  }
  return { exchange, result };
}

/** Returns the audit entry id of a result: `id`, or `adjustment.id`. */
function idOf(result: Json): unknown {
  return result.id ?? (isObject(result.adjustment) ? result.adjustment.id : undefined);
}

function adjustment(cid: string, locationId: string, quantity: number, notes: string): Json {
  return {
    customer_identifier: cid,
    inventory_location_id: locationId,
    inventory_status: 'available',
    adjustment_quantity: quantity,
    adjustment_reason: 'correction',
    adjusted_by: ACTOR,
    adjustment_notes: notes,
  };
}

function pickTarget(run: VerifyRun): { cid: string; locationId: string } {
  const sku = run.discovery.skus.find((candidate) => !candidate.isKit);
  const locationId = run.discovery.locationIds[0];
  if (sku === undefined) run.skip('needs a SKU that is not a kit');
  if (locationId === undefined) run.skip('needs at least 1 location');
  return { cid: sku.customerIdentifier, locationId };
}

const adjust: Check = {
  name: 'writes.adjustment',
  title: 'an adjustment of +1 then −1 changes the counts by exactly that and is listed in the audit trail',
  writes: true,
  async run(run) {
    const { cid, locationId } = pickTarget(run);
    const before = await readCounts(run, cid, locationId);

    const plus = await postOne(
      run,
      '/inventory_adjustments',
      adjustment(cid, locationId, 1, 'conformance check: +1, undone next'),
    );
    const entry = isObject(plus.result.adjustment) ? plus.result.adjustment : {};
    const was = before.counts.available;
    if (entry.previous_quantity !== was || entry.new_quantity !== was + 1) {
      run.fail(
        plus.exchange,
        mustBe(
          '/results/0/adjustment',
          `previous_quantity ${was} and new_quantity ${was + 1}`,
          `previous_quantity ${String(entry.previous_quantity)} and ` +
            `new_quantity ${String(entry.new_quantity)}`,
        ),
      );
    }
    const middle = await readCounts(run, cid, locationId);
    expectTotals(run, middle.exchange, before.counts, middle.counts, 1, 'one more unit after +1');

    const minus = await postOne(
      run,
      '/inventory_adjustments',
      adjustment(cid, locationId, -1, 'conformance check: undoes the +1'),
    );
    const after = await readCounts(run, cid, locationId);
    expectTotals(run, after.exchange, before.counts, after.counts, 0, 'back where it was after −1');

    const trail = await run.ok({
      route: '/inventory_adjustments',
      query: [
        ['cid', cid],
        ['limit', '2'],
      ],
    });
    const ids = recordsOf(trail.body).map((item) => item.id);
    const expected = [idOf(minus.result), idOf(plus.result)];
    if (JSON.stringify(ids) !== JSON.stringify(expected)) {
      const wanted = `entries ${JSON.stringify(expected)}, newest first`;
      run.fail(trail, mustBe('/data', wanted, `entries ${JSON.stringify(ids)}`));
    }
  },
};

const createAvailable: Check = {
  name: 'writes.create-available',
  title: 'data_factory/createAvailable adds one available unit, which the check then adjusts away',
  writes: true,
  async run(run) {
    const { cid } = pickTarget(run);
    const before = await readCounts(run, cid);

    const { result } = await postOne(run, '/data_factory/createAvailable', {
      customer_identifier: cid,
      quantity: 1,
    });
    const listed = Array.isArray(result.adjustments) ? result.adjustments : [result.adjustment];
    const entries = listed.filter(isObject);
    const middle = await readCounts(run, cid);
    const why = 'one more unit after createAvailable';
    expectTotals(run, middle.exchange, before.counts, middle.counts, 1, why);

    const undo = entries.filter(
      (entry) =>
        typeof entry.inventory_location_id === 'string' &&
        Number.isInteger(entry.adjustment_quantity),
    );
    if (undo.length === 0) {
      run.note('the result names no location, so the added unit stays');
      return;
    }
    for (const entry of undo) {
      const quantity = -(entry.adjustment_quantity as number);
      const locationId = entry.inventory_location_id as string;
      const notes = 'conformance check: undoes createAvailable';
      await postOne(run, '/inventory_adjustments', adjustment(cid, locationId, quantity, notes));
    }
    const after = await readCounts(run, cid);
    expectTotals(run, after.exchange, before.counts, after.counts, 0, 'back where it was after the undo');
  },
};

const callback: Check = {
  name: 'writes.callback',
  title: 'a callback registration is listed, and gone once deleted',
  writes: true,
  async run(run) {
    const existing = await run.ok({ route: '/callbacks' });
    const used = new Set(objectsOf(existing.body).map((item) => item.message_type));
    const type = NEVER_FIRED_TYPES.find((candidate) => !used.has(candidate));
    if (type === undefined) {
      return run.skip('every message type that is never fired already has a registration');
    }

    const created = await postOne(run, '/callbacks', {
      url: run.callbackUrl,
      message_type: type,
      api_version: '1.0',
    });
    const id = created.result.id;
    const listed = await run.ok({ route: '/callbacks', query: [['message_type', type]] });
    const found = objectsOf(listed.body).find((item) => item.id === id);
    if (found?.url !== run.callbackUrl) {
      const wanted = `a registration with id ${JSON.stringify(id)} and url "${run.callbackUrl}"`;
      const got = found === undefined ? 'none' : `url ${JSON.stringify(found.url)}`;
      run.fail(listed, mustBe('', wanted, got));
    }

    await postOne(run, '/callbacks', id, 'DELETE');
    const after = await run.ok({ route: '/callbacks', query: [['message_type', type]] });
    const left = objectsOf(after.body).some((item) => item.id === id);
    if (left) {
      const wanted = `no registration with id ${JSON.stringify(id)} after DELETE`;
      run.fail(after, mustBe('', wanted, 'still listed'));
    }
  },
};

const snapshot: Check = {
  name: 'writes.snapshot',
  title: 'a snapshot request is accepted and its job can be read back',
  writes: true,
  async run(run) {
    const accepted = await run.send({
      method: 'POST',
      route: '/snapshot_request',
      body: { snapshot_type: 'full' },
    });
    if (accepted.status === 409) run.skip('a snapshot is already running (409)');
    if (accepted.status !== 200) {
      run.fail(accepted, mustBe('/status', '200', String(accepted.status)));
      run.abort();
    }
    const id = (accepted.body as Json | undefined)?.snapshot_request_id;
    if (typeof id !== 'string') {
      return run.skip('the response has no snapshot_request_id (see the contract checks)');
    }

    const job = await run.ok({ route: `/snapshot_request/${encodeURIComponent(id)}` });
    const body = job.body as Json;
    if (body.snapshot_request_id !== id) {
      const got = JSON.stringify(body.snapshot_request_id ?? null);
      run.fail(job, mustBe('/snapshot_request_id', JSON.stringify(id), got));
    }
    if (body.snapshot_type !== 'full') {
      const got = JSON.stringify(body.snapshot_type ?? null);
      run.fail(job, mustBe('/snapshot_type', '"full", as requested', got));
    }
  },
};

/** Checks that change the account; they run only with `allowWrites`. */
export const writeChecks: readonly Check[] = [adjust, createAvailable, callback, snapshot];

import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import {
  InventoryApiError,
  InventoryClient,
  type AdjustmentRecord,
  type CallbackRegistrationRecord,
  type ErrorBody,
} from '../../src/client/index.js';
import { ALL_STATUSES } from '../../src/domain/statuses.js';
import { pactOutput } from './pact-output.js';

const { boolean, eachLike, integer, number, regex, string, uuid } = MatchersV3;

const output = pactOutput('inventory-client-inventory-api.json');
const pact = new PactV4({ consumer: 'inventory-client', provider: 'inventory-api', dir: output.dir, logLevel: 'warn' });

const ACCOUNT = 'demo';
/** A location id of the pact's own; the SKU state creates the location on a mock that lacks it. */
const LOCATION = '0a5c1f0e-0000-4000-8000-000000000001';
const UNKNOWN_LOCATION = '0a5c1f0e-0000-4000-8000-000000000099';
const CID = 'sku001';

const SKU_STATE = 'SKU {cid} has {quantity} {status} at location {location_id}';
const ACCOUNT_STATE = 'account {account} exists';

/** The mock's timestamps: UTC with six fraction digits. */
const timestamp = (example = '2026-12-04T12:00:00.000000Z') =>
  regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$', example);
const inventoryStatus = (example = 'available') => regex(`^(${ALL_STATUSES.join('|')})$`, example);

const AUTHORIZATION = { authorization: regex('^Bearer \\S+$', 'Bearer example-token') };
const JSON_RESPONSE = { 'Content-Type': regex('^application/json', 'application/json') };

const statusCount = (locationId: unknown = uuid(LOCATION)) => ({
  inventory_location_id: locationId,
  inventory_location_address: string('Pact DC 0a5c1f0e | 1 Provider State Road, Springfield, ST 00000'),
  inventory_status: inventoryStatus(),
  quantity: integer(40),
  as_of: timestamp(),
});

const ledgerEvent = {
  id: uuid('3e000000-0000-4000-8000-000000000001'),
  sku_id: uuid('5c000000-0000-4000-8000-000000000001'),
  customer_identifier: string(CID),
  inventory_location_id: uuid(LOCATION),
  event_type: inventoryStatus(),
  quantity: integer(40),
  reference_uri: string('inventory-mock:demo:ledger:1'),
  actor_uri: string('inventory-mock:demo:actor:pact-provider-state'),
  occured_at: timestamp(),
};

const inventoryRecord = (locationId?: unknown) => ({
  sku_id: uuid('5c000000-0000-4000-8000-000000000001'),
  customer_identifier: CID,
  total_units: integer(40),
  total_available_to_sell: integer(40),
  as_of: timestamp(),
  status_counts: eachLike(statusCount(locationId)),
  inventory_events: eachLike(ledgerEvent),
});

const errorBody = (code: string, details?: unknown) => ({
  message: string('what failed'),
  error: { code, message: string('what failed'), ...(details === undefined ? {} : { details }) },
});

const ADJUSTMENT: AdjustmentRecord = {
  customer_identifier: CID,
  inventory_location_id: LOCATION,
  inventory_status: 'available',
  adjustment_quantity: -5,
  adjustment_reason: 'cycle_count_adjustment',
  adjusted_by: 'warehouse_user_123',
};

function client(url: string, token: string | undefined = 'example-token'): InventoryClient {
  return new InventoryClient({ baseUrl: `${url}/${ACCOUNT}/api/v1`, ...(token === undefined ? {} : { token }) });
}

/** Runs `call` and returns the InventoryApiError it throws. */
async function apiError(call: () => Promise<unknown>): Promise<InventoryApiError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof InventoryApiError) return error;
    throw error;
  }
  throw new Error('the call succeeded, but an error response was expected');
}

afterAll(() => output.finish());

describe('inventory reads', () => {
  it('reads one SKU across locations', async () => {
    await pact
      .addInteraction()
      .given(ACCOUNT_STATE, { account: ACCOUNT })
      .given(SKU_STATE, { cid: CID, quantity: 40, status: 'available', location_id: LOCATION })
      .uponReceiving('a request for the inventory of one SKU')
      .withRequest('GET', `/${ACCOUNT}/api/v1/inventory`, (request) => request.query({ cid: CID }).headers(AUTHORIZATION))
      .willRespondWith(200, (response) =>
        response.headers(JSON_RESPONSE).jsonBody({
          include_ledger: boolean(true),
          limit: integer(30),
          offset: integer(0),
          total: integer(1),
          missing_cids: [],
          data: eachLike(inventoryRecord()),
        }),
      )
      .executeTest(async (mock) => {
        const inventory = await client(mock.url).getInventory({ cids: [CID] });
        const record = inventory.data[0];
        expect(record?.customer_identifier).toBe(CID);
        expect(record?.total_available_to_sell).toBe(40);
        expect(record?.status_counts?.[0]?.inventory_location_id).toBe(LOCATION);
      });
  });

  it('reads one SKU at one location', async () => {
    await pact
      .addInteraction()
      .given(SKU_STATE, { cid: CID, quantity: 40, status: 'available', location_id: LOCATION })
      .uponReceiving('a request for the inventory of one SKU at one location')
      .withRequest('GET', `/${ACCOUNT}/api/v1/inventory`, (request) =>
        request.query({ cid: CID, location_id: LOCATION }).headers(AUTHORIZATION),
      )
      .willRespondWith(200, (response) =>
        response.headers(JSON_RESPONSE).jsonBody({
          total: integer(1),
          missing_cids: [],
          data: eachLike(inventoryRecord(LOCATION)),
        }),
      )
      .executeTest(async (mock) => {
        const inventory = await client(mock.url).getInventory({ cids: [CID], locationId: LOCATION });
        const rows = inventory.data[0]?.status_counts ?? [];
        expect(rows.every((row) => row.inventory_location_id === LOCATION)).toBe(true);
      });
  });

  it('lists the locations', async () => {
    await pact
      .addInteraction()
      .given(ACCOUNT_STATE, { account: ACCOUNT })
      .uponReceiving('a request for the inventory locations')
      .withRequest('GET', `/${ACCOUNT}/api/v1/inventory_locations`, (request) => request.headers(AUTHORIZATION))
      .willRespondWith(200, (response) =>
        response.headers(JSON_RESPONSE).jsonBody(
          eachLike({
            id: uuid(LOCATION),
            name: string('Albuquerque DC'),
            street_line_one: string('1707 Cummerata Distribution Way'),
            city: string('Albuquerque'),
            locale_code: string('NM'),
            postal_code: string('87176'),
            short_code: string('ABQ3'),
            timezone: string('America/Denver'),
            address: string('Albuquerque DC | 1707 Cummerata Distribution Way, Albuquerque, NM 87176'),
            created_at: timestamp(),
            updated_at: timestamp(),
            capacity: integer(3000),
            units_on_hand: integer(1603),
            weight: number(14),
          }),
        ),
      )
      .executeTest(async (mock) => {
        const locations = await client(mock.url).listLocations();
        expect(locations[0]?.id).toBe(LOCATION);
      });
  });
});

describe('inventory adjustments', () => {
  it('applies an adjustment', async () => {
    await pact
      .addInteraction()
      .given(SKU_STATE, { cid: CID, quantity: 40, status: 'available', location_id: LOCATION })
      .uponReceiving('an adjustment of -5 available units')
      .withRequest('POST', `/${ACCOUNT}/api/v1/inventory_adjustments`, (request) =>
        request.headers(AUTHORIZATION).jsonBody([ADJUSTMENT]),
      )
      .willRespondWith(200, (response) =>
        response.headers(JSON_RESPONSE).jsonBody({
          records_submitted: integer(1),
          records_processed: integer(1),
          records_succeeded: integer(1),
          records_failed: integer(0),
          results: [
            {
              customer_identifier: CID,
              sku_id: uuid('5c000000-0000-4000-8000-000000000001'),
              status: 'success',
              id: uuid('ad000000-0000-4000-8000-000000000001'),
              adjustment: {
                id: uuid('ad000000-0000-4000-8000-000000000001'),
                customer_identifier: CID,
                sku_id: uuid('5c000000-0000-4000-8000-000000000001'),
                inventory_location_id: LOCATION,
                inventory_status: 'available',
                previous_quantity: integer(40),
                new_quantity: integer(35),
                adjustment_quantity: integer(-5),
                adjustment_reason: 'cycle_count_adjustment',
                adjusted_by: 'warehouse_user_123',
                adjusted_at: timestamp(),
              },
            },
          ],
        }),
      )
      .executeTest(async (mock) => {
        const batch = await client(mock.url).adjust([ADJUSTMENT]);
        expect(batch.records_succeeded).toBe(1);
        expect(batch.results[0]?.status).toBe('success');
      });
  });

  it('reports a record that would go below zero', async () => {
    await pact
      .addInteraction()
      .given(SKU_STATE, { cid: CID, quantity: 2, status: 'available', location_id: LOCATION })
      .uponReceiving('an adjustment of -5 when only 2 units are available')
      .withRequest('POST', `/${ACCOUNT}/api/v1/inventory_adjustments`, (request) =>
        request.headers(AUTHORIZATION).jsonBody([ADJUSTMENT]),
      )
      .willRespondWith(200, (response) =>
        response.headers(JSON_RESPONSE).jsonBody({
          records_submitted: integer(1),
          records_processed: integer(1),
          records_succeeded: integer(0),
          records_failed: integer(1),
          results: [
            {
              customer_identifier: CID,
              status: 'failure',
              messages: eachLike({
                field_name: 'adjustment_quantity',
                errors: eachLike(string('available would go below zero (2 - 5)')),
              }),
            },
          ],
        }),
      )
      .executeTest(async (mock) => {
        const batch = await client(mock.url).adjust([ADJUSTMENT]);
        expect(batch.records_failed).toBe(1);
        expect(batch.results[0]?.status).toBe('failure');
      });
  });
});

describe('snapshot requests', () => {
  it('starts a snapshot', async () => {
    await pact
      .addInteraction()
      .given('no snapshot is running')
      .given('a snapshotReady callback is registered')
      .uponReceiving('a request for a full snapshot')
      .withRequest('POST', `/${ACCOUNT}/api/v1/snapshot_request`, (request) =>
        request.headers(AUTHORIZATION).jsonBody({ snapshot_type: 'full' }),
      )
      .willRespondWith(200, (response) =>
        response.headers(JSON_RESPONSE).jsonBody({
          snapshot_request_id: uuid('5a000000-0000-4000-8000-000000000001'),
          status: 'processing',
          snapshot_type: 'full',
          snapshot_as_of_date: timestamp(),
          estimated_completion: timestamp('2026-12-04T12:00:02.000000Z'),
        }),
      )
      .executeTest(async (mock) => {
        const accepted = await client(mock.url).requestSnapshot({ snapshot_type: 'full' });
        expect(accepted.status).toBe('processing');
      });
  });

  it('gets 409 while a snapshot is running', async () => {
    await pact
      .addInteraction()
      .given('a snapshot is running')
      .uponReceiving('a request for a full snapshot while one is running')
      .withRequest('POST', `/${ACCOUNT}/api/v1/snapshot_request`, (request) =>
        request.headers(AUTHORIZATION).jsonBody({ snapshot_type: 'full' }),
      )
      .willRespondWith(409, (response) =>
        response.headers(JSON_RESPONSE).jsonBody({
          message: string('snapshot is still processing'),
          error: {
            code: 'SNAPSHOT_IN_PROGRESS',
            message: string('snapshot is still processing'),
            snapshot_request_id: uuid('5a000000-0000-4000-8000-000000000001'),
          },
        }),
      )
      .executeTest(async (mock) => {
        const error = await apiError(() => client(mock.url).requestSnapshot({ snapshot_type: 'full' }));
        expect(error.status).toBe(409);
        expect(error.code).toBe('SNAPSHOT_IN_PROGRESS');
        expect((error.body as ErrorBody).error.snapshot_request_id).toBe('5a000000-0000-4000-8000-000000000001');
      });
  });
});

describe('callback registration', () => {
  // The cast lets the misspelt type through, as a client without these types would send it.
  const record = (messageType: string) =>
    ({ url: 'http://127.0.0.1:9911/hooks/snapshot', message_type: messageType, api_version: '1.0' }) as CallbackRegistrationRecord;

  it('registers snapshotReady', async () => {
    await pact
      .addInteraction()
      .given(ACCOUNT_STATE, { account: ACCOUNT })
      .uponReceiving('a snapshotReady callback registration')
      .withRequest('POST', `/${ACCOUNT}/api/v1/callbacks`, (request) =>
        request.headers(AUTHORIZATION).jsonBody([record('snapshotReady')]),
      )
      .willRespondWith(200, (response) =>
        response.headers(JSON_RESPONSE).jsonBody({
          records_submitted: integer(1),
          records_succeeded: integer(1),
          records_failed: integer(0),
          results: [
            {
              status: 'success',
              id: uuid('cb000000-0000-4000-8000-000000000001'),
              message_type: 'snapshotReady',
              url: 'http://127.0.0.1:9911/hooks/snapshot',
            },
          ],
        }),
      )
      .executeTest(async (mock) => {
        const batch = await client(mock.url).registerCallbacks([record('snapshotReady')]);
        expect(batch.results[0]?.status).toBe('success');
      });
  });

  it('rejects the SnapshotReady spelling', async () => {
    await pact
      .addInteraction()
      .given(ACCOUNT_STATE, { account: ACCOUNT })
      .uponReceiving('a callback registration spelled SnapshotReady')
      .withRequest('POST', `/${ACCOUNT}/api/v1/callbacks`, (request) =>
        request.headers(AUTHORIZATION).jsonBody([record('SnapshotReady')]),
      )
      .willRespondWith(200, (response) =>
        response.headers(JSON_RESPONSE).jsonBody({
          records_submitted: integer(1),
          records_succeeded: integer(0),
          records_failed: integer(1),
          results: [
            {
              status: 'failure',
              message_type: 'SnapshotReady',
              messages: eachLike({
                field_name: 'message_type',
                errors: eachLike(string("unknown message type 'SnapshotReady'; use 'snapshotReady'")),
              }),
            },
          ],
        }),
      )
      .executeTest(async (mock) => {
        const batch = await client(mock.url).registerCallbacks([record('SnapshotReady')]);
        expect(batch.records_failed).toBe(1);
        expect(batch.results[0]?.status).toBe('failure');
      });
  });
});

describe('error responses', () => {
  it('gets 401 without a token', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request for inventory without a token')
      .withRequest('GET', `/${ACCOUNT}/api/v1/inventory`, (request) => request.query({ cid: CID }))
      .willRespondWith(401, (response) => response.headers(JSON_RESPONSE).jsonBody(errorBody('TOKEN_MISSING')))
      .executeTest(async (mock) => {
        const error = await apiError(() => client(mock.url, undefined).getInventory({ cids: [CID] }));
        expect(error.status).toBe(401);
        expect(error.code).toBe('TOKEN_MISSING');
      });
  });

  it('gets 400 for an undocumented query key', async () => {
    await pact
      .addInteraction()
      .given(ACCOUNT_STATE, { account: ACCOUNT })
      .uponReceiving('a request for inventory with the query key limt')
      .withRequest('GET', `/${ACCOUNT}/api/v1/inventory`, (request) =>
        request.query({ cid: CID, limt: '5' }).headers(AUTHORIZATION),
      )
      .willRespondWith(400, (response) =>
        response
          .headers(JSON_RESPONSE)
          .jsonBody(errorBody('INVALID_QUERY', eachLike({ field: 'limt', problem: string("unknown query parameter 'limt'") }))),
      )
      .executeTest(async (mock) => {
        const error = await apiError(() => client(mock.url).send('GET', '/inventory', { query: { cid: CID, limt: 5 } }));
        expect(error.status).toBe(400);
        expect(error.code).toBe('INVALID_QUERY');
        expect(error.details[0]?.field).toBe('limt');
      });
  });

  it('gets 404 for an unknown location', async () => {
    await pact
      .addInteraction()
      .given(ACCOUNT_STATE, { account: ACCOUNT })
      .given('location {location_id} does not exist', { location_id: UNKNOWN_LOCATION })
      .uponReceiving('a request for inventory at an unknown location')
      .withRequest('GET', `/${ACCOUNT}/api/v1/inventory`, (request) =>
        request.query({ cid: CID, location_id: UNKNOWN_LOCATION }).headers(AUTHORIZATION),
      )
      .willRespondWith(404, (response) =>
        response
          .headers(JSON_RESPONSE)
          .jsonBody(errorBody('LOCATION_NOT_FOUND', eachLike({ field: 'location_id', problem: string('no such location') }))),
      )
      .executeTest(async (mock) => {
        const error = await apiError(() => client(mock.url).getInventory({ cids: [CID], locationId: UNKNOWN_LOCATION }));
        expect(error.status).toBe(404);
        expect(error.code).toBe('LOCATION_NOT_FOUND');
      });
  });
});

import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { CallbackBodyError, instantOf, InventoryCallbackHandler } from './callback-handler.js';
import { pactOutput } from './pact-output.js';

const { eachLike, integer, regex, string, uuid } = MatchersV3;

const output = pactOutput('inventory-callback-handler-inventory-api.json');
const pact = new PactV4({
  consumer: 'inventory-callback-handler',
  provider: 'inventory-api',
  dir: output.dir,
  logLevel: 'warn',
});

const CID = 'sku001';
const SKU_ID = '5c000000-0000-4000-8000-000000000001';
const LOCATION = '0a5c1f0e-0000-4000-8000-000000000001';

const timestamp = (example = '2026-12-04T12:00:00.000000Z') =>
  regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$', example);
const apiVersion = regex('^(1\\.0|2\\.0)$', '1.0');

const inventoryChange = {
  callback_url: string('http://127.0.0.1:9911/hooks/inventory'),
  message_type: 'skuInventoryChange',
  message_id: uuid('3e000000-0000-4000-8000-000000000001'),
  api_version: apiVersion,
  data: eachLike({
    sku_id: uuid(SKU_ID),
    customer_identifier: string(CID),
    total_units: integer(41),
    total_available_to_sell: integer(41),
    as_of: timestamp(),
    status_counts: eachLike({
      inventory_location_id: uuid(LOCATION),
      inventory_location_address: string('Pact DC 0a5c1f0e | 1 Provider State Road, Springfield, ST 00000'),
      inventory_status: string('available'),
      quantity: integer(41),
      as_of: timestamp(),
    }),
    inventory_events: eachLike({
      id: uuid('3e000000-0000-4000-8000-000000000002'),
      sku_id: uuid(SKU_ID),
      customer_identifier: string(CID),
      inventory_location_id: uuid(LOCATION),
      event_type: string('available'),
      quantity: integer(1),
      reference_uri: string('inventory-mock:demo:ledger:2'),
      actor_uri: string('inventory-mock:demo:actor:pact-message-provider'),
      occured_at: timestamp(),
    }),
  }),
};

const snapshotReady = {
  callback_url: string('http://127.0.0.1:9911/hooks/snapshot'),
  message_type: 'snapshotReady',
  message_id: uuid('3e000000-0000-4000-8000-000000000003'),
  api_version: apiVersion,
  data: {
    snapshot_request_id: uuid('5a000000-0000-4000-8000-000000000001'),
    snapshot_id: uuid('5a000000-0000-4000-8000-000000000001'),
    snapshot_type: regex('^(full|delta)$', 'full'),
    snapshot_as_of_date: timestamp(),
    requested_at: timestamp(),
    status: 'complete',
    download_url: regex(
      '^https?://[^/]+/.+/snapshot_download/[0-9a-f-]+\\.json\\?.+$',
      'http://127.0.0.1:4010/demo/api/v1/snapshot_download/5a000000-0000-4000-8000-000000000001.json?expires=1&signature=x',
    ),
    expires_at: timestamp('2026-12-05T00:00:00.000000Z'),
    record_count: integer(60),
  },
};

const metadata = (type: string) => ({ contentType: 'application/json', 'X-Message-Type': type });

afterAll(() => output.finish());

describe('callback handler with Pact messages', () => {
  it('keeps the ATS of a skuInventoryChange', async () => {
    const handler = new InventoryCallbackHandler();
    await pact
      .addAsynchronousInteraction()
      .given('SKU {cid} has {quantity} {status} at location {location_id}', {
        cid: CID,
        quantity: 40,
        status: 'available',
        location_id: LOCATION,
      })
      .expectsToReceive('a skuInventoryChange callback', (message) =>
        message.withJSONContent(inventoryChange).withMetadata(metadata('skuInventoryChange')),
      )
      .executeTest(async (message) => {
        handler.handle(message.contents.content);
      });
    expect(handler.availableToSell(CID)).toBe(41);
    expect(handler.latest(SKU_ID)?.asOf).toBe('2026-12-04T12:00:00.000000Z');
  });

  it('records a snapshotReady', async () => {
    const handler = new InventoryCallbackHandler();
    await pact
      .addAsynchronousInteraction()
      .given('no snapshot is running')
      .expectsToReceive('a snapshotReady callback', (message) =>
        message.withJSONContent(snapshotReady).withMetadata(metadata('snapshotReady')),
      )
      .executeTest(async (message) => {
        handler.handle(message.contents.content);
      });
    expect(handler.snapshot?.status).toBe('complete');
    expect(handler.snapshot?.recordCount).toBe(60);
    expect(handler.snapshot?.downloadUrl).toMatch(/\/snapshot_download\//);
  });
});

describe('callback handler ordering', () => {
  const record = (asOf: string, availableToSell: number) => ({
    message_type: 'skuInventoryChange',
    data: [{ sku_id: SKU_ID, customer_identifier: CID, total_available_to_sell: availableToSell, as_of: asOf }],
  });

  it('ignores a record older than the kept one', () => {
    const handler = new InventoryCallbackHandler();
    handler.handle(record('2026-12-04T12:00:00.000002Z', 7));
    handler.handle(record('2026-12-04T12:00:00.000001Z', 9));
    expect(handler.availableToSell(CID)).toBe(7);
  });

  it('takes a newer record', () => {
    const handler = new InventoryCallbackHandler();
    handler.handle(record('2026-12-04T12:00:00.000001Z', 9));
    handler.handle(record('2026-12-04T12:00:00.000002Z', 7));
    expect(handler.availableToSell(CID)).toBe(7);
  });

  it('compares times across offsets', () => {
    expect(instantOf('2026-12-04T03:30:00-08:00')).toBe(instantOf('2026-12-04T11:30:00.000000Z'));
    expect(instantOf('2026-12-04T11:30:00.000001Z') - instantOf('2026-12-04T11:30:00Z')).toBe(1);
  });

  it('rejects an unknown message type', () => {
    const handler = new InventoryCallbackHandler();
    expect(() => handler.handle({ message_type: 'SnapshotReady', data: {} })).toThrow(CallbackBodyError);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepPactLocal } from '../../src/pact/local-only.js';
import { PactVerificationError } from '../../src/pact/report.js';
import { connectProvider, type ProviderTarget } from '../../src/pact/target.js';
import { verifyPactFile } from '../../src/pact/verify.js';
import { startMock, type RunningMock } from '../../src/start.js';

const { eachLike, integer, string, uuid } = MatchersV3;

const LOCATION = '3698a3d9-bac2-4f1c-b7ef-5c4372f9d581';
const AUTHORIZATION = { authorization: 'Bearer example-token' };

let dir: string;
let mock: RunningMock;
let target: ProviderTarget;

/** Creates a pact of one consumer, which Pact writes into the temporary directory. */
function consumer(name: string): PactV4 {
  return new PactV4({ consumer: name, provider: 'inventory-api', dir, logLevel: 'error' });
}

function fileOf(name: string): string {
  return join(dir, `${name}-inventory-api.json`);
}

/** Verifies a pact that must fail, and returns the error it fails with. */
async function failure(name: string): Promise<PactVerificationError> {
  const result = verifyPactFile(fileOf(name), target, { warn: () => undefined });
  await expect(result).rejects.toBeInstanceOf(PactVerificationError);
  return (await result.catch((error: unknown) => error)) as PactVerificationError;
}

async function requestLocations(url: string): Promise<void> {
  await fetch(`${url}/demo/api/v1/inventory_locations`, { headers: AUTHORIZATION });
}

beforeAll(async () => {
  keepPactLocal();
  dir = mkdtempSync(join(tmpdir(), 'inventory-mock-broken-pacts-'));
  mock = await startMock({ logLevel: 'silent' });
  target = await connectProvider({ url: mock.url });

  await consumer('missing-field')
    .addInteraction()
    .uponReceiving('a request for locations with a warehouse code')
    .withRequest('GET', '/demo/api/v1/inventory_locations', (request) => request.headers(AUTHORIZATION))
    .willRespondWith(200, (response) => response.jsonBody(eachLike({ id: uuid(LOCATION), warehouse_code: string('W-01') })))
    .executeTest((server) => requestLocations(server.url));

  await consumer('wrong-status')
    .addInteraction()
    .given('no snapshot is running')
    .uponReceiving('a snapshot request that expects 201')
    .withRequest('POST', '/demo/api/v1/snapshot_request', (request) =>
      request.headers(AUTHORIZATION).jsonBody({ snapshot_type: 'full' }),
    )
    .willRespondWith(201, (response) => response.jsonBody({ snapshot_request_id: uuid() }))
    .executeTest(async (server) => {
      await fetch(`${server.url}/demo/api/v1/snapshot_request`, {
        method: 'POST',
        headers: { ...AUTHORIZATION, 'content-type': 'application/json' },
        body: JSON.stringify({ snapshot_type: 'full' }),
      });
    });

  for (const [name, state] of [
    ['unknown-state', 'the warehouse is on fire'],
    ['no-state', undefined],
  ] as const) {
    let interaction = consumer(name).addInteraction();
    if (state !== undefined) interaction = interaction.given(state);
    await interaction
      .uponReceiving('a request for locations')
      .withRequest('GET', '/demo/api/v1/inventory_locations', (request) => request.headers(AUTHORIZATION))
      .willRespondWith(200, (response) => response.jsonBody(eachLike({ id: uuid(LOCATION) })))
      .executeTest((server) => requestLocations(server.url));
  }

  await consumer('bad-state-params')
    .addInteraction()
    .given('SKU {cid} has {quantity} {status} at location {location_id}', {
      cid: 'sku001',
      quantity: -3,
      status: 'available',
      location_id: LOCATION,
    })
    .uponReceiving('a request for locations after a count of -3')
    .withRequest('GET', '/demo/api/v1/inventory_locations', (request) => request.headers(AUTHORIZATION))
    .willRespondWith(200, (response) => response.jsonBody(eachLike({ id: uuid(LOCATION) })))
    .executeTest((server) => requestLocations(server.url));

  await consumer('second-state-fails')
    .addInteraction()
    .given('a snapshot is running')
    .given('the warehouse is on fire')
    .uponReceiving('a request for locations during a snapshot')
    .withRequest('GET', '/demo/api/v1/inventory_locations', (request) => request.headers(AUTHORIZATION))
    .willRespondWith(200, (response) => response.jsonBody(eachLike({ id: uuid(LOCATION) })))
    .executeTest((server) => requestLocations(server.url));

  await consumer('order-message')
    .addAsynchronousInteraction()
    .expectsToReceive('an order callback', (message) => message.withJSONContent({ message_type: 'orderEvent' }))
    .executeTest(async () => undefined);

  await consumer('message-missing-field')
    .addAsynchronousInteraction()
    .expectsToReceive('a skuInventoryChange callback', (message) =>
      message.withJSONContent({
        message_type: 'skuInventoryChange',
        data: eachLike({ customer_identifier: string('sku001'), reserved_units: integer(2) }),
      }),
    )
    .executeTest(async () => undefined);
});

afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('verification of broken pacts', () => {
  it('names a field the API does not have', async () => {
    const error = await failure('missing-field');
    const mismatch = error.mismatches.find((item) => item.type === 'BodyMismatch' && item.path === '$[0]');
    expect(mismatch?.message).toContain('warehouse_code');
    expect(error.report).toContain('warehouse_code');
  });

  it('names a wrong status', async () => {
    const error = await failure('wrong-status');
    const mismatch = error.mismatches.find((item) => item.type === 'StatusMismatch');
    expect(mismatch?.expected).toBe('201');
    expect(mismatch?.actual).toBe('200');
    expect(error.report).toContain('expected 201 but was 200');
  });

  it('names the callback types for another message', async () => {
    const error = await failure('order-message');
    expect(error.report).toContain("message 'an order callback' names no callback type the mock sends");
  });

  it('names a field a callback does not have', async () => {
    const error = await failure('message-missing-field');
    expect(error.mismatches.some((item) => item.message.includes('reserved_units'))).toBe(true);
    expect(error.report).toContain('reserved_units');
  });
});

describe('verification of provider states', () => {
  it('tears down the states set up before a failed one', async () => {
    const error = await failure('second-state-fails');
    expect(error.stateFailures.map((item) => item.state)).toEqual(['the warehouse is on fire']);
    const account = mock.mock.account('demo');
    if (!account) throw new Error('account demo is gone');
    expect(mock.server.snapshots.jobs(account).running).toBeUndefined();
  });

  it('fails an unknown state', async () => {
    const error = await failure('unknown-state');
    expect(error.stateFailures).toHaveLength(1);
    expect(error.stateFailures[0]?.state).toBe('the warehouse is on fire');
    expect(error.stateFailures[0]?.status).toBe(400);
    expect(error.report).toContain("unknown provider state 'the warehouse is on fire'");
    expect(error.mismatches[0]?.message).toContain('state change');
  });

  it('passes the same interaction without the state', async () => {
    await expect(verifyPactFile(fileOf('no-state'), target, { warn: () => undefined })).resolves.toBeUndefined();
  });

  it('fails a state with a bad parameter', async () => {
    const error = await failure('bad-state-params');
    expect(error.stateFailures[0]?.status).toBe(400);
    expect(error.report).toContain('quantity must be a whole number of 0 or more');
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeLargeFixture } from '../support/fixtures.js';
import { CASE_NOW, startTestMock, type TestMock } from '../support/mock.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { registerSnapshotReady, startSnapshot, waitForReady } from './helpers.js';
import { parseSnapshotStream } from './stream-parse.js';

const ACCOUNT = 'large-test';
const SAMPLES = ['L00001', 'L10000', 'L20000'];

let m: TestMock;
let receiver: Receiver;
let ready: any;

beforeAll(async () => {
  receiver = await startReceiver();
  m = await startTestMock({ fixtureFile: makeLargeFixture(), clockAt: CASE_NOW });
  await registerSnapshotReady(m, receiver, ACCOUNT);

  const id = await startSnapshot(m, { snapshot_type: 'full' }, ACCOUNT);
  // Default processing time: 2 s plus 50 ms per 1,000 records, so 3 s for 20,000.
  m.advance(2999);
  expect(receiver.attempts).toHaveLength(0);
  m.advance(1);
  ready = await waitForReady(receiver, id);
}, 60_000);

afterAll(async () => {
  await m?.close();
  await receiver?.close();
});

describe('large snapshot', () => {
  test('the callback counts 20,000 records', () => {
    expect(ready.status).toBe('complete');
    expect(ready.record_count).toBe(20_000);
  });

  test('a streaming parse finds every record and row', async () => {
    const samples = new Map<string, any>();
    const file = await parseSnapshotStream(ready.download_url, (record) => {
      if (SAMPLES.includes(record.customer_identifier)) samples.set(record.customer_identifier, record);
    });

    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/json');
    expect(file.headers.get('content-encoding')).toBeNull();
    expect(file.recordCount).toBe(20_000);
    expect(file.statusCountRows).toBe(40_000);
    expect(file.fields.record_count).toBe(20_000);
    expect(file.fields.snapshot_type).toBe('full');
    expect(file.fields.snapshot_as_of_date).toBe('2026-12-04T12:00:00.000000Z');
    expect(file.fields.snapshot_request_id).toBe(ready.snapshot_request_id);
    expect(file.lastByte).toBe('}');
    const length = file.headers.get('content-length');
    if (length !== null) expect(Number(length)).toBe(file.bytes);

    const inventory = await m.get(`/inventory?cid=${SAMPLES.join(',')}`, { account: ACCOUNT });
    expect(inventory.status).toBe(200);
    for (const cid of SAMPLES) {
      const record = samples.get(cid);
      const live = inventory.body.data.find((item: any) => item.customer_identifier === cid);
      expect(record.total_units, cid).toBe(3);
      expect(record.total_available_to_sell, cid).toBe(3);
      expect(record.total_units, cid).toBe(live.total_units);
      expect(record.total_available_to_sell, cid).toBe(live.total_available_to_sell);
      expect(record.status_counts, cid).toEqual(live.status_counts);
    }
  });

  test('the ndjson form has 20,000 lines', async () => {
    const response = await fetch(ready.download_url.replace('.json?', '.ndjson?'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');

    const decoder = new TextDecoder();
    let lines = 0;
    let rest = '';
    let parsed = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      const text = rest + decoder.decode(chunk, { stream: true });
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines += 1;
        if (JSON.parse(line).customer_identifier) parsed += 1;
      }
    }
    expect(rest).toBe('');
    expect(lines).toBe(20_000);
    expect(parsed).toBe(20_000);
  });
});

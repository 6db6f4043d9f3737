import { beforeAll, describe, expect, it } from 'vitest';
import { useMockWithReceiver } from '../support/harness.js';
import { CASE_NOW, type TestMock } from '../support/mock.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const harness = useMockWithReceiver({ fixtureName: 'f0', clockAt: CASE_NOW, callbackAllow: ['hooks.example.test'] });
const receiver = harness.receiver;
let mock: TestMock;

beforeAll(() => {
  mock = harness.mock;
});

function reset(): void {
  mock.running.mock.reset();
  mock.setClock(CASE_NOW);
}

describe('H12 callback registration', () => {
  it('rejects SnapshotReady and snapshot_ready, naming the right spelling', async () => {
    reset();
    for (const spelling of ['SnapshotReady', 'snapshot_ready']) {
      const res = await mock.post('/callbacks', [
        { url: `${receiver.url}/hooks/snapshot`, message_type: spelling, api_version: '1.0' },
      ]);
      expect(res.status).toBe(200);
      expect(res.body.records_failed).toBe(1);
      const result = res.body.results[0];
      expect(result.status).toBe('failure');
      expect(result.message_type).toBe(spelling);
      expect(result.messages[0].field_name).toBe('message_type');
      expect(result.messages[0].errors[0]).toContain('snapshotReady');
    }
    const list = await mock.get('/callbacks?message_type=all');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);
  });

  it('registers snapshotReady with a uuid id', async () => {
    reset();
    const res = await mock.post('/callbacks', [
      { url: `${receiver.url}/hooks/snapshot`, message_type: 'snapshotReady', api_version: '1.0' },
    ]);
    expect(res.body.results[0].status).toBe('success');
    expect(res.body.results[0].id).toMatch(UUID);
    const list = await mock.get('/callbacks');
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toEqual({
      id: res.body.results[0].id,
      url: `${receiver.url}/hooks/snapshot`,
      message_type: 'snapshotReady',
      api_version: '1.0',
      created_at: CASE_NOW,
      updated_at: CASE_NOW,
    });
  });

  it('rejects an ftp URL, naming url', async () => {
    reset();
    const res = await mock.post('/callbacks', [
      { url: 'ftp://127.0.0.1/x', message_type: 'skuInventoryChange', api_version: '1.0' },
    ]);
    expect(res.body.results[0].status).toBe('failure');
    expect(res.body.results[0].messages.map((m: { field_name: string }) => m.field_name)).toEqual(['url']);
  });

  it('stores orderEvent and lists it', async () => {
    reset();
    const res = await mock.post('/callbacks', [
      { url: `${receiver.url}/hooks/orders`, message_type: 'orderEvent', api_version: '1.0' },
    ]);
    expect(res.body.results[0].status).toBe('success');
    const list = await mock.get('/callbacks?message_type=orderEvent');
    expect(list.body.map((r: { message_type: string }) => r.message_type)).toEqual(['orderEvent']);
  });

  it('replaces the URL of a type registered again', async () => {
    reset();
    const first = await mock.post('/callbacks', [
      { url: `${receiver.url}/hooks/snapshot`, message_type: 'snapshotReady', api_version: '1.0' },
    ]);
    mock.advance(1000);
    const second = await mock.post('/callbacks', [
      { url: `${receiver.url}/hooks/snapshot-2`, message_type: 'snapshotReady', api_version: '1.0' },
    ]);
    expect(second.body.results[0].status).toBe('success');
    expect(second.body.results[0].url).toBe(`${receiver.url}/hooks/snapshot-2`);
    const list = await mock.get('/callbacks?message_type=snapshotReady');
    expect(list.body).toHaveLength(1);
    expect(list.body[0].url).toBe(`${receiver.url}/hooks/snapshot-2`);
    expect(list.body[0].id).toBe(first.body.results[0].id);
    expect(list.body[0].created_at).toBe(CASE_NOW);
    expect(list.body[0].updated_at).toBe('2026-12-04T12:00:01.000000Z');
  });
});

describe('callback registration checks', () => {
  it('accepts loopback hosts and allowed hosts only', async () => {
    reset();
    const urls = [
      'http://127.0.0.1:9911/a',
      'http://127.8.9.10/a',
      'http://localhost:1/a',
      'http://[::1]:9911/a',
      'https://hooks.example.test/a',
      'http://10.0.0.1/a',
      'http://169.254.169.254/latest',
      'http://example.com/a',
      'not a url',
    ];
    const statuses = [];
    for (const url of urls) {
      const res = await mock.post('/callbacks', [{ url, message_type: 'skuInventoryChange' }]);
      statuses.push(res.body.results[0].status);
    }
    expect(statuses).toEqual([
      'success',
      'success',
      'success',
      'success',
      'success',
      'failure',
      'failure',
      'failure',
      'failure',
    ]);
  });

  it('fails each bad field and keeps the good records', async () => {
    reset();
    const res = await mock.post('/callbacks', [
      { url: `${receiver.url}/a`, message_type: 'skuInventoryChange', api_version: '3.0' },
      { url: `${receiver.url}/a`, message_type: 'skuInventoryChange', api_version: 1 },
      { url: `${receiver.url}/a`, message_type: 'skuInventoryChange', token: '' },
      { url: `${receiver.url}/a`, message_type: 'skuInventoryChange', tokn: 'x' },
      { message_type: 'skuInventoryChange' },
      { url: `${receiver.url}/a` },
      { url: `${receiver.url}/a`, message_type: 'skuInventoryChange', api_version: '2.0', token: 'cb-token-0001' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.records_submitted).toBe(7);
    expect(res.body.records_succeeded).toBe(1);
    const fields = res.body.results.map((r: { messages?: { field_name: string }[] }) =>
      r.messages?.map((m) => m.field_name),
    );
    expect(fields).toEqual([['api_version'], ['api_version'], ['token'], ['tokn'], ['url'], ['message_type'], undefined]);
    const list = await mock.get('/callbacks');
    expect(list.body).toHaveLength(1);
    expect(list.body[0].api_version).toBe('2.0');
    expect(list.body[0].token).toBe('cb-token-0001');
  });

  it('leaves token out of a registration without one', async () => {
    reset();
    await mock.post('/callbacks', [{ url: `${receiver.url}/a`, message_type: 'skuInventoryChange' }]);
    const list = await mock.get('/callbacks');
    expect(list.body[0]).not.toHaveProperty('token');
    expect(list.body[0].api_version).toBe('1.0');
  });

  it('deletes registrations by id, failing unknown ids', async () => {
    reset();
    const created = await mock.post('/callbacks', [
      { url: `${receiver.url}/a`, message_type: 'skuInventoryChange' },
      { url: `${receiver.url}/b`, message_type: 'snapshotReady' },
    ]);
    const id = created.body.results[0].id;
    const res = await mock.api('DELETE', '/callbacks', {
      headers: { 'content-type': 'application/json' },
      raw: JSON.stringify([id, 'cb-unknown', 7]),
    });
    expect(res.status).toBe(200);
    expect(res.body.records_succeeded).toBe(1);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['success', 'failure', 'failure']);
    expect(res.body.results[1].id).toBe('cb-unknown');
    const list = await mock.get('/callbacks');
    expect(list.body.map((r: { message_type: string }) => r.message_type)).toEqual(['snapshotReady']);
  });

  it('rejects a delete body that is not an array', async () => {
    reset();
    const res = await mock.api('DELETE', '/callbacks', {
      headers: { 'content-type': 'application/json' },
      raw: JSON.stringify({ id: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_BODY');
  });

  it('rejects a misspelled message_type filter', async () => {
    reset();
    const res = await mock.get('/callbacks?message_type=SnapshotReady');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_QUERY');
    expect(res.body.error.details[0].field).toBe('message_type');
  });

  it('rejects a registration body of 31 records', async () => {
    reset();
    const records = Array.from({ length: 31 }, () => ({ url: `${receiver.url}/a`, message_type: 'skuInventoryChange' }));
    const res = await mock.post('/callbacks', records);
    expect(res.status).toBe(400);
    const list = await mock.get('/callbacks');
    expect(list.body).toEqual([]);
  });
});

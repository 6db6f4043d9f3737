import { beforeEach, describe, expect, test } from 'vitest';
import { CASE_NOW, useTestMock } from '../support/mock.js';
import { useReceiver } from '../support/receiver.js';
import {
  download,
  getSnapshot,
  readyAttempts,
  registerSnapshotReady,
  requestSnapshot,
  setSnapshotSettings,
  waitForReady,
} from './helpers.js';

const mock = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = useReceiver();

beforeEach(async () => {
  await registerSnapshotReady(mock.current, receiver);
  await setSnapshotSettings(mock.current, { delayMs: 0, perThousandMs: 0 });
});

/** Requests a full snapshot as of `value` and returns the response, callback data and file. */
async function snapshotAsOf(value: string) {
  const res = await requestSnapshot(mock.current, { snapshot_type: 'full', snapshot_as_of_date: value });
  expect(res.status, `${value}: ${res.text}`).toBe(200);
  const data = await waitForReady(receiver, res.body.snapshot_request_id);
  const file = await download(data.download_url);
  expect(file.status).toBe(200);
  return { response: res.body, data, file: file.body };
}

const ACCEPTED: [string, string][] = [
  ['2026-12-04T11:30:00Z', '2026-12-04T11:30:00.000000Z'],
  ['2026-12-04T11:30:00.5Z', '2026-12-04T11:30:00.500000Z'],
  ['2026-12-04T11:30:00.52Z', '2026-12-04T11:30:00.520000Z'],
  ['2026-12-04T11:30:00.123456Z', '2026-12-04T11:30:00.123456Z'],
  ['2026-12-04T11:30:00.123456400Z', '2026-12-04T11:30:00.123456Z'],
  ['2026-12-04T03:30:00-08:00', '2026-12-04T11:30:00.000000Z'],
  ['2026-12-04T17:00:00+05:30', '2026-12-04T11:30:00.000000Z'],
  ['2026-12-04t11:30:00z', '2026-12-04T11:30:00.000000Z'],
];

const REJECTED: unknown[] = [
  '2026-12-04T11:30:00',
  '2026-12-04T11:30:00.Z',
  '2026-12-04T11:30:00+0800',
  '2026-02-30T00:00:00Z',
  '2026-12-04T24:00:00Z',
  '1796385600',
  '30/11/2026',
  '',
  1796385600,
  1796385600000,
  null,
  true,
  { at: '2026-12-04T11:30:00Z' },
];

describe('snapshot_as_of_date', () => {
  test.each(ACCEPTED)('accepts %s as %s', async (value, emitted) => {
    const { response, data, file } = await snapshotAsOf(value);
    expect(response.snapshot_as_of_date).toBe(emitted);
    expect(data.snapshot_as_of_date).toBe(emitted);
    expect(file.snapshot_as_of_date).toBe(emitted);
  });

  test('the same instant in any offset gives the same file', async () => {
    const files = [];
    for (const value of ['2026-12-04T11:30:00Z', '2026-12-04T03:30:00-08:00', '2026-12-04T17:00:00+05:30', '2026-12-04t11:30:00z']) {
      files.push((await snapshotAsOf(value)).file);
    }
    for (const file of files.slice(1)) expect(file.data).toEqual(files[0].data);

    const tee = files[0].data.find((record: any) => record.customer_identifier === 'TEE-BLK-M');
    expect(tee.total_units).toBe(84);
    expect(tee.total_available_to_sell).toBe(73);
  });

  test('a time before the seed events gives zero counts', async () => {
    const { response, data, file } = await snapshotAsOf('2026-12-04T10:59:59Z');
    expect(response.snapshot_as_of_date).toBe('2026-12-04T10:59:59.000000Z');
    expect(data.snapshot_as_of_date).toBe('2026-12-04T10:59:59.000000Z');
    expect(file.snapshot_as_of_date).toBe('2026-12-04T10:59:59.000000Z');
    expect(file.record_count).toBe(8);
    expect(file.data).toHaveLength(8);
    for (const record of file.data) {
      expect(record.total_units, record.customer_identifier).toBe(0);
      expect(record.total_available_to_sell, record.customer_identifier).toBe(0);
      expect(record.status_counts, record.customer_identifier).toEqual([]);
      expect(record.inventory_events, record.customer_identifier).toEqual([]);
    }
  });

  test.each(REJECTED.map((value) => [JSON.stringify(value), value]))('rejects %s', async (_shown, value) => {
    const m = mock.current;
    const res = await requestSnapshot(m, { snapshot_type: 'full', snapshot_as_of_date: value });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_DATE_FORMAT');
    expect(res.body.error.details[0].field).toBe('snapshot_as_of_date');

    const admin = await m.admin('GET', '/accounts/acme-test/snapshots');
    expect(admin.body.jobs).toEqual([]);
    expect(readyAttempts(receiver)).toHaveLength(0);
  });

  test('rejects a date in the future', async () => {
    const m = mock.current;
    for (const value of ['2026-12-04T12:00:01Z', '2026-12-04T12:00:00.000001Z']) {
      const res = await requestSnapshot(m, { snapshot_type: 'full', snapshot_as_of_date: value });
      expect(res.status, value).toBe(400);
      expect(res.body.error.details[0].field).toBe('snapshot_as_of_date');
    }
    const admin = await m.admin('GET', '/accounts/acme-test/snapshots');
    expect(admin.body.jobs).toEqual([]);
    expect(readyAttempts(receiver)).toHaveLength(0);
  });

  test('accepts the current instant itself', async () => {
    const { response } = await snapshotAsOf('2026-12-04T12:00:00Z');
    expect(response.snapshot_as_of_date).toBe('2026-12-04T12:00:00.000000Z');
    expect((await getSnapshot(mock.current, response.snapshot_request_id)).body.status).toBe('complete');
  });
});

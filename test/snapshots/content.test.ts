import { beforeEach, describe, expect, test } from 'vitest';
import { F0 } from '../support/fixtures.js';
import { CASE_NOW, useTestMock, type TestMock } from '../support/mock.js';
import { useReceiver } from '../support/receiver.js';
import { download, registerSnapshotReady, setSnapshotSettings, startSnapshot, waitForReady } from './helpers.js';

const mock = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });
const receiver = useReceiver();

const ALL_CIDS = ['TEE-BLK-M', 'MUG-WHT', 'CAP-RED', 'GIFT BOX', "KID'S TEE", 'BOTTLE-1L', 'LID-STD', 'KIT-BOTTLE-SET'];

beforeEach(async () => {
  await registerSnapshotReady(mock.current, receiver);
  await setSnapshotSettings(mock.current, { delayMs: 0, perThousandMs: 0 });
});

async function adjust(m: TestMock, cid: string, location: string, quantity: number): Promise<void> {
  const res = await m.post('/inventory_adjustments', [
    {
      customer_identifier: cid,
      inventory_location_id: location,
      inventory_status: 'available',
      adjustment_quantity: quantity,
      adjustment_reason: 'correction',
    },
  ]);
  expect(res.status).toBe(200);
  expect(res.body.results[0].status, res.text).toBe('success');
}

/** Runs a snapshot to completion and returns its downloaded file. */
async function snapshotFile(m: TestMock, body: Record<string, unknown>): Promise<any> {
  const id = await startSnapshot(m, body);
  const data = await waitForReady(receiver, id);
  expect(data.status).toBe('complete');
  const file = await download(data.download_url);
  expect(file.status).toBe(200);
  expect(file.body.record_count).toBe(data.record_count);
  expect(file.body.data).toHaveLength(data.record_count);
  return file.body;
}

function identifiers(file: any): string[] {
  return file.data.map((record: any) => record.customer_identifier);
}

describe('full snapshots', () => {
  test('lists every SKU in identifier order', async () => {
    const file = await snapshotFile(mock.current, { snapshot_type: 'full' });
    expect(identifiers(file)).toEqual([...ALL_CIDS].sort());
  });

  test('a past as-of date equals the counts recorded then', async () => {
    const m = mock.current;
    const cids = ALL_CIDS.map(encodeURIComponent).join(',');
    const before = await m.get(`/inventory?cid=${cids}`);
    expect(before.status).toBe(200);

    m.setClock('2026-12-04T12:01:00.000000Z');
    await adjust(m, 'TEE-BLK-M', F0.L1, -5);
    await adjust(m, 'BOTTLE-1L', F0.L1, 4);
    await adjust(m, 'CAP-RED', F0.L2, 7);
    m.setClock('2026-12-04T12:02:00.000000Z');

    const file = await snapshotFile(m, { snapshot_type: 'full', snapshot_as_of_date: '2026-12-04T12:00:00Z' });
    const recorded = new Map(before.body.data.map((record: any) => [record.customer_identifier, record]));
    expect(file.data).toHaveLength(8);
    for (const record of file.data) {
      expect(record, record.customer_identifier).toEqual(recorded.get(record.customer_identifier));
    }
  });

  test('a full snapshot of now shows the latest counts', async () => {
    const m = mock.current;
    m.setClock('2026-12-04T12:01:00.000000Z');
    await adjust(m, 'TEE-BLK-M', F0.L1, -5);

    const file = await snapshotFile(m, { snapshot_type: 'full' });
    const tee = file.data.find((record: any) => record.customer_identifier === 'TEE-BLK-M');
    expect(tee.total_units).toBe(79);
    expect(tee.total_available_to_sell).toBe(68);
    expect(tee.inventory_events[0].quantity).toBe(-5);
    expect(tee.inventory_events[0].occured_at).toBe('2026-12-04T12:01:00.000000Z');
  });
});

describe('delta snapshots', () => {
  test('the first delta lists every SKU', async () => {
    const file = await snapshotFile(mock.current, { snapshot_type: 'delta' });
    expect(file.snapshot_type).toBe('delta');
    expect(file.record_count).toBe(8);
  });

  test('a delta after three adjustments lists exactly those SKUs', async () => {
    const m = mock.current;
    await snapshotFile(m, { snapshot_type: 'full' });

    m.setClock('2026-12-04T12:01:00.000000Z');
    await adjust(m, 'TEE-BLK-M', F0.L1, 1);
    await adjust(m, 'MUG-WHT', F0.L1, 2);
    await adjust(m, 'GIFT BOX', F0.L2, -1);
    m.setClock('2026-12-04T12:02:00.000000Z');

    const file = await snapshotFile(m, { snapshot_type: 'delta' });
    expect(file.record_count).toBe(3);
    expect(identifiers(file)).toEqual(['GIFT BOX', 'MUG-WHT', 'TEE-BLK-M']);
    const mug = file.data.find((record: any) => record.customer_identifier === 'MUG-WHT');
    expect(mug.total_units).toBe(3);
  });

  test('a change undone before the delta is no change', async () => {
    const m = mock.current;
    await snapshotFile(m, { snapshot_type: 'full' });

    m.setClock('2026-12-04T12:01:00.000000Z');
    await adjust(m, 'TEE-BLK-M', F0.L1, 1);
    await adjust(m, 'TEE-BLK-M', F0.L1, -1);
    await adjust(m, "KID'S TEE", F0.L1, 3);

    const file = await snapshotFile(m, { snapshot_type: 'delta' });
    expect(identifiers(file)).toEqual(["KID'S TEE"]);
  });

  test('a kit whose availability moved is listed with its component', async () => {
    const m = mock.current;
    await snapshotFile(m, { snapshot_type: 'full' });

    // L1 has 1 bottle and 8 lids: kits = min(1/1, 8/2) = 1; 3 bottles make it 3.
    m.setClock('2026-12-04T12:01:00.000000Z');
    await adjust(m, 'BOTTLE-1L', F0.L1, 2);
    const moved = await snapshotFile(m, { snapshot_type: 'delta' });
    expect(identifiers(moved)).toEqual(['BOTTLE-1L', 'KIT-BOTTLE-SET']);
    const kit = moved.data.find((record: any) => record.customer_identifier === 'KIT-BOTTLE-SET');
    const l1 = kit.status_counts.find(
      (row: any) => row.inventory_location_id === F0.L1 && row.inventory_status === 'kit-to-ship-available',
    );
    expect(l1.quantity).toBe(3);

    // A ninth lid leaves floor(9 / 2) = 4 lid pairs, so the kit count stays.
    m.setClock('2026-12-04T12:02:00.000000Z');
    await adjust(m, 'LID-STD', F0.L1, 1);
    const unchanged = await snapshotFile(m, { snapshot_type: 'delta' });
    expect(identifiers(unchanged)).toEqual(['LID-STD']);
  });

  test('each delta starts at the previous completed snapshot', async () => {
    const m = mock.current;
    await snapshotFile(m, { snapshot_type: 'full' });

    m.setClock('2026-12-04T12:01:00.000000Z');
    await adjust(m, 'TEE-BLK-M', F0.L1, 1);
    expect(identifiers(await snapshotFile(m, { snapshot_type: 'delta' }))).toEqual(['TEE-BLK-M']);

    m.setClock('2026-12-04T12:02:00.000000Z');
    await adjust(m, 'MUG-WHT', F0.L1, 1);
    await setSnapshotSettings(m, { failNext: 1 });
    const failed = await startSnapshot(m, { snapshot_type: 'delta' });
    expect((await waitForReady(receiver, failed)).status).toBe('failed');

    m.setClock('2026-12-04T12:03:00.000000Z');
    await adjust(m, 'LID-STD', F0.L2, 1);
    expect(identifiers(await snapshotFile(m, { snapshot_type: 'delta' }))).toEqual(['KIT-BOTTLE-SET', 'LID-STD', 'MUG-WHT']);
  });

  test('processing time counts the delta records', async () => {
    const m = mock.current;
    await snapshotFile(m, { snapshot_type: 'full' });
    await setSnapshotSettings(m, { delayMs: 1000, perThousandMs: 1000 });

    m.setClock('2026-12-04T12:01:00.000000Z');
    await adjust(m, 'TEE-BLK-M', F0.L1, 1);
    await adjust(m, 'MUG-WHT', F0.L1, 1);
    const res = await m.post('/snapshot_request', { snapshot_type: 'delta' });
    // 1 s fixed plus 1 ms for each of the two changed SKUs.
    expect(res.body.estimated_completion).toBe('2026-12-04T12:01:01.002000Z');
  });
});

describe('snapshots on a stopped clock', () => {
  test('a delta finds changes made at the previous snapshot instant', async () => {
    const m = mock.current;
    await snapshotFile(m, { snapshot_type: 'full' });
    await adjust(m, 'TEE-BLK-M', F0.L1, 1);
    await adjust(m, 'MUG-WHT', F0.L1, 2);
    await adjust(m, 'GIFT BOX', F0.L2, -1);

    const file = await snapshotFile(m, { snapshot_type: 'delta' });
    expect(file.snapshot_as_of_date).toBe('2026-12-04T12:00:00.000000Z');
    expect(identifiers(file)).toEqual(['GIFT BOX', 'MUG-WHT', 'TEE-BLK-M']);

    const again = await snapshotFile(m, { snapshot_type: 'delta' });
    expect(again.record_count).toBe(0);
  });
});

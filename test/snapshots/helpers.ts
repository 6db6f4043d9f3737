import { expect } from 'vitest';
import type { SnapshotSettings } from '../../src/snapshots/types.js';
import type { ApiResponse, TestMock } from '../support/mock.js';
import type { ReceivedAttempt, Receiver } from '../support/receiver.js';

/** `^\d{4}-...\.\d{6}Z$`: every timestamp the mock emits. */
export const UTC_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Changes an account's snapshot settings through the control plane. */
export async function setSnapshotSettings(
  m: TestMock,
  settings: Partial<SnapshotSettings>,
  account = m.running.defaultAccount,
): Promise<void> {
  const res = await m.admin('PUT', `/accounts/${account}/snapshots`, settings);
  expect(res.status, res.text).toBe(200);
}

/** Registers the receiver's `/hooks/snapshot` for snapshotReady. */
export async function registerSnapshotReady(
  m: TestMock,
  receiver: Receiver,
  account = m.running.defaultAccount,
): Promise<void> {
  const res = await m.post(
    '/callbacks',
    [{ url: `${receiver.url}/hooks/snapshot`, message_type: 'snapshotReady', api_version: '1.0' }],
    { account },
  );
  expect(res.status, res.text).toBe(200);
  expect(res.body.results[0].status, res.text).toBe('success');
}

/** POST `snapshot_request` with a JSON body. */
export function requestSnapshot(m: TestMock, body: unknown, account?: string): Promise<ApiResponse> {
  return m.post('/snapshot_request', body, account === undefined ? {} : { account });
}

/** Starts a snapshot and returns its id, failing unless the POST is a 200. */
export async function startSnapshot(m: TestMock, body: unknown, account?: string): Promise<string> {
  const res = await requestSnapshot(m, body, account);
  expect(res.status, res.text).toBe(200);
  return res.body.snapshot_request_id as string;
}

export function getSnapshot(m: TestMock, id: string, account?: string): Promise<ApiResponse> {
  return m.get(`/snapshot_request/${id}`, account === undefined ? {} : { account });
}

/** snapshotReady attempts the receiver has got, in arrival order. */
export function readyAttempts(receiver: Receiver): ReceivedAttempt[] {
  return receiver.attempts.filter((attempt) => attempt.body?.message_type === 'snapshotReady');
}

/** Waits for the snapshotReady of one job and returns its `data`. */
export async function waitForReady(receiver: Receiver, id: string): Promise<any> {
  const find = () => readyAttempts(receiver).find((attempt) => attempt.body.data?.snapshot_request_id === id);
  await receiver.waitFor(() => find() !== undefined);
  return find()?.body.data;
}

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  body: any;
}

/** Fetches a download link as a client would: no Authorization header unless given. */
export async function download(url: string, headers: Record<string, string> = {}): Promise<Download> {
  const response = await fetch(url, { headers });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, bytes, text, body };
}

/** Replaces one character of the link's `signature` parameter. */
export function tamperSignature(url: string): string {
  const link = new URL(url);
  const signature = link.searchParams.get('signature') ?? '';
  const last = signature.at(-1) === 'A' ? 'B' : 'A';
  link.searchParams.set('signature', `${signature.slice(0, -1)}${last}`);
  return link.toString();
}

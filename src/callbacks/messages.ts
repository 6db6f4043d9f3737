import type { Micros } from '../domain/time.js';
import type { SkuRecord } from './notices.js';
import type { AccountCallbacks, Job } from './state.js';
import type { DeliveryMessage, FiredType, MessageState, Registration } from './types.js';

/**
 * Creates one message for `registration`. The body is serialised once with
 * plain `JSON.stringify` (no escaping of `/` or `&`) as UTF-8, and every
 * attempt sends exactly these bytes.
 */
export function createJob(
  state: AccountCallbacks,
  options: {
    type: FiredType;
    registration: Registration;
    data: unknown;
    records?: readonly SkuRecord[];
    changedAt?: Micros;
    held?: boolean;
  },
): Job {
  const { registration } = options;
  const id = state.random.uuid();
  const text = JSON.stringify({
    callback_url: registration.url,
    message_type: options.type,
    message_id: id,
    api_version: registration.api_version,
    data: options.data,
  });
  const now = state.account.clock.now();
  const records = options.records ?? [];
  const initial: MessageState = options.held ? 'held' : 'pending';
  const message: DeliveryMessage = {
    id,
    account: state.account.slug,
    type: options.type,
    state: initial,
    url: registration.url,
    ...(registration.token === undefined ? {} : { token: registration.token }),
    body: Buffer.from(text, 'utf8'),
    skuIds: records.map((record) => record.skuId),
    customerIdentifiers: records.map((record) => record.customerIdentifier),
    createdAt: now,
    changedAt: options.changedAt ?? now,
    attempts: [],
    roundStart: 0,
    redeliveries: 0,
  };
  state.log.add(message);
  return { message, blockers: 0, inSkuQueues: false, attemptsInRound: 0, duplicate: false };
}

/** Creates skuInventoryChange jobs of at most `maxSkusPerMessage` records each. */
export function inventoryJobs(state: AccountCallbacks, registration: Registration, records: readonly SkuRecord[]): Job[] {
  const size = Math.max(1, Math.min(30, Math.floor(state.settings.maxSkusPerMessage)));
  const jobs: Job[] = [];
  for (let start = 0; start < records.length; start += size) {
    const chunk = records.slice(start, start + size);
    jobs.push(
      createJob(state, {
        type: 'skuInventoryChange',
        registration,
        data: chunk.map((record) => record.record),
        records: chunk,
        changedAt: Math.min(...chunk.map((record) => record.changedAt)),
      }),
    );
  }
  return jobs;
}

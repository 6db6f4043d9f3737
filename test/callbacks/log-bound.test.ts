import { describe, expect, it } from 'vitest';
import { DeliveryLog } from '../../src/callbacks/log.js';
import type { DeliveryMessage, MessageState } from '../../src/callbacks/types.js';

function message(id: string, state: MessageState): DeliveryMessage {
  return {
    id,
    account: 'acme-test',
    type: 'skuInventoryChange',
    state,
    url: 'http://127.0.0.1:1/',
    body: Buffer.from('{}'),
    skuIds: [],
    customerIdentifiers: [],
    createdAt: 0,
    changedAt: 0,
    attempts: [],
    roundStart: 0,
    redeliveries: 0,
  };
}

function finish(log: DeliveryLog, id: string, state: 'delivered' | 'dead'): DeliveryMessage {
  const item = message(id, 'pending');
  log.add(item);
  item.state = state;
  log.finished(item);
  return item;
}

describe('DeliveryLog bound', () => {
  it('evicts delivered messages before dead letters', () => {
    const evicted: string[] = [];
    const log = new DeliveryLog(3, (item) => evicted.push(item.id));
    finish(log, 'dead-1', 'dead');
    finish(log, 'ok-1', 'delivered');
    finish(log, 'ok-2', 'delivered');
    finish(log, 'ok-3', 'delivered');
    finish(log, 'dead-2', 'dead');
    expect(evicted).toEqual(['ok-1', 'ok-2']);
    expect([...log.messages()].map((item) => item.id)).toEqual(['dead-1', 'ok-3', 'dead-2']);
    finish(log, 'dead-3', 'dead');
    expect(evicted).toEqual(['ok-1', 'ok-2', 'ok-3']);
    finish(log, 'dead-4', 'dead');
    expect(evicted.at(-1)).toBe('dead-1');
    expect(log.size).toBe(3);
    expect(log.evicted).toBe(4);
  });

  it('never evicts pending messages', () => {
    const log = new DeliveryLog(2);
    log.add(message('p-1', 'pending'));
    log.add(message('p-2', 'pending'));
    log.add(message('p-3', 'pending'));
    expect(log.size).toBe(3);
    finish(log, 'ok-1', 'delivered');
    expect([...log.messages()].map((item) => item.id)).toEqual(['p-1', 'p-2', 'p-3']);
  });

  it('evicts a redelivered message by its latest state', () => {
    const log = new DeliveryLog(2);
    const first = finish(log, 'm-1', 'delivered');
    first.state = 'pending';
    finish(log, 'ok-2', 'delivered');
    log.add(message('p-3', 'pending'));
    expect([...log.messages()].map((item) => item.id)).toEqual(['m-1', 'p-3']);
  });
});

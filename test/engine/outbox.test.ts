import { describe, expect, test } from 'vitest';
import type { Account } from '../../src/engine/account.js';
import { loadAccount } from '../../src/engine/load.js';
import { applyAdjustments, applyDataFactory } from '../../src/engine/writes.js';
import type { ChangeNotice } from '../../src/engine/outbox.js';
import { Clock } from '../../src/simulation/clock.js';
import { F0, loadFixtureFile } from '../support/fixtures.js';

function f0Account(): { account: Account; notices: ChangeNotice[] } {
  const clock = new Clock();
  clock.setManual(Date.UTC(2026, 11, 4, 12) * 1000);
  const fixture = loadFixtureFile('f0').accounts[0];
  if (!fixture) throw new Error('f0.json has no account');
  const account = loadAccount(fixture, { clock, seed: 1 });
  const notices: ChangeNotice[] = [];
  account.outbox.subscribe((batch) => notices.push(...batch));
  return { account, notices };
}

const adjust = (cid: string, quantity: number, location: string = F0.L1) => ({
  customer_identifier: cid,
  inventory_location_id: location,
  inventory_status: 'available',
  adjustment_quantity: quantity,
  adjustment_reason: 'correction',
});

describe('outbox', () => {
  test('fixture loading queues nothing', () => {
    const { notices } = f0Account();
    expect(notices).toEqual([]);
  });

  test('one change queues one notice for its SKU', () => {
    const { account, notices } = f0Account();
    applyAdjustments(account, [adjust('MUG-WHT', 2)]);
    expect(notices.map((n) => n.sku_id)).toEqual([F0.sku(2)]);
    expect(notices[0]?.event_ids).toHaveLength(1);
  });

  test('a move queues one notice with both events', () => {
    const { account, notices } = f0Account();
    applyAdjustments(account, [{ ...adjust('MUG-WHT', 1), to_status: 'allocated' }]);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.event_ids).toHaveLength(2);
  });

  test('a component change also queues its kit', () => {
    const { account, notices } = f0Account();
    applyAdjustments(account, [adjust('LID-STD', -1)]);
    expect(notices.map((n) => n.sku_id)).toEqual([F0.sku(7), F0.sku(8)]);
    expect(notices[1]?.event_ids).toEqual([]);
  });

  test('a failed record queues nothing', () => {
    const { account, notices } = f0Account();
    const batch = applyAdjustments(account, [adjust('MUG-WHT', -5), adjust('NOPE', 1)]);
    expect(batch.records_failed).toBe(2);
    expect(notices).toEqual([]);
  });

  test('a distributed record queues one notice for all its shares', () => {
    const { account, notices } = f0Account();
    applyDataFactory(account, 'createAvailable', [{ customer_identifier: 'CAP-RED', quantity: 9 }]);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.event_ids).toHaveLength(2);
  });

  test('notices wait for a late consumer', () => {
    const clock = new Clock();
    const fixture = loadFixtureFile('f0').accounts[0]!;
    const account = loadAccount(fixture, { clock, seed: 1 });
    applyAdjustments(account, [adjust('MUG-WHT', 1), adjust('GIFT BOX', 1, F0.L2)]);
    const seen: ChangeNotice[] = [];
    account.outbox.subscribe((batch) => seen.push(...batch));
    expect(seen.map((n) => n.sku_id)).toEqual([F0.sku(2), F0.sku(4)]);
  });
});

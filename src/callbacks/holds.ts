import type { Micros } from '../domain/time.js';
import type { SkuChange } from './notices.js';
import type { AccountCallbacks, Job } from './state.js';
import type { Hold, MessageType } from './types.js';

/** Holds a type from `now` on; holding a held type keeps its first start time. */
export function placeHold(state: AccountCallbacks, type: MessageType, now: Micros): { hold: Hold; created: boolean } {
  const existing = state.holds.get(type);
  if (existing) return { hold: existing, created: false };
  const hold = { message_type: type, created_at: now };
  state.holds.set(type, hold);
  return { hold, created: true };
}

/** Work that a released hold lets go: SKU changes for skuInventoryChange, held messages for other types. */
export type Released = { kind: 'inventory'; changes: SkuChange[] } | { kind: 'messages'; jobs: Job[] };

/**
 * Ends the hold on a type and takes what waited behind it. Returns
 * undefined when the type was not held.
 */
export function takeReleased(state: AccountCallbacks, type: MessageType): Released | undefined {
  if (!state.holds.delete(type)) return undefined;
  if (type === 'skuInventoryChange') {
    const changes = [...state.heldSkus.values()];
    state.heldSkus.clear();
    return { kind: 'inventory', changes };
  }
  const jobs: Job[] = [];
  const kept: Job[] = [];
  for (const job of state.heldJobs) (job.message.type === type ? jobs : kept).push(job);
  state.heldJobs.splice(0, state.heldJobs.length, ...kept);
  for (const job of jobs) job.message.state = 'pending';
  return { kind: 'messages', jobs };
}

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { splitInbound, type CenterRoom } from '../../src/domain/distribution.js';

function center(location_id: string, weight: number, capacity: number, used = 0): CenterRoom {
  return { location_id, weight, capacity, used };
}

describe('splitInbound', () => {
  test('splits by weight with the largest remainder', () => {
    const shares = splitInbound(100, [center('east', 5, 1000), center('central', 3, 1000), center('west', 2, 1000)]);
    expect(shares).toEqual([
      { location_id: 'east', quantity: 50 },
      { location_id: 'central', quantity: 30 },
      { location_id: 'west', quantity: 20 },
    ]);
  });

  test('breaks remainder ties by location order', () => {
    const shares = splitInbound(1, [center('a', 1, 10), center('b', 1, 10)]);
    expect(shares).toEqual([{ location_id: 'a', quantity: 1 }]);
  });

  test('passes the excess of a nearly full center on by weight', () => {
    const shares = splitInbound(100, [center('east', 5, 1000, 990), center('central', 3, 1000), center('west', 2, 1000)]);
    expect(shares).toEqual([
      { location_id: 'east', quantity: 10 },
      { location_id: 'central', quantity: 70 },
      { location_id: 'west', quantity: 20 },
    ]);
  });

  test('handles weights whose sum overflows', () => {
    const shares = splitInbound(10, [center('a', 8e307, 100), center('b', 8e307, 100), center('c', 8e307, 100)]);
    expect(shares?.reduce((sum, share) => sum + share.quantity, 0)).toBe(10);
  });

  test('returns undefined when the network is full', () => {
    expect(splitInbound(11, [center('a', 1, 10, 5), center('b', 1, 10, 5)])).toBeUndefined();
  });

  const centers = fc.array(
    fc.record({
      weight: fc.integer({ min: 0, max: 20 }),
      capacity: fc.integer({ min: 0, max: 500 }),
      used: fc.integer({ min: 0, max: 500 }),
    }),
    { minLength: 1, maxLength: 6 },
  );

  test('never exceeds capacity and sums to the request', () => {
    fc.assert(
      fc.property(centers, fc.integer({ min: 1, max: 2000 }), (list, quantity) => {
        const rooms = list.map((c, i) => center(`c${i}`, c.weight, c.capacity, c.used));
        const free = rooms.reduce((sum, r) => sum + Math.max(0, r.capacity - r.used), 0);
        const shares = splitInbound(quantity, rooms);
        if (quantity > free) {
          expect(shares).toBeUndefined();
          return;
        }
        expect(shares).toBeDefined();
        expect(shares!.reduce((sum, s) => sum + s.quantity, 0)).toBe(quantity);
        for (const share of shares!) {
          const room = rooms.find((r) => r.location_id === share.location_id)!;
          expect(share.quantity).toBeGreaterThan(0);
          expect(room.used + share.quantity).toBeLessThanOrEqual(Math.max(room.capacity, room.used));
        }
        expect(splitInbound(quantity, rooms)).toEqual(shares);
      }),
    );
  });
});

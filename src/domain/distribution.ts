/** The figures of one center that the distribution policy uses. */
export interface CenterRoom {
  location_id: string;
  weight: number;
  capacity: number;
  /** Units at the center now: on hand plus `expected`. */
  used: number;
}

export interface Share {
  location_id: string;
  quantity: number;
}

/**
 * Splits `quantity` inbound units over the centers in proportion to weight,
 * by the largest-remainder method (ties go to the earlier center). No center
 * gets more than its free room; the excess goes to the others in weight order,
 * ties again by center order. Returns undefined when the whole network has
 * less free room than `quantity`. Centers with no share are left out.
 */
export function splitInbound(quantity: number, centers: readonly CenterRoom[]): Share[] | undefined {
  const free = centers.map((center) => Math.max(0, center.capacity - center.used));
  const totalFree = free.reduce((sum, room) => sum + room, 0);
  if (quantity > totalFree) return undefined;

  const shares = proportionalShares(quantity, centers.map((center) => center.weight));

  // Cap each share at its free room and collect what did not fit.
  let excess = 0;
  for (let i = 0; i < shares.length; i++) {
    const room = free[i] as number;
    const share = shares[i] as number;
    if (share > room) {
      excess += share - room;
      shares[i] = room;
    }
  }

  const byWeight = centers
    .map((center, index) => ({ index, weight: center.weight }))
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { index } of byWeight) {
    if (excess === 0) break;
    const room = (free[index] as number) - (shares[index] as number);
    const extra = Math.min(room, excess);
    shares[index] = (shares[index] as number) + extra;
    excess -= extra;
  }

  return centers
    .map((center, index) => ({ location_id: center.location_id, quantity: shares[index] as number }))
    .filter((share) => share.quantity > 0);
}

/** Largest-remainder apportionment of `quantity` by `weights`. */
function proportionalShares(quantity: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  // Scaling by the largest weight keeps the sum finite for any finite weights.
  const largest = Math.max(...weights.map((weight) => (Number.isFinite(weight) ? Math.max(0, weight) : 0)));
  if (largest > 0 && largest !== 1) {
    return proportionalShares(quantity, weights.map((weight) => (Number.isFinite(weight) ? Math.max(0, weight) / largest : 0)));
  }
  const totalWeight = weights.reduce((sum, weight) => sum + Math.max(0, weight), 0);
  if (totalWeight === 0) {
    // No demand data: spread evenly, as if every weight were 1.
    return proportionalShares(quantity, weights.map(() => 1));
  }

  const exact = weights.map((weight) => (quantity * Math.max(0, weight)) / totalWeight);
  const shares = exact.map((value) => Math.floor(value));
  let left = quantity - shares.reduce((sum, share) => sum + share, 0);

  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    shares[index] = (shares[index] as number) + 1;
    left -= 1;
  }
  return shares;
}

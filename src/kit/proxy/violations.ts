import type { Problem } from '../../contracts/types.js';

/** One request or response that broke the contract, as the proxy saw it. */
export interface ProxyViolation {
  /** Sequence number, from 1, counted since the proxy started. */
  id: number;
  /** Wall-clock time, ISO 8601. */
  at: string;
  /** Whether the client's request or the upstream's response broke it. */
  direction: 'request' | 'response';
  method: string;
  /** Path and query as the client sent them. */
  path: string;
  /** The upstream's status, for a response. */
  status?: number;
  problems: Problem[];
}

/** The newest violations, at most `capacity`, with a count of those dropped. */
export class ViolationLog {
  readonly #entries: ProxyViolation[] = [];
  #nextId = 1;
  #dropped = 0;

  constructor(readonly capacity: number) {}

  add(entry: Omit<ProxyViolation, 'id' | 'at'>): ProxyViolation {
    const violation: ProxyViolation = {
      id: this.#nextId,
      at: new Date().toISOString(),
      ...entry,
    };
    this.#nextId += 1;
    this.#entries.push(violation);
    if (this.#entries.length > this.capacity) {
      this.#entries.shift();
      this.#dropped += 1;
    }
    return violation;
  }

  list(): ProxyViolation[] {
    return [...this.#entries];
  }

  /** Returns the body of `GET /__admin/violations`. */
  toJSON(): { count: number; dropped: number; violations: ProxyViolation[] } {
    return {
      count: this.#entries.length,
      dropped: this.#dropped,
      violations: this.list(),
    };
  }

  /** Removes every entry and returns how many there were. */
  clear(): number {
    const count = this.#entries.length;
    this.#entries.length = 0;
    this.#dropped = 0;
    return count;
  }
}

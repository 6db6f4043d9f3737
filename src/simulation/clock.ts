import { MICROS_PER_MS, type Micros } from '../domain/time.js';

export type ClockMode = 'real' | 'manual';

export interface Timer {
  readonly id: number;
  readonly due: Micros;
}

interface PendingTimer extends Timer {
  run: () => void;
}

/**
 * The mock's clock. In `real` mode it follows the wall clock (plus any
 * offset left by an earlier manual period); in `manual` mode it stays still
 * until set or advanced. Every timer in the mock is scheduled here, so in
 * manual mode retries, snapshot jobs and expiries fire exactly when the clock
 * is moved past their due time, in due-time order.
 */
export class Clock {
  #mode: ClockMode = 'real';
  /** Added to the wall clock in real mode. */
  #offset = 0;
  #manualNow = 0;
  #nextId = 1;
  readonly #timers = new Map<number, PendingTimer>();
  /** Min-heap by (due, id); cancelled timers are skipped when they surface. */
  readonly #heap: PendingTimer[] = [];
  #wallTimer: NodeJS.Timeout | undefined;
  #wallTimerDue: Micros | undefined;

  get mode(): ClockMode {
    return this.#mode;
  }

  now(): Micros {
    if (this.#mode === 'manual') return this.#manualNow;
    return Date.now() * MICROS_PER_MS + this.#offset;
  }

  /** Switches to manual mode, stopped at `at` (default: the current time). */
  setManual(at: Micros = this.now()): void {
    this.#mode = 'manual';
    this.#manualNow = at;
    this.#disarm();
    this.#fireDue();
  }

  /** Switches to real mode; time runs on from the current reading. */
  setReal(at: Micros = this.now()): void {
    this.#offset = at - Date.now() * MICROS_PER_MS;
    this.#mode = 'real';
    this.#fireDue();
    this.#arm();
  }

  /** Moves the manual clock forward by `micros` and fires what fell due. */
  advance(micros: Micros): void {
    if (micros < 0) throw new RangeError('the clock cannot be advanced by a negative amount');
    this.set(this.now() + micros);
  }

  /** Sets the time, in either mode, and fires every timer now due. */
  set(at: Micros): void {
    if (this.#mode === 'manual') {
      // Fire timers one at a time at their own due time, so each callback
      // reads the time it was scheduled for and can schedule further timers.
      for (;;) {
        const next = this.#earliest();
        if (!next || next.due > at) break;
        this.#manualNow = Math.max(this.#manualNow, next.due);
        this.#remove(next);
        runSafely(next);
      }
      this.#manualNow = at;
      return;
    }
    this.#offset = at - Date.now() * MICROS_PER_MS;
    this.#fireDue();
    this.#arm();
  }

  /** Runs `run` once the clock reaches `due`. */
  at(due: Micros, run: () => void): Timer {
    const timer: PendingTimer = { id: this.#nextId++, due, run };
    this.#timers.set(timer.id, timer);
    heapPush(this.#heap, timer);
    if (this.#mode === 'real') this.#arm();
    return timer;
  }

  /** Runs `run` after `delay` microseconds of this clock's time. */
  after(delay: Micros, run: () => void): Timer {
    return this.at(this.now() + Math.max(0, delay), run);
  }

  cancel(timer: Timer | undefined): void {
    if (!timer) return;
    this.#timers.delete(timer.id);
  }

  /** Number of timers not yet fired. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Due time of the earliest pending timer. */
  nextDue(): Micros | undefined {
    return this.#earliest()?.due;
  }

  /** Cancels every timer, for shutdown and reset. */
  clear(): void {
    this.#timers.clear();
    this.#heap.length = 0;
    this.#disarm();
  }

  #earliest(): PendingTimer | undefined {
    for (;;) {
      const top = this.#heap[0];
      if (!top || this.#timers.has(top.id)) return top;
      heapPop(this.#heap);
    }
  }

  #remove(timer: PendingTimer): void {
    this.#timers.delete(timer.id);
    if (this.#heap[0] === timer) heapPop(this.#heap);
  }

  #fireDue(): void {
    for (;;) {
      const next = this.#earliest();
      if (!next || next.due > this.now()) return;
      this.#remove(next);
      runSafely(next);
    }
  }

  #arm(): void {
    const next = this.#earliest();
    if (!next) {
      this.#disarm();
      return;
    }
    if (this.#wallTimer && this.#wallTimerDue === next.due) return;
    this.#disarm();
    const delayMs = Math.max(0, (next.due - this.now()) / MICROS_PER_MS);
    // Node caps timeouts at about 24.8 days; a longer wait re-arms on wake-up.
    this.#wallTimer = setTimeout(() => {
      this.#wallTimer = undefined;
      this.#wallTimerDue = undefined;
      this.#fireDue();
      this.#arm();
    }, Math.min(delayMs, 2 ** 31 - 1));
    this.#wallTimer.unref();
    this.#wallTimerDue = next.due;
  }

  #disarm(): void {
    if (this.#wallTimer) clearTimeout(this.#wallTimer);
    this.#wallTimer = undefined;
    this.#wallTimerDue = undefined;
  }
}

function runSafely(timer: PendingTimer): void {
  try {
    timer.run();
  } catch {
    // A timer's own code reports its errors; one failure must not stop the others.
  }
}

function before(a: PendingTimer, b: PendingTimer): boolean {
  return a.due < b.due || (a.due === b.due && a.id < b.id);
}

function heapPush(heap: PendingTimer[], timer: PendingTimer): void {
  heap.push(timer);
  let index = heap.length - 1;
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (!before(heap[index] as PendingTimer, heap[parent] as PendingTimer)) break;
    [heap[index], heap[parent]] = [heap[parent] as PendingTimer, heap[index] as PendingTimer];
    index = parent;
  }
}

function heapPop(heap: PendingTimer[]): void {
  const last = heap.pop();
  if (!last || heap.length === 0) return;
  heap[0] = last;
  let index = 0;
  for (;;) {
    const left = index * 2 + 1;
    const right = left + 1;
    let smallest = index;
    if (left < heap.length && before(heap[left] as PendingTimer, heap[smallest] as PendingTimer)) smallest = left;
    if (right < heap.length && before(heap[right] as PendingTimer, heap[smallest] as PendingTimer)) smallest = right;
    if (smallest === index) return;
    [heap[index], heap[smallest]] = [heap[smallest] as PendingTimer, heap[index] as PendingTimer];
    index = smallest;
  }
}

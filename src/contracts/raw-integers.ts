import { joinPointer } from './json-pointer.js';
import { showPointer } from './problems.js';
import type { Problem } from './types.js';

/**
 * Keys whose values the contract types as integers. `JSON.parse` turns
 * `10.0` and `1e1` into `10`, so only the raw text shows whether a server
 * wrote them as bare integer literals.
 */
export const INTEGER_KEYS: readonly string[] = [
  'quantity',
  'total_units',
  'total_available_to_sell',
  'previous_quantity',
  'new_quantity',
  'to_previous_quantity',
  'to_new_quantity',
  'adjustment_quantity',
  'limit',
  'offset',
  'total',
  'record_count',
  'records_submitted',
  'records_processed',
  'records_succeeded',
  'records_failed',
];

const INTEGER_LITERAL = /^-?(?:0|[1-9]\d*)$/;
const NUMBER_LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/**
 * Scans JSON text and reports every member named in `keys` whose value is
 * not a bare integer literal (`-?\d+`): `10.0`, `1e1`, `"10"`, `null` or
 * `""` are all reported, at the member's JSON pointer. Invalid JSON gives
 * one problem at the place where the scan stopped.
 *
 * @example
 * checkRawIntegers('{"data":[{"total_units":10.0}]}');
 * // [{ pointer: '/data/0/total_units', got: '10.0', ... }]
 */
export function checkRawIntegers(
  text: string,
  keys: Iterable<string> = INTEGER_KEYS,
  prefix = '',
): Problem[] {
  const scanner = new RawScanner(text, new Set(keys), prefix);
  try {
    scanner.skipWhitespace();
    scanner.value(prefix, false);
    scanner.skipWhitespace();
    if (scanner.position < text.length) scanner.fail('end of text');
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    scanner.problems.push({
      pointer: error.pointer,
      expected: 'valid JSON',
      got: `invalid JSON at character ${error.position}`,
      message:
        `${showPointer(error.pointer)} is invalid JSON at character ` +
        `${error.position}: expected ${error.expected}`,
    });
  }
  return scanner.problems;
}

class ScanError extends Error {
  override name = 'ScanError';

  constructor(
    readonly pointer: string,
    readonly position: number,
    readonly expected: string,
  ) {
    super(`invalid JSON at character ${position}: expected ${expected}`);
  }
}

class RawScanner {
  position = 0;
  readonly problems: Problem[] = [];

  constructor(
    private readonly text: string,
    private readonly keys: ReadonlySet<string>,
    private readonly prefix: string,
  ) {}

  fail(expected: string, pointer = this.prefix): never {
    throw new ScanError(pointer, this.position, expected);
  }

  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.position;
    WHITESPACE.exec(this.text);
    this.position = WHITESPACE.lastIndex;
  }

  /** Reads one value at `pointer`, which must be an integer if `checked`. */
  value(pointer: string, checked: boolean): void {
    const start = this.position;
    const first = this.text[this.position];

    if (first === '{') this.object(pointer);
    else if (first === '[') this.array(pointer);
    else if (first === '"') this.string(pointer);
    else if (first === '-' || (first !== undefined && /\d/.test(first))) {
      this.number(pointer);
    } else if (!this.literal('true', 'false', 'null')) {
      this.fail('a JSON value', pointer);
    }

    if (!checked) return;
    const raw = this.text.slice(start, this.position);
    if (INTEGER_LITERAL.test(raw)) return;
    const got = raw.length > 40 ? `${raw.slice(0, 36)}…` : raw;
    this.problems.push({
      pointer,
      expected: 'a bare integer literal',
      got,
      message:
        `${showPointer(pointer)} must be a bare integer literal, ` +
        `got ${got}`,
    });
  }

  private object(pointer: string): void {
    this.position += 1;
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position += 1;
      return;
    }

    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') this.fail('a member name', pointer);
      const name = this.string(pointer);
      this.skipWhitespace();
      if (this.text[this.position] !== ':') this.fail('":"', pointer);
      this.position += 1;
      this.skipWhitespace();
      this.value(joinPointer(pointer, name), this.keys.has(name));
      this.skipWhitespace();

      const next = this.text[this.position];
      this.position += 1;
      if (next === '}') return;
      if (next !== ',') this.fail('"," or "}"', pointer);
    }
  }

  private array(pointer: string): void {
    this.position += 1;
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position += 1;
      return;
    }

    for (let index = 0; ; index += 1) {
      this.skipWhitespace();
      this.value(joinPointer(pointer, index), false);
      this.skipWhitespace();

      const next = this.text[this.position];
      this.position += 1;
      if (next === ']') return;
      if (next !== ',') this.fail('"," or "]"', pointer);
    }
  }

  /** Reads a string literal and returns its decoded value. */
  private string(pointer: string): string {
    const start = this.position;
    let index = start + 1;
    while (index < this.text.length) {
      const char = this.text[index];
      if (char === '"') break;
      index += char === '\\' ? 2 : 1;
    }
    if (index >= this.text.length) this.fail('a closing quote', pointer);

    this.position = index + 1;
    try {
      return JSON.parse(this.text.slice(start, this.position)) as string;
    } catch {
      this.position = start;
      return this.fail('a valid string', pointer);
    }
  }

  private number(pointer: string): void {
    NUMBER_LITERAL.lastIndex = this.position;
    const match = NUMBER_LITERAL.exec(this.text);
    if (match === null) this.fail('a number', pointer);
    this.position = NUMBER_LITERAL.lastIndex;
  }

  /** Consumes the first of `words` found at the position, if any. */
  private literal(...words: string[]): boolean {
    const word = words.find((w) => this.text.startsWith(w, this.position));
    if (word === undefined) return false;
    this.position += word.length;
    return true;
  }
}

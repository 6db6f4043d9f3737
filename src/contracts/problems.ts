import type { ErrorObject } from 'ajv/dist/2020.js';
import { joinPointer } from './json-pointer.js';
import type { Problem } from './types.js';

const MAX_SHOWN_LENGTH = 60;

/**
 * Describes a value by its JSON type and value, such as `string "10"`,
 * `number 10.5`, `null` or `nothing` for a missing value.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return `string ${shorten(JSON.stringify(value))}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return `${typeof value} ${String(value)}`;
  }
  if (Array.isArray(value)) return `array of ${count(value.length, 'item')}`;
  return 'object';
}

function shorten(text: string): string {
  if (text.length <= MAX_SHOWN_LENGTH) return text;
  return `${text.slice(0, MAX_SHOWN_LENGTH - 4)}…${text.slice(-3)}`;
}

/** Renders a pointer for a message. The empty root pointer gets words. */
export function showPointer(pointer: string): string {
  return pointer === '' ? 'the root value' : `\`${pointer}\``;
}

/** Builds a problem whose message states the rule and the value. */
export function mustBe(
  pointer: string,
  expected: string,
  got: string,
): Problem {
  return {
    pointer,
    expected,
    got,
    message: `${showPointer(pointer)} must be ${expected}, got ${got}`,
  };
}

export function missing(pointer: string): Problem {
  return {
    pointer,
    expected: 'a value (required)',
    got: 'nothing',
    message: `${showPointer(pointer)} is required but missing`,
  };
}

/**
 * Turns ajv errors into problems. `prefix` is prepended to every pointer,
 * such as `/query` or `/body`. Errors of `anyOf` and `oneOf` are merged or
 * pruned so that one wrong value gives one problem.
 */
export function problemsFromAjv(
  errors: readonly ErrorObject[] | null | undefined,
  prefix = '',
): Problem[] {
  const pruned = pruneCombinators(errors ?? []);
  const problems: Problem[] = [];
  const seen = new Set<string>();

  for (const error of pruned) {
    const problem = fromError(error, prefix);
    if (problem === undefined) continue;
    const key = `${problem.pointer}\n${problem.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

type Combined = ErrorObject & { mergedExpected?: string[] };

/**
 * With `allErrors`, a failed `anyOf` reports the errors of every branch
 * before its own. When every branch failed at the value itself (an enum
 * branch and a const branch, say), the branches become one problem listing
 * each alternative. When some branch got deeper into the value, only that
 * branch's errors are kept, since it is the closest match.
 */
function pruneCombinators(errors: readonly ErrorObject[]): Combined[] {
  const result: Combined[] = [];

  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      result.push(error);
      continue;
    }

    const path = error.instancePath;
    const branch: Combined[] = [];
    while (result.length > 0) {
      const last = result[result.length - 1]!;
      const inside =
        last.instancePath === path || last.instancePath.startsWith(`${path}/`);
      if (!inside) break;
      branch.unshift(result.pop()!);
    }

    const deeper = branch.filter((e) => e.instancePath !== path);
    if (branch.length > 0 && deeper.length === 0) {
      const alternatives = branch.flatMap(
        (e) => e.mergedExpected ?? [expectationOf(e)],
      );
      result.push({ ...error, mergedExpected: alternatives });
    } else if (deeper.length > 0) {
      result.push(...deeper);
    } else {
      result.push(error);
    }
  }
  return result;
}

function fromError(error: Combined, prefix: string): Problem | undefined {
  const pointer = prefix + error.instancePath;
  const got = describeValue(error.data);

  switch (error.keyword) {
    case 'required': {
      const name = String(error.params.missingProperty);
      return missing(joinPointer(pointer, name));
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(
        error.params.additionalProperty ?? error.params.unevaluatedProperty,
      );
      const propertyPointer = joinPointer(pointer, name);
      return {
        pointer: propertyPointer,
        expected: 'no such property',
        got: 'an undocumented property',
        message: `${showPointer(propertyPointer)} is not a documented property`,
      };
    }
    case 'discriminator': {
      const tag = String(error.params.tag);
      const tagPointer = joinPointer(pointer, tag);
      const mapping = discriminatorValues(error);
      const value = (error.data as Record<string, unknown> | null)?.[tag];
      const expected =
        mapping.length > 0 ? `one of ${mapping.join(', ')}` : 'a known value';
      return mustBe(tagPointer, expected, describeValue(value));
    }
    case 'if':
      // The failing `then` or `else` keywords report the real problems.
      return undefined;
    default:
      return mustBe(pointer, mergedOrSingle(error), got);
  }
}

function mergedOrSingle(error: Combined): string {
  if (error.mergedExpected === undefined) return expectationOf(error);
  return [...new Set(error.mergedExpected)].join(', or ');
}

/** States what a failed keyword expects, in words. */
function expectationOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return String(params.type).replaceAll(',', ' or ');
    case 'enum':
      return `one of ${listValues(params.allowedValues)}`;
    case 'const':
      return JSON.stringify(params.allowedValue);
    case 'pattern':
      return `a string matching ${String(params.pattern)}`;
    case 'format':
      return `a valid ${String(params.format)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${String(params.comparison)} ${String(params.limit)}`;
    case 'minItems':
      return `an array of at least ${count(params.limit, 'item')}`;
    case 'maxItems':
      return `an array of at most ${count(params.limit, 'item')}`;
    case 'minLength':
      return `at least ${count(params.limit, 'character')} long`;
    case 'maxLength':
      return `at most ${count(params.limit, 'character')} long`;
    case 'multipleOf':
      return `a multiple of ${String(params.multipleOf)}`;
    case 'uniqueItems':
      return 'an array without duplicates';
    default:
      // Ajv's own text, such as "must NOT be valid", without "must".
      return (error.message ?? `valid for ${error.keyword}`).replace(
        /^must (be )?/,
        '',
      );
  }
}

function count(limit: unknown, noun: string): string {
  return `${String(limit)} ${noun}${limit === 1 ? '' : 's'}`;
}

function listValues(values: unknown): string {
  if (!Array.isArray(values)) return String(values);
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function discriminatorValues(error: ErrorObject): string[] {
  const parent = error.parentSchema as
    | { discriminator?: { 'x-mapping'?: Record<string, unknown> } }
    | undefined;
  const mapping = parent?.discriminator?.['x-mapping'];
  return mapping === undefined ? [] : Object.keys(mapping).map((v) => `"${v}"`);
}

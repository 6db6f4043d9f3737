import type { OpenAPIV3_1 } from 'openapi-types';
import { resolveRef } from './document.js';
import { joinPointer } from './json-pointer.js';
import type { HeadersInput, ParameterInfo, QueryInput } from './types.js';

/** Parameter values by name, as strings, each key possibly repeated. */
export type RawValues = Map<string, string[]>;

/** Reads query values from `query` and from a query string in `path`. */
export function readQuery(
  query: QueryInput | undefined,
  path: string,
): RawValues {
  const values: RawValues = new Map();
  const add = (key: string, value: string): void => {
    const list = values.get(key);
    if (list === undefined) values.set(key, [value]);
    else list.push(value);
  };

  // A query string written into the path counts as well.
  const inPath = path.indexOf('?');
  if (inPath >= 0) {
    new URLSearchParams(path.slice(inPath + 1).split('#')[0]).forEach(
      (value, key) => add(key, value),
    );
  }

  if (query === undefined) return values;
  if (typeof query === 'string' || query instanceof URLSearchParams) {
    new URLSearchParams(query).forEach((value, key) => add(key, value));
    return values;
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const list: readonly string[] = typeof value === 'string' ? [value] : value;
    for (const item of list) add(key, item);
  }
  return values;
}

/** Reads headers into lower-case names. */
export function readHeaders(headers: HeadersInput): RawValues {
  const values: RawValues = new Map();
  if (headers instanceof Headers) {
    headers.forEach((value, key) => values.set(key.toLowerCase(), [value]));
    return values;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const list: readonly string[] = typeof value === 'string' ? [value] : value;
    values.set(key.toLowerCase(), [...list]);
  }
  return values;
}

type Kind = 'array' | 'integer' | 'number' | 'boolean' | 'string' | 'other';

/** Returns the JSON type a schema declares, or `other` when it is unclear. */
export function schemaKind(
  document: OpenAPIV3_1.Document,
  pointer: string,
): { kind: Kind; itemsPointer?: string } {
  const located = resolveRef(document, pointer);
  const schema = located.node as { type?: unknown; items?: unknown };
  const declared = Array.isArray(schema.type)
    ? schema.type.find((type) => type !== 'null')
    : schema.type;

  switch (declared) {
    case 'array':
      return schema.items === undefined
        ? { kind: 'array' }
        : {
            kind: 'array',
            itemsPointer: joinPointer(located.pointer, 'items'),
          };
    case 'integer':
    case 'number':
    case 'boolean':
    case 'string':
      return { kind: declared };
    default:
      return { kind: 'other' };
  }
}

/** A parameter's values that were given more than once but allow one. */
export interface RepeatedValue {
  parameter: ParameterInfo;
  count: number;
}

/**
 * Turns raw string values into the JSON values that the parameters'
 * schemas describe, so ajv can check them. Integers, numbers and booleans
 * are converted only when the text is a plain literal of that type, so
 * `limit=abc` or `limit=10.5` stays a string and fails the `integer` type.
 * `1` and `0` count as booleans, as the API documents. Form-style arrays
 * without `explode` are split at commas, and repeated keys merge. Repeated
 * array values count once, as the API does for `cid` and `status`.
 */
export function coerceParameters(
  document: OpenAPIV3_1.Document,
  parameters: readonly ParameterInfo[],
  raw: RawValues,
): { values: Record<string, unknown>; repeated: RepeatedValue[] } {
  const values: Record<string, unknown> = {};
  const repeated: RepeatedValue[] = [];

  for (const parameter of parameters) {
    // Header names are case-insensitive, and readHeaders lower-cases them.
    const key =
      parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
    const rawValues = raw.get(key);
    if (rawValues === undefined || rawValues.length === 0) continue;

    const { kind, itemsPointer } = schemaKind(
      document,
      parameter.schemaPointer,
    );
    if (kind === 'array') {
      const items = splitItems(parameter, rawValues);
      const itemKind =
        itemsPointer === undefined
          ? 'other'
          : schemaKind(document, itemsPointer).kind;
      values[parameter.name] = [...new Set(items)].map((item) =>
        coerceScalar(item, itemKind),
      );
      continue;
    }

    if (rawValues.length > 1) {
      repeated.push({ parameter, count: rawValues.length });
      continue;
    }
    values[parameter.name] = coerceScalar(rawValues[0] ?? '', kind);
  }
  return { values, repeated };
}

function splitItems(
  parameter: ParameterInfo,
  rawValues: readonly string[],
): string[] {
  const separator =
    parameter.style === 'spaceDelimited'
      ? ' '
      : parameter.style === 'pipeDelimited'
        ? '|'
        : ',';
  // Exploded form arrays repeat the key, one item per value.
  if (parameter.style === 'form' && parameter.explode) return [...rawValues];
  return rawValues.flatMap((value) => value.split(separator));
}

function coerceScalar(text: string, kind: Kind): unknown {
  switch (kind) {
    case 'integer':
      return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))
        ? Number(text)
        : text;
    case 'number':
      return /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)
        ? Number(text)
        : text;
    case 'boolean':
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      return text;
    default:
      return text;
  }
}

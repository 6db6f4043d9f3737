import type { OpenAPIV3_1 } from 'openapi-types';
import { joinPointer } from './json-pointer.js';
import { coerceParameters, type RawValues } from './parameters.js';
import { mustBe, problemsFromAjv } from './problems.js';
import { checkRawIntegers } from './raw-integers.js';
import type { SchemaStore } from './schemas.js';
import type { ParameterInfo, ParameterLocation, Problem } from './types.js';

const RAW_INTEGER_EXPECTATION = 'a bare integer literal';

/** Parameters of one location, with the cache key of their schema. */
export interface ParameterGroup {
  /** Cache key of the group's compiled schema, unique per document. */
  key: string;
  location: ParameterLocation;
  parameters: readonly ParameterInfo[];
}

/**
 * Checks the parameters of one location against a schema assembled from
 * the parameters' own schemas, after converting strings to JSON values.
 * With `rejectUnknown`, keys that no parameter documents are problems too.
 */
export function checkParameters(
  document: OpenAPIV3_1.Document,
  store: SchemaStore,
  group: ParameterGroup,
  raw: RawValues,
  rejectUnknown = false,
): Problem[] {
  const { location, parameters } = group;
  const prefix = location === 'header' ? '/headers' : `/${location}`;
  const { values, repeated } = coerceParameters(document, parameters, raw);
  const problems: Problem[] = repeated.map(({ parameter, count }) =>
    mustBe(
      joinPointer(prefix, parameter.name),
      'given once',
      `${count} values`,
    ),
  );

  const validate = store.compileOnce(group.key, () => ({
    type: 'object',
    properties: Object.fromEntries(
      parameters.map((p) => [p.name, store.refTo(p.schemaPointer)]),
    ),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  }));
  if (!validate(values)) {
    problems.push(...problemsFromAjv(validate.errors, prefix));
  }

  if (rejectUnknown) problems.push(...unknownKeys(parameters, raw, prefix));
  return problems;
}

function unknownKeys(
  parameters: readonly ParameterInfo[],
  raw: RawValues,
  prefix: string,
): Problem[] {
  const known = new Set(parameters.map((p) => p.name));
  const problems: Problem[] = [];

  for (const key of raw.keys()) {
    if (known.has(key)) continue;

    const pointer = joinPointer(prefix, key);
    const base = key.endsWith('[]') ? key.slice(0, -2) : undefined;
    const hint =
      base !== undefined && known.has(base)
        ? `Send \`${base}=a,b\` or repeat \`${base}=\`.`
        : `Documented keys: ${[...known].join(', ') || 'none'}.`;
    problems.push({
      pointer,
      expected: 'a documented parameter',
      got: `the key "${key}"`,
      message: `\`${pointer}\` is not a documented parameter. ${hint}`,
    });
  }
  return problems;
}

/** Extracts the lower-case media type, without parameters like `charset`. */
export function mediaTypeOf(
  contentType: string | undefined,
): string | undefined {
  const type = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return type === undefined || type === '' ? undefined : type;
}

/**
 * Validates a JSON value, or JSON text, against the schema at a pointer.
 * Text is parsed first, and with `rawIntegers` its integer fields are also
 * checked as written, because `JSON.parse` hides `10.0`.
 */
export function checkJson(
  store: SchemaStore,
  schemaPointer: string,
  body: unknown,
  prefix: string,
  rawIntegers = true,
): Problem[] {
  let value = body;
  const problems: Problem[] = [];

  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const got = `text that does not parse: ${reason}`;
      return [mustBe(prefix, 'valid JSON', got)];
    }
    if (rawIntegers) {
      problems.push(...checkRawIntegers(body, undefined, prefix));
    }
  }

  const validate = store.at(schemaPointer);
  if (!validate(value)) {
    problems.push(...problemsFromAjv(validate.errors, prefix));
  }
  return preferSchemaProblems(problems);
}

/**
 * Drops raw-text problems at pointers that the schema already reports, so
 * `"10"` gives one problem, not two.
 */
function preferSchemaProblems(problems: readonly Problem[]): Problem[] {
  const isRaw = (p: Problem): boolean => p.expected === RAW_INTEGER_EXPECTATION;
  const fromSchema = problems.filter((p) => !isRaw(p));
  const covered = new Set(fromSchema.map((p) => p.pointer));
  const rawOnly = problems.filter((p) => isRaw(p) && !covered.has(p.pointer));
  return [...fromSchema, ...rawOnly];
}

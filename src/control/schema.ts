import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorDetail } from '../server/errors.js';

const SCHEMA_URL = new URL('../../contracts/config.schema.json', import.meta.url);

/** The whole config schema, or its fault rule alone. */
export type SchemaPart = 'config' | 'FaultRule';

let compiled: Map<SchemaPart, ValidateFunction> | undefined;

function validator(part: SchemaPart): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object;
    // verbose keeps each error's parent schema, which lists the allowed keys.
    const ajv = new Ajv2020({ allErrors: true, strict: false, discriminator: true, verbose: true });
    addFormats.default(ajv);
    ajv.addSchema(schema, 'config');
    compiled = new Map();
    compiled.set('config', ajv.getSchema('config') as ValidateFunction);
    compiled.set('FaultRule', ajv.compile({ $ref: 'config#/$defs/FaultRule' }));
  }
  return compiled.get(part) as ValidateFunction;
}

/**
 * Checks a value against one part of the config schema. Returns the problems,
 * each with a JSON pointer below `prefix`; an empty list means valid.
 */
export function schemaProblems(part: SchemaPart, value: unknown, prefix = ''): ErrorDetail[] {
  const validate = validator(part);
  if (validate(value)) return [];

  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const detail = describe(error, prefix);
    if (!detail || seen.has(detail.field)) continue;
    seen.add(detail.field);
    details.push(detail);
  }
  return details.length > 0 ? details : [{ field: prefix || '/', problem: 'is invalid' }];
}

function describe(error: ErrorObject, prefix: string): ErrorDetail | undefined {
  const at = `${prefix}${error.instancePath}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      return { field: `${at}/${key}`, problem: `unknown key '${key}'; allowed keys: ${allowed.join(', ')}` };
    }
    case 'required':
      return { field: `${at}/${String(params.missingProperty)}`, problem: 'is required' };
    case 'discriminator': {
      const tag = String(params.tag);
      const branches = (error.parentSchema as { oneOf?: { properties?: Record<string, { const?: unknown }> }[] })
        ?.oneOf;
      const names = (branches ?? []).map((branch) => String(branch.properties?.[tag]?.const));
      return { field: `${at}/${tag}`, problem: `must be one of: ${names.join(', ')}` };
    }
    case 'enum':
      return { field: at || '/', problem: `must be one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'if':
    case 'oneOf':
      // The branch's own errors are more specific, so these summaries are dropped.
      return undefined;
    default:
      return { field: at || '/', problem: error.message ?? 'is invalid' };
  }
}

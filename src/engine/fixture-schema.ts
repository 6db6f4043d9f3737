import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { FixtureError } from './errors.js';
import type { AccountFixture, FixtureFile } from './fixture-format.js';

const SCHEMA_URL = new URL('../../contracts/fixture.schema.json', import.meta.url);

let compiled: { file: ValidateFunction; account: ValidateFunction } | undefined;

function validators() {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as { $id?: string };
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  addFormats.default(ajv);
  ajv.addSchema(schema, 'fixture');
  compiled = {
    file: ajv.getSchema('fixture') as ValidateFunction,
    account: ajv.compile({ $ref: 'fixture#/$defs/AccountFixture' }),
  };
  return compiled;
}

function toError(errors: ErrorObject[] | null | undefined, prefix: string): FixtureError {
  const first = errors?.[0];
  if (!first) return new FixtureError(prefix, 'invalid fixture');
  const pointer = `${prefix}${first.instancePath}`;
  if (first.keyword === 'additionalProperties') {
    const key = String((first.params as { additionalProperty?: string }).additionalProperty);
    return new FixtureError(`${pointer}/${key}`, `unknown key '${key}'`);
  }
  return new FixtureError(pointer, first.message ?? 'is invalid');
}

/** Checks a parsed fixture file against contracts/fixture.schema.json. */
export function validateFixture(value: unknown): FixtureFile {
  const { file } = validators();
  if (!file(value)) throw toError(file.errors, '');
  return value as FixtureFile;
}

/** Checks one account's fixture, as the state routes of the control plane take it. */
export function validateAccountFixture(value: unknown): AccountFixture {
  const { account } = validators();
  if (!account(value)) throw toError(account.errors, '');
  return value as AccountFixture;
}

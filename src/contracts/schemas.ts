import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';
import { parseRfc3339 } from '../domain/time.js';
import { pointerToFragment } from './json-pointer.js';

/** The id under which the whole document is registered with ajv. */
const DOCUMENT_ID = 'urn:inventory-mock:contract';

/** Compiled validators for the schemas of one document. */
export interface SchemaStore {
  /** Validator for the schema at a pointer of the document, compiled once. */
  at(pointer: string): ValidateFunction;
  /** An absolute `$ref` to the schema at a pointer of the document. */
  refTo(pointer: string): { $ref: string };
  /** Validator for a schema built from `refTo` references, once per key. */
  compileOnce(key: string, build: () => AnySchemaObject): ValidateFunction;
}

const stores = new WeakMap<OpenAPIV3_1.Document, SchemaStore>();

/** Returns the schema store of a document, created on first use. */
export function schemaStoreFor(document: OpenAPIV3_1.Document): SchemaStore {
  let store = stores.get(document);
  if (store === undefined) {
    store = createSchemaStore(document);
    stores.set(document, store);
  }
  return store;
}

function createSchemaStore(document: OpenAPIV3_1.Document): SchemaStore {
  // OpenAPI adds keywords of its own (`discriminator`, `example`, `xml`)
  // and the document root is not a schema, so strict mode stays off.
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    verbose: true,
    discriminator: true,
  });
  formats.default(ajv);
  // RFC 3339 as the server parses it: an offset is required, any number of
  // fraction digits is allowed, `t` and `z` may be lower case. The
  // ajv-formats 3 rule would also take a space separator and `+0800`.
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (text: string) => parseRfc3339(text) !== undefined,
  });
  ajv.addSchema(prepareForAjv(document), DOCUMENT_ID, undefined, false);

  const byPointer = new Map<string, ValidateFunction>();
  const byKey = new Map<string, ValidateFunction>();

  return {
    at(pointer) {
      let validate = byPointer.get(pointer);
      if (validate === undefined) {
        validate = ajv.getSchema(DOCUMENT_ID + pointerToFragment(pointer));
        if (validate === undefined) {
          throw new Error(`No schema at ${pointer} in the OpenAPI document`);
        }
        byPointer.set(pointer, validate);
      }
      return validate;
    },
    refTo(pointer) {
      return { $ref: DOCUMENT_ID + pointerToFragment(pointer) };
    },
    compileOnce(key, build) {
      let validate = byKey.get(key);
      if (validate === undefined) {
        validate = ajv.compile(build());
        byKey.set(key, validate);
      }
      return validate;
    },
  };
}

/**
 * Copies the document into the form ajv 8 accepts. Ajv rejects
 * `discriminator.mapping`, which in this document only repeats the `const`
 * of each branch. The copy keeps it as `x-mapping` for error messages.
 */
function prepareForAjv(document: OpenAPIV3_1.Document): AnySchemaObject {
  const copy = structuredClone(document) as unknown as AnySchemaObject;
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'discriminator' && typeof child === 'object' && child) {
        const discriminator = child as Record<string, unknown>;
        if ('mapping' in discriminator) {
          discriminator['x-mapping'] = discriminator.mapping;
          delete discriminator.mapping;
        }
      }
      visit(child);
    }
  };
  visit(copy);
  return copy;
}

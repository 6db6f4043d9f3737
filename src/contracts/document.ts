import { readFileSync } from 'node:fs';
import type { OpenAPIV3_1 } from 'openapi-types';
import { parse } from 'yaml';
import { fragmentToPointer, getAtPointer } from './json-pointer.js';

/**
 * The contract file. The URL is resolved from this module, which sits one
 * level below the repository root both as `src/contracts/document.ts` and as
 * `dist/contracts/document.js`.
 */
export const DOCUMENT_URL = new URL(
  '../../contracts/inventory-api.yaml',
  import.meta.url,
);

let cachedDocument: OpenAPIV3_1.Document | undefined;

/**
 * Loads the project's OpenAPI document. The file is read and parsed on the
 * first call only, and every call returns the same deeply frozen object.
 *
 * @example
 * const document = loadDocument();
 * document.paths?.['/{accountSlug}/api/v1/inventory']?.get?.operationId;
 */
export function loadDocument(): OpenAPIV3_1.Document {
  cachedDocument ??= parseDocument(readFileSync(DOCUMENT_URL, 'utf8'));
  return cachedDocument;
}

/**
 * Parses an OpenAPI 3.1 document from YAML or JSON text and freezes it.
 * Throws when the text is not a mapping with `openapi: 3.1.x`.
 */
export function parseDocument(text: string): OpenAPIV3_1.Document {
  const value: unknown = parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('OpenAPI document must be a YAML or JSON mapping');
  }
  const version = (value as { openapi?: unknown }).openapi;
  if (typeof version !== 'string' || !version.startsWith('3.1.')) {
    throw new Error(
      `OpenAPI document must declare openapi 3.1.x, got ${String(version)}`,
    );
  }
  return deepFreeze(value) as OpenAPIV3_1.Document;
}

/** A node of the document together with its JSON pointer. */
export interface Located {
  node: unknown;
  pointer: string;
}

/**
 * Follows local `$ref`s (`#/components/...`) from the node at `pointer`
 * until it reaches a node without one. Throws on a reference outside the
 * document, a dangling reference or a cycle.
 */
export function resolveRef(document: object, pointer: string): Located {
  const seen = new Set<string>();
  let current: Located = { node: getAtPointer(document, pointer), pointer };

  while (isReference(current.node)) {
    const ref = current.node.$ref;
    if (!ref.startsWith('#')) {
      throw new Error(`$ref ${ref} at ${current.pointer} is not local`);
    }
    if (seen.has(ref)) {
      throw new Error(`$ref cycle through ${ref} at ${current.pointer}`);
    }
    seen.add(ref);

    const target = fragmentToPointer(ref);
    const node = getAtPointer(document, target);
    if (node === undefined) {
      throw new Error(`$ref ${ref} at ${current.pointer} is not found`);
    }
    current = { node, pointer: target };
  }
  return current;
}

function isReference(node: unknown): node is { $ref: string } {
  return (
    typeof node === 'object' &&
    node !== null &&
    typeof (node as { $ref?: unknown }).$ref === 'string'
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) {
    return value;
  }
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

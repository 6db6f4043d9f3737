import type { OpenAPIV3_1 } from 'openapi-types';
import { resolveRef } from './document.js';
import { joinPointer } from './json-pointer.js';
import type {
  MediaInfo,
  OperationInfo,
  ParameterInfo,
  ParameterLocation,
  RequestBodyInfo,
} from './types.js';

const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

type Node = Record<string, unknown>;

function asNode(value: unknown): Node | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  return value as Node;
}

/** Lists the operations under `paths`, in document order. */
export function listOperations(
  document: OpenAPIV3_1.Document,
): OperationInfo[] {
  return listUnder(document, 'paths');
}

/** Lists the operations under `webhooks`. Each `pathTemplate` is a name. */
export function listWebhooks(
  document: OpenAPIV3_1.Document,
): OperationInfo[] {
  return listUnder(document, 'webhooks');
}

function listUnder(
  document: OpenAPIV3_1.Document,
  section: 'paths' | 'webhooks',
): OperationInfo[] {
  const operations: OperationInfo[] = [];
  const items = asNode(document[section]) ?? {};

  for (const key of Object.keys(items)) {
    const item = resolveRef(document, joinPointer('', section, key));
    const pathItem = asNode(item.node) ?? {};

    for (const method of METHODS) {
      const operation = asNode(pathItem[method]);
      if (operation === undefined) continue;
      operations.push(
        describeOperation(document, {
          key,
          method,
          pathItem,
          pathItemPointer: item.pointer,
          operation,
        }),
      );
    }
  }
  return operations;
}

interface OperationSource {
  key: string;
  method: (typeof METHODS)[number];
  pathItem: Node;
  pathItemPointer: string;
  operation: Node;
}

function describeOperation(
  document: OpenAPIV3_1.Document,
  source: OperationSource,
): OperationInfo {
  const { key, method, pathItem, pathItemPointer, operation } = source;
  const pointer = joinPointer(pathItemPointer, method);
  const operationId =
    typeof operation.operationId === 'string'
      ? operation.operationId
      : `${method} ${key}`;

  const parameters = mergeParameters(
    readParameters(document, pathItem, pathItemPointer),
    readParameters(document, operation, pointer),
  );
  const responses = asNode(operation.responses) ?? {};
  const security = operation.security ?? document.security ?? [];

  const info: OperationInfo = {
    operationId,
    method: method.toUpperCase(),
    pathTemplate: key,
    pointer,
    parameters,
    statuses: Object.keys(responses),
    requiresAuth: requiresAuth(security),
  };
  if (typeof operation.summary === 'string') info.summary = operation.summary;

  const requestBody = readRequestBody(document, operation, pointer);
  if (requestBody !== undefined) info.requestBody = requestBody;
  return info;
}

/** True unless some alternative of the security list is empty (`{}`). */
function requiresAuth(security: unknown): boolean {
  if (!Array.isArray(security) || security.length === 0) return false;
  return security.every(
    (requirement) => Object.keys(asNode(requirement) ?? {}).length > 0,
  );
}

function readParameters(
  document: OpenAPIV3_1.Document,
  owner: Node,
  ownerPointer: string,
): ParameterInfo[] {
  if (!Array.isArray(owner.parameters)) return [];

  return owner.parameters.map((_, index) => {
    const located = resolveRef(
      document,
      joinPointer(ownerPointer, 'parameters', index),
    );
    const parameter = asNode(located.node) ?? {};
    const location = String(parameter.in) as ParameterLocation;
    // OpenAPI defaults: form for query and cookie, simple for path and
    // header; explode only for form.
    const style =
      typeof parameter.style === 'string'
        ? parameter.style
        : location === 'query' || location === 'cookie'
          ? 'form'
          : 'simple';
    const explode =
      typeof parameter.explode === 'boolean'
        ? parameter.explode
        : style === 'form';

    return {
      name: String(parameter.name),
      in: location,
      required: parameter.required === true,
      style,
      explode,
      schemaPointer: joinPointer(located.pointer, 'schema'),
    };
  });
}

/**
 * Merges parameter lists. An operation-level parameter overrides a
 * path-level one with the same name and location.
 */
function mergeParameters(
  pathLevel: ParameterInfo[],
  operationLevel: ParameterInfo[],
): ParameterInfo[] {
  const overridden = new Set(operationLevel.map((p) => `${p.in}:${p.name}`));
  return [
    ...pathLevel.filter((p) => !overridden.has(`${p.in}:${p.name}`)),
    ...operationLevel,
  ];
}

function readRequestBody(
  document: OpenAPIV3_1.Document,
  operation: Node,
  operationPointer: string,
): RequestBodyInfo | undefined {
  if (operation.requestBody === undefined) return undefined;

  const located = resolveRef(
    document,
    joinPointer(operationPointer, 'requestBody'),
  );
  const body = asNode(located.node) ?? {};
  const content: Record<string, MediaInfo> = {};

  for (const [mediaType, media] of Object.entries(asNode(body.content) ?? {})) {
    const mediaPointer = joinPointer(located.pointer, 'content', mediaType);
    const info: MediaInfo = {
      schemaPointer: joinPointer(mediaPointer, 'schema'),
    };
    if (asNode(media)?.['x-validation-schema'] !== undefined) {
      info.validationSchemaPointer = joinPointer(
        mediaPointer,
        'x-validation-schema',
      );
    }
    content[mediaType] = info;
  }
  return { required: body.required === true, content };
}

import type { OpenAPIV3_1 } from 'openapi-types';
import { checkJson, checkParameters, mediaTypeOf } from './checks.js';
import { loadDocument, resolveRef } from './document.js';
import { getAtPointer, joinPointer } from './json-pointer.js';
import { listOperations, listWebhooks } from './operations.js';
import { readHeaders, readQuery, type RawValues } from './parameters.js';
import { missing, mustBe, problemsFromAjv } from './problems.js';
import { checkResponse, type ResponseContext } from './responses.js';
import { routerFor } from './routes.js';
import { schemaStoreFor, type SchemaStore } from './schemas.js';
import type {
  CallbackCheckOptions,
  OperationInfo,
  ParameterLocation,
  Problem,
  RequestInput,
  ResponseCheckOptions,
  ResponseTarget,
} from './types.js';

export interface ValidatorOptions {
  /** The document to validate against, by default the project's contract. */
  document?: OpenAPIV3_1.Document;
  /**
   * Report query keys that the operation does not document. Off by
   * default, because the server rejects those itself with `INVALID_QUERY`.
   */
  rejectUnknownQuery?: boolean;
  /**
   * Check batch bodies against the full record schema instead of the
   * looser `x-validation-schema`. Off by default, because the server turns
   * a bad record into a `failure` result, not into a 400.
   */
  strictRecords?: boolean;
}

export interface Validator {
  /** Checks the path and query parameters and the JSON body of a request. */
  validateRequest(request: RequestInput): Problem[];
  /**
   * Checks a response body against the operation's response for `status`.
   * A string body is parsed, and its raw text is also checked for integer
   * fields written as `10.0`, `1e1` or `"10"`.
   */
  validateResponse(
    target: ResponseTarget,
    status: number | string,
    body: unknown,
    options?: ResponseCheckOptions,
  ): Problem[];
  /** Checks a callback body, and its headers when given, by message type. */
  validateCallback(
    messageType: string,
    body: unknown,
    options?: CallbackCheckOptions,
  ): Problem[];
  /**
   * Checks one record of a batch body against the full record schema, such
   * as `AdjustmentRecord`. Pointers are relative to the record.
   */
  validateRecord(operationId: string, record: unknown): Problem[];
  /** The operations under `paths`. */
  readonly operations: readonly OperationInfo[];
  /** The operations under `webhooks`, each named by its `pathTemplate`. */
  readonly callbacks: readonly OperationInfo[];
}

/**
 * Creates a validator for the contract. Schemas are compiled on first use
 * and cached per document, so creating validators is cheap.
 *
 * @example
 * const validator = createValidator();
 * const problems = validator.validateResponse(
 *   { method: 'GET', path: '/demo/api/v1/inventory' },
 *   200,
 *   await response.text(),
 * );
 * // [] when the body matches the contract
 */
export function createValidator(options: ValidatorOptions = {}): Validator {
  const document = options.document ?? loadDocument();
  const store = schemaStoreFor(document);
  const router = routerFor(document);
  const operations = listOperations(document);
  const callbacks = listWebhooks(document);
  const context: ResponseContext = {
    document,
    store,
    router,
    operationsById: new Map(operations.map((op) => [op.operationId, op])),
  };

  const checkGroup = (
    operation: OperationInfo,
    location: ParameterLocation,
    raw: RawValues,
    rejectUnknown = false,
  ): Problem[] =>
    checkParameters(
      document,
      store,
      {
        key: `${operation.pointer}#${location}`,
        location,
        parameters: operation.parameters.filter((p) => p.in === location),
      },
      raw,
      rejectUnknown,
    );

  return {
    operations,
    callbacks,

    validateRequest(request) {
      const match = router.matchOperation(request.method, request.path);
      if (match === undefined) return [unmatchedRequest(context, request)];

      const { operation } = match;
      const pathValues = new Map(
        Object.entries(match.params).map(([key, value]) => [key, [value]]),
      );
      const queryValues = readQuery(request.query, request.path);
      return [
        ...checkGroup(operation, 'path', pathValues),
        ...checkGroup(
          operation,
          'query',
          queryValues,
          options.rejectUnknownQuery === true,
        ),
        ...checkRequestBody(store, operation, request, options.strictRecords),
      ];
    },

    validateResponse(target, status, body, checkOptions = {}) {
      return checkResponse(context, target, status, body, checkOptions);
    },

    validateCallback(messageType, body, checkOptions = {}) {
      const callback = callbacks.find((op) => op.pathTemplate === messageType);
      if (callback === undefined) {
        const known = callbacks.map((op) => op.pathTemplate).join(', ');
        return [mustBe('/message_type', `one of ${known}`, `"${messageType}"`)];
      }

      const problems: Problem[] = [];
      if (checkOptions.headers !== undefined) {
        const headers = readHeaders(checkOptions.headers);
        problems.push(...checkGroup(callback, 'header', headers));
      }
      const media = callback.requestBody?.content['application/json'];
      if (media !== undefined) {
        problems.push(...checkJson(store, media.schemaPointer, body, ''));
      }
      return problems;
    },

    validateRecord(operationId, record) {
      const operation = context.operationsById.get(operationId);
      const media = operation?.requestBody?.content['application/json'];
      if (media === undefined) {
        return [
          mustBe('', 'an operationId with a JSON body', `"${operationId}"`),
        ];
      }

      // A batch body is an array of records, and any other body is one record.
      const schema = resolveRef(document, media.schemaPointer);
      const isBatch = getAtPointer(schema.node, '/items') !== undefined;
      const pointer = isBatch
        ? joinPointer(schema.pointer, 'items')
        : schema.pointer;
      const validate = store.at(pointer);
      return validate(record) ? [] : problemsFromAjv(validate.errors);
    },
  };
}

function unmatchedRequest(
  context: ResponseContext,
  request: RequestInput,
): Problem {
  const pathMatch = context.router.matchPath(request.path);
  if (pathMatch !== undefined) {
    const allowed = `one of ${pathMatch.methods.join(', ')}`;
    return mustBe('/method', allowed, request.method.toUpperCase());
  }
  return mustBe('/path', 'a path of the document', `"${request.path}"`);
}

function checkRequestBody(
  store: SchemaStore,
  operation: OperationInfo,
  request: RequestInput,
  strictRecords = false,
): Problem[] {
  const requestBody = operation.requestBody;
  if (requestBody === undefined) return [];
  if (request.body === undefined) {
    return requestBody.required ? [missing('/body')] : [];
  }

  const contentType = mediaTypeOf(request.contentType) ?? 'application/json';
  const media = requestBody.content[contentType];
  if (media === undefined) {
    const accepted = `one of ${Object.keys(requestBody.content).join(', ')}`;
    return [mustBe('/headers/content-type', accepted, `"${contentType}"`)];
  }

  const pointer = strictRecords
    ? media.schemaPointer
    : (media.validationSchemaPointer ?? media.schemaPointer);
  // Integer typing of records is the server's to report per record.
  return checkJson(store, pointer, request.body, '/body', false);
}

import type { OpenAPIV3_1 } from 'openapi-types';
import { checkJson, checkParameters, mediaTypeOf } from './checks.js';
import { resolveRef } from './document.js';
import { getAtPointer, joinPointer } from './json-pointer.js';
import { readHeaders } from './parameters.js';
import { describeValue, mustBe } from './problems.js';
import type { Router } from './routes.js';
import type { SchemaStore } from './schemas.js';
import type {
  OperationInfo,
  ParameterInfo,
  Problem,
  ResponseCheckOptions,
  ResponseTarget,
} from './types.js';

/** The error body shared by every error status. */
const ERROR_BODY_POINTER = '/components/schemas/ErrorBody';

export interface ResponseContext {
  document: OpenAPIV3_1.Document;
  store: SchemaStore;
  router: Router;
  operationsById: ReadonlyMap<string, OperationInfo>;
}

interface ResponseObject {
  content?: Record<string, Record<string, unknown>>;
  headers?: Record<string, unknown>;
}

/**
 * Checks a response against the operation's documented response for the
 * status. A status the operation does not document is a problem, and for
 * an error status the body is still checked against the error body. A
 * target that matches a path but not its method may return 405, and one
 * that matches no path may return 404, both with the error body.
 */
export function checkResponse(
  context: ResponseContext,
  target: ResponseTarget,
  status: number | string,
  body: unknown,
  options: ResponseCheckOptions,
): Problem[] {
  const statusText = String(status);
  const found = findOperation(context, target);
  if (found.operation === undefined) {
    if (found.allowedStatus === statusText) {
      return checkErrorBody(context, body);
    }
    return [found.problem];
  }

  const { operation } = found;
  const key = pickStatus(operation.statuses, statusText);
  if (key === undefined) {
    const documented = operation.statuses.join(', ');
    const problems: Problem[] = [
      {
        pointer: '/status',
        expected: `one of ${documented}`,
        got: statusText,
        message:
          `status ${statusText} is not documented for ` +
          `${operation.operationId}; documented: ${documented}`,
      },
    ];
    if (Number(statusText) >= 400) {
      problems.push(...checkErrorBody(context, body));
    }
    return problems;
  }

  const response = resolveRef(
    context.document,
    joinPointer(operation.pointer, 'responses', key),
  );
  const problems: Problem[] = [];
  if (options.headers !== undefined) {
    problems.push(...checkResponseHeaders(context, response, options.headers));
  }
  problems.push(...checkBody(context, response, body, options.contentType));
  return problems;
}

type Found =
  | { operation: OperationInfo }
  | { operation?: undefined; problem: Problem; allowedStatus?: string };

function findOperation(
  context: ResponseContext,
  target: ResponseTarget,
): Found {
  if (typeof target === 'string') {
    const operation = context.operationsById.get(target);
    if (operation !== undefined) return { operation };
    return {
      problem: mustBe('', 'a known operationId', `"${target}"`),
    };
  }

  const match = context.router.matchOperation(target.method, target.path);
  if (match !== undefined) return { operation: match.operation };

  const method = target.method.toUpperCase();
  const pathMatch = context.router.matchPath(target.path);
  if (pathMatch !== undefined) {
    return {
      problem: mustBe(
        '/method',
        `one of ${pathMatch.methods.join(', ')}`,
        method,
      ),
      allowedStatus: '405',
    };
  }
  return {
    problem: mustBe('/path', 'a path of the document', `"${target.path}"`),
    allowedStatus: '404',
  };
}

/** Picks the response for a status: exact, then `4XX` style, then `default`. */
function pickStatus(
  statuses: readonly string[],
  status: string,
): string | undefined {
  if (statuses.includes(status)) return status;
  const range = `${status.charAt(0)}XX`;
  const ranged = statuses.find((s) => s.toUpperCase() === range);
  if (ranged !== undefined) return ranged;
  return statuses.includes('default') ? 'default' : undefined;
}

function checkErrorBody(context: ResponseContext, body: unknown): Problem[] {
  // A document other than the project's may have no shared error body.
  if (getAtPointer(context.document, ERROR_BODY_POINTER) === undefined) {
    return [];
  }
  return checkJson(context.store, ERROR_BODY_POINTER, body, '');
}

function checkBody(
  context: ResponseContext,
  response: { node: unknown; pointer: string },
  body: unknown,
  contentType: string | undefined,
): Problem[] {
  const content = (response.node as ResponseObject).content;
  if (content === undefined) {
    if (body === undefined || body === '') return [];
    return [mustBe('', 'no body', describeValue(body))];
  }

  const mediaType = mediaTypeOf(contentType) ?? 'application/json';
  const media = content[mediaType];
  if (media === undefined) {
    const documented = Object.keys(content).join(', ');
    return [
      mustBe('/headers/content-type', `one of ${documented}`, `"${mediaType}"`),
    ];
  }

  const mediaPointer = joinPointer(response.pointer, 'content', mediaType);
  if (media['x-ndjson-item-schema'] !== undefined) {
    const itemPointer = joinPointer(mediaPointer, 'x-ndjson-item-schema');
    return checkNdjson(context.store, itemPointer, body);
  }
  const schemaPointer = joinPointer(mediaPointer, 'schema');
  return checkJson(context.store, schemaPointer, body, '');
}

/** Checks NDJSON text line by line. Pointers start with the line index. */
function checkNdjson(
  store: SchemaStore,
  itemPointer: string,
  body: unknown,
): Problem[] {
  if (typeof body !== 'string') {
    return [mustBe('', 'NDJSON text', describeValue(body))];
  }

  const lines = body.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.flatMap((line, index) =>
    checkJson(store, itemPointer, line.replace(/\r$/, ''), `/${index}`),
  );
}

function checkResponseHeaders(
  context: ResponseContext,
  response: { node: unknown; pointer: string },
  headers: NonNullable<ResponseCheckOptions['headers']>,
): Problem[] {
  const declared = (response.node as ResponseObject).headers ?? {};
  const parameters: ParameterInfo[] = Object.keys(declared).map((name) => {
    const header = resolveRef(
      context.document,
      joinPointer(response.pointer, 'headers', name),
    );
    return {
      name,
      in: 'header',
      required: (header.node as { required?: unknown }).required === true,
      style: 'simple',
      explode: false,
      schemaPointer: joinPointer(header.pointer, 'schema'),
    };
  });

  return checkParameters(
    context.document,
    context.store,
    { key: `${response.pointer}#headers`, location: 'header', parameters },
    readHeaders(headers),
  );
}

import type { OpenAPIV3_1 } from 'openapi-types';
import { loadDocument } from './document.js';
import { listOperations } from './operations.js';
import type { OperationInfo, OperationMatch, PathMatch } from './types.js';

interface CompiledTemplate {
  pathTemplate: string;
  /** Literal segments as strings, parameter segments as `{ name }`. */
  segments: (string | { name: string })[];
  literalCount: number;
  operations: Map<string, OperationInfo>;
}

interface Found {
  template: CompiledTemplate;
  params: Record<string, string>;
}

/** Matches concrete URL paths against the path templates of a document. */
export interface Router {
  matchOperation(method: string, path: string): OperationMatch | undefined;
  matchPath(path: string): PathMatch | undefined;
}

const routers = new WeakMap<OpenAPIV3_1.Document, Router>();

/** Returns the router of a document, built on first use. */
export function routerFor(document: OpenAPIV3_1.Document): Router {
  let router = routers.get(document);
  if (router === undefined) {
    router = createRouter(listOperations(document));
    routers.set(document, router);
  }
  return router;
}

/**
 * Finds the operation for a method and a concrete path such as
 * `/demo/api/v1/inventory`. A query string is ignored. Returns undefined
 * when no template matches or the template has no operation for the method.
 *
 * @example
 * matchOperation('GET', '/demo/api/v1/snapshot_request/5a00...')
 * // { operationId: 'getSnapshotRequest',
 * //   params: { accountSlug: 'demo', id: '5a00...' }, ... }
 */
export function matchOperation(
  method: string,
  path: string,
  document: OpenAPIV3_1.Document = loadDocument(),
): OperationMatch | undefined {
  return routerFor(document).matchOperation(method, path);
}

/**
 * Finds the path template for a concrete path, whatever the method, so a
 * server can tell a wrong method (405) from an unknown route (404).
 */
export function matchPath(
  path: string,
  document: OpenAPIV3_1.Document = loadDocument(),
): PathMatch | undefined {
  return routerFor(document).matchPath(path);
}

export function createRouter(operations: readonly OperationInfo[]): Router {
  const templates = compileTemplates(operations);

  function find(path: string): Found | undefined {
    const segments = splitPath(path);
    if (segments === undefined) return undefined;

    // The template with the most literal segments wins, so `/a/b` is
    // preferred to `/a/{x}` for the path `/a/b`.
    let best: Found | undefined;
    for (const template of templates) {
      const params = matchSegments(template, segments);
      if (params === undefined) continue;
      const better =
        best === undefined ||
        template.literalCount > best.template.literalCount;
      if (better) best = { template, params };
    }
    return best;
  }

  return {
    matchOperation(method, path) {
      const match = find(path);
      const operation = match?.template.operations.get(method.toUpperCase());
      if (match === undefined || operation === undefined) return undefined;
      return {
        operationId: operation.operationId,
        method: operation.method,
        pathTemplate: match.template.pathTemplate,
        params: match.params,
        operation,
      };
    },
    matchPath(path) {
      const match = find(path);
      if (match === undefined) return undefined;
      return {
        pathTemplate: match.template.pathTemplate,
        params: match.params,
        methods: [...match.template.operations.keys()],
      };
    },
  };
}

function compileTemplates(
  operations: readonly OperationInfo[],
): CompiledTemplate[] {
  const byTemplate = new Map<string, CompiledTemplate>();

  for (const operation of operations) {
    let template = byTemplate.get(operation.pathTemplate);
    if (template === undefined) {
      const segments = operation.pathTemplate
        .split('/')
        .slice(1)
        .map((segment) => {
          const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
          return name === undefined ? segment : { name };
        });
      template = {
        pathTemplate: operation.pathTemplate,
        segments,
        literalCount: segments.filter((s) => typeof s === 'string').length,
        operations: new Map(),
      };
      byTemplate.set(operation.pathTemplate, template);
    }
    template.operations.set(operation.method, operation);
  }
  return [...byTemplate.values()];
}

/** Splits a path into decoded segments, or undefined on a malformed escape. */
function splitPath(path: string): string[] | undefined {
  const pathOnly = path.split(/[?#]/, 1)[0] ?? '';
  if (!pathOnly.startsWith('/')) return undefined;
  try {
    return pathOnly.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function matchSegments(
  template: CompiledTemplate,
  segments: readonly string[],
): Record<string, string> | undefined {
  if (segments.length !== template.segments.length) return undefined;

  const params: Record<string, string> = {};
  for (const [index, expected] of template.segments.entries()) {
    const actual = segments[index] ?? '';
    if (typeof expected === 'string') {
      if (actual !== expected) return undefined;
    } else {
      if (actual === '') return undefined;
      params[expected.name] = actual;
    }
  }
  return params;
}

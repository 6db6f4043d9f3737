/**
 * One mismatch between a message and the contract. `pointer` is a JSON
 * pointer into what was checked: `/data/0/status_counts/2/quantity` in a
 * response body, or `/query/limit`, `/path/id`, `/body/0/...` and
 * `/headers/Retry-After` for the other parts of a message.
 */
export interface Problem {
  pointer: string;
  /** The rule that the contract sets, such as `integer` or `>= 1`. */
  expected: string;
  /** The value found, such as `string "10"` or `nothing`. */
  got: string;
  /** One readable sentence with the pointer, the rule and the value. */
  message: string;
}

export type ParameterLocation = 'query' | 'path' | 'header' | 'cookie';

/** A parameter of an operation, with its `$ref` resolved. */
export interface ParameterInfo {
  name: string;
  in: ParameterLocation;
  required: boolean;
  style: string;
  explode: boolean;
  /** Pointer to the parameter's schema in the document. */
  schemaPointer: string;
}

/** One media type of a request body. */
export interface MediaInfo {
  /** Pointer to the media type's `schema`. */
  schemaPointer: string;
  /**
   * Pointer to the looser schema under `x-validation-schema`, used as the
   * hard constraint on batch bodies whose records the server checks one by
   * one.
   */
  validationSchemaPointer?: string;
}

export interface RequestBodyInfo {
  required: boolean;
  content: Record<string, MediaInfo>;
}

/** One operation of the document, under `paths` or `webhooks`. */
export interface OperationInfo {
  operationId: string;
  /** Upper case, such as `GET`. */
  method: string;
  /** Path template, such as `/{accountSlug}/api/v1/skus`, or webhook name. */
  pathTemplate: string;
  /** Pointer to the operation object. */
  pointer: string;
  summary?: string;
  /** Path-level and operation-level parameters, merged. */
  parameters: ParameterInfo[];
  requestBody?: RequestBodyInfo;
  /** Documented response statuses, such as `200`, `4XX` or `default`. */
  statuses: string[];
  /** False when the operation's security allows anonymous requests. */
  requiresAuth: boolean;
}

/** A concrete URL path matched to an operation of the document. */
export interface OperationMatch {
  operationId: string;
  method: string;
  pathTemplate: string;
  /** Decoded path parameters, such as `{ accountSlug: 'demo' }`. */
  params: Record<string, string>;
  operation: OperationInfo;
}

/** A concrete URL path matched to a path template, whatever the method. */
export interface PathMatch {
  pathTemplate: string;
  params: Record<string, string>;
  /** Methods the template has operations for, upper case. */
  methods: string[];
}

export type QueryInput =
  | URLSearchParams
  | string
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export type HeadersInput =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** A request as `validateRequest` reads it. */
export interface RequestInput {
  method: string;
  /** Concrete URL path. A query string after `?` is read as well. */
  path: string;
  query?: QueryInput;
  /** Parsed JSON, or the raw body text. */
  body?: unknown;
  /** Defaults to `application/json` when a body is given. */
  contentType?: string;
}

/** An operation named by its `operationId`, or a concrete request line. */
export type ResponseTarget = string | { method: string; path: string };

export interface ResponseCheckOptions {
  /** Media type of the body, by default `application/json`. */
  contentType?: string;
  /** Response headers. When given, the documented headers are checked. */
  headers?: HeadersInput;
}

export interface CallbackCheckOptions {
  /** Request headers of the delivery. When given, they are checked. */
  headers?: HeadersInput;
}

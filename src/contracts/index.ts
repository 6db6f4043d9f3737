/**
 * The contract kit: the project's OpenAPI document, its operations, and
 * validators for requests, responses and callbacks compiled from it.
 */
export { DOCUMENT_URL, loadDocument, parseDocument } from './document.js';
export { listOperations, listWebhooks } from './operations.js';
export {
  createRouter,
  matchOperation,
  matchPath,
  type Router,
} from './routes.js';
export { describeValue } from './problems.js';
export { checkRawIntegers, INTEGER_KEYS } from './raw-integers.js';
export {
  createValidator,
  type Validator,
  type ValidatorOptions,
} from './validator.js';
export type {
  CallbackCheckOptions,
  HeadersInput,
  MediaInfo,
  OperationInfo,
  OperationMatch,
  ParameterInfo,
  ParameterLocation,
  PathMatch,
  Problem,
  QueryInput,
  RequestBodyInfo,
  RequestInput,
  ResponseCheckOptions,
  ResponseTarget,
} from './types.js';

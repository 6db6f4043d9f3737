/**
 * The contract-testing kit: a conformance run against any server of the
 * API (`verifyServer`), a validating reverse proxy (`startProxy`) and a
 * checking callback receiver (`startReceiver`).
 */
export {
  formatSummary,
  TargetUnreachableError,
  toJsonReport,
  toJunitXml,
  verifyServer,
  VerifyUsageError,
  type CheckResult,
  type CheckStatus,
  type VerifyOptions,
  type VerifyReport,
  type Violation,
} from './verify/index.js';
export {
  startProxy,
  VIOLATIONS_PATH,
  type ProxyOptions,
  type ProxyViolation,
  type RunningProxy,
} from './proxy/index.js';
export {
  RECEIVED_PATH,
  startReceiver,
  verifyWebhookSignature,
  webhookKey,
  type CallbackFilter,
  type ReceivedCallback,
  type ReceiverOptions,
  type RunningReceiver,
} from './receiver/index.js';
export { formatCallbackLine } from './receiver/format.js';

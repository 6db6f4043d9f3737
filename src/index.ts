// The mock in-process, tokens and fixtures.
export { startMock, type MockOptions, type RunningMock } from './start.js';
export { mintToken, DEFAULT_JWT_SECRET, type MintOptions } from './server/tokens.js';
export type { FixtureFile, AccountFixture } from './engine/fixture-format.js';
export { generateAccount } from './simulation/fixture-generator.js';

// A typed client for the Inventory API.
export {
  InventoryClient,
  InventoryApiError,
  type ClientOptions,
  type InventoryQuery,
  type AdjustmentFilter,
} from './client/index.js';

// Validators over the OpenAPI contract.
export {
  createValidator,
  checkRawIntegers,
  loadDocument,
  matchOperation,
  type Problem,
  type Validator,
  type ValidatorOptions,
} from './contracts/index.js';

// Callbacks.
export { signWebhook, secretFromKey, signingKey } from './callbacks/signing.js';
export { DEFAULT_SETTINGS as DEFAULT_CALLBACK_SETTINGS } from './callbacks/types.js';
export type { DeliveryAttempt, DeliveryMessage, DeliverySettings, MessageState, MessageType } from './callbacks/types.js';
export type { CallbackExpectation, ExpectedCallback, MockCallbacks } from './callbacks/expect.js';
export type { DeliveryLogView } from './callbacks/engine.js';
export type { StartStormOptions, StockMismatch, StormHandle } from './simulation/storm-handle.js';
export type { StormSummary } from './simulation/storms.js';

// Snapshots.
export { DEFAULT_SNAPSHOT_SETTINGS } from './snapshots/settings.js';
export type { SnapshotSettings, SnapshotStatus, SnapshotType } from './snapshots/types.js';

// The control plane.
export type { AdminClient, AdminClock } from './control/admin-client.js';
export { loadConfigFile, type ConfigFile } from './control/config.js';
export { ConfigError } from './control/errors.js';
export type { FaultAction, FaultRule, FaultRuleInput, JournalEntry, LatencyDistribution, RequestFilter } from './control/types.js';

// The contract kit: conformance runs, a validating proxy, a callback receiver.
export {
  formatSummary,
  startProxy,
  startReceiver,
  toJsonReport,
  toJunitXml,
  verifyServer,
  verifyWebhookSignature,
  TargetUnreachableError,
  VerifyUsageError,
  type ProxyOptions,
  type ProxyViolation,
  type ReceivedCallback,
  type ReceiverOptions,
  type RunningProxy,
  type RunningReceiver,
  type VerifyOptions,
  type VerifyReport,
  type Violation,
} from './kit/index.js';

// Pact verification with the mock's provider states.
export {
  verifyPactFile,
  verifyPacts,
  type PactFileResult,
  type VerifyFileOptions,
  type VerifyPactsOptions,
  type VerifyPactsResult,
} from './pact/verify.js';
export { PactVerificationError, type MessageFailure, type PactMismatch, type ProviderFailures } from './pact/report.js';
export { PROVIDER_STATES, type StateDefinition, type StateParam } from './pact/state-catalog.js';
export { connectProvider, type ProviderTarget } from './pact/target.js';
export { createStateHandlers, verificationFilter, type StateFailure } from './pact/state-handlers.js';

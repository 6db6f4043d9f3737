export { startMock, type MockOptions, type RunningMock } from './start.js';
export { mintToken, DEFAULT_JWT_SECRET, type MintOptions } from './server/tokens.js';
export type { FixtureFile, AccountFixture } from './engine/fixture-format.js';
export { generateAccount } from './simulation/fixture-generator.js';
export type { AdminClient, AdminClock } from './control/admin-client.js';
export { loadConfigFile, type ConfigFile } from './control/config.js';
export { ConfigError } from './control/errors.js';
export type { FaultAction, FaultRule, FaultRuleInput, JournalEntry, LatencyDistribution, RequestFilter } from './control/types.js';

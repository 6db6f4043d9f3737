export { startMock, type MockOptions, type RunningMock } from './start.js';
export { mintToken, DEFAULT_JWT_SECRET, type MintOptions } from './server/tokens.js';
export type { FixtureFile, AccountFixture } from './engine/fixture-format.js';
export { generateAccount } from './simulation/fixture-generator.js';

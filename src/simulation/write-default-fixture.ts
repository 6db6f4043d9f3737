import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { FixtureFile } from '../engine/fixture-format.js';
import { deriveCallbackSecret, generateAccount } from './fixture-generator.js';

/** Seed of the default fixture; changing it changes every generated value. */
export const DEFAULT_FIXTURE_SEED = 20260101;

export const DEFAULT_FIXTURE_PATH = fileURLToPath(
  new URL('../../fixtures/default.json', import.meta.url),
);

/** Builds the default fixture, the account `demo`, equal on every run. */
export function buildDefaultFixture(): FixtureFile {
  const account = generateAccount({
    slug: 'demo',
    seed: DEFAULT_FIXTURE_SEED,
    skuCount: 60,
    locationCount: 3,
    kitCount: 4,
    stockedAt: '2026-01-01T00:00:00.000000Z',
    // A short, well-known identifier for first requests and docs.
    extraSkuIdentifiers: ['sku001'],
    callbackSecret: deriveCallbackSecret(DEFAULT_FIXTURE_SEED),
  });
  return { accounts: [account] };
}

/** Serializes a fixture as JSON with 2-space indent and a final newline. */
export function formatFixture(fixture: FixtureFile): string {
  return `${JSON.stringify(fixture, null, 2)}\n`;
}

function main(): void {
  const text = formatFixture(buildDefaultFixture());
  writeFileSync(DEFAULT_FIXTURE_PATH, text);
  console.log(`Wrote ${DEFAULT_FIXTURE_PATH} (${Buffer.byteLength(text)} bytes)`);
}

// Importing this module (as the tests do) must not rewrite the file.
const entry = process.argv[1];
if (entry !== undefined && resolve(entry) === fileURLToPath(import.meta.url)) {
  main();
}

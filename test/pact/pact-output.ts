import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { keepPactLocal } from '../../src/pact/local-only.js';

/** The committed pact files, named `Consumer-Provider.json`. */
export const PACT_DIRECTORY = new URL('../../contracts/pacts/', import.meta.url);

/** Set by `npm run pact:consumer`: consumer tests then rewrite the committed pact files. */
export const UPDATE_PACTS = process.env.PACT_UPDATE === '1';

export interface PactOutput {
  /** A fresh directory for Pact to write into, so no stale interaction is merged in. */
  dir: string;
  /**
   * Copies the written pact file over the committed one (with
   * `PACT_UPDATE=1`), or checks that the two are the same.
   */
  finish(): void;
}

/** Pact's metadata names its own versions, which an upgrade changes without changing the contract. */
function contractOf(text: string): unknown {
  const { metadata: _metadata, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
}

/** Sets up Pact's output for the consumer test that writes `fileName`. */
export function pactOutput(fileName: string): PactOutput {
  keepPactLocal();
  const dir = mkdtempSync(join(tmpdir(), 'inventory-mock-pact-'));
  return {
    dir,
    finish() {
      try {
        const written = readFileSync(join(dir, fileName), 'utf8');
        const committed = new URL(fileName, PACT_DIRECTORY);
        if (UPDATE_PACTS) {
          writeFileSync(committed, written);
          return;
        }
        let current: string;
        try {
          current = readFileSync(committed, 'utf8');
        } catch {
          throw new Error(`contracts/pacts/${fileName} is missing; run npm run pact:consumer and commit it`);
        }
        expect(contractOf(written), `contracts/pacts/${fileName} is out of date; run npm run pact:consumer and commit it`).toEqual(
          contractOf(current),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

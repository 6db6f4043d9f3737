import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PactVerificationError } from '../../src/pact/report.js';
import { connectProvider } from '../../src/pact/target.js';
import { verifyPactFile } from '../../src/pact/verify.js';
import { startMock, type RunningMock } from '../../src/start.js';
import { PACT_DIRECTORY } from './pact-output.js';

const pactFile = (name: string) => fileURLToPath(new URL(name, PACT_DIRECTORY));

/** Rethrows a verification failure with its full report, so the test output shows every mismatch. */
async function verify(file: string, mock: RunningMock): Promise<void> {
  const target = await connectProvider({ url: mock.url });
  try {
    await verifyPactFile(file, target, { warn: () => undefined });
  } catch (error) {
    if (error instanceof PactVerificationError) throw new Error(error.report);
    throw error;
  }
}

describe('mock as inventory-api provider', () => {
  let mock: RunningMock;

  beforeAll(async () => {
    mock = await startMock({ logLevel: 'silent' });
  });

  afterAll(async () => {
    await mock.close();
  });

  it('honours the inventory-client pact and cleans up', async () => {
    await verify(pactFile('inventory-client-inventory-api.json'), mock);

    // Every teardown resets the account, so nothing the states made is left.
    const account = mock.mock.account('demo');
    if (!account) throw new Error('account demo is gone');
    expect(account.location('0a5c1f0e-0000-4000-8000-000000000001')).toBeUndefined();
    expect(mock.server.callbacks.registrations(account)).toEqual([]);
    expect(mock.server.snapshots.jobs(account).running).toBeUndefined();
  });

  it('sends the callbacks of the inventory-callback-handler pact', async () => {
    await verify(pactFile('inventory-callback-handler-inventory-api.json'), mock);

    const account = mock.mock.account('demo');
    if (!account) throw new Error('account demo is gone');
    expect(mock.server.callbacks.registrations(account)).toEqual([]);
  });
});

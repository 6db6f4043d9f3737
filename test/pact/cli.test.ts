import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPactVerify, type CommandOutput, type PactVerifyFlags } from '../../src/pact/command.js';
import { keepPactLocal } from '../../src/pact/local-only.js';
import { startMock, type RunningMock } from '../../src/start.js';
import { PACT_DIRECTORY } from './pact-output.js';

const { eachLike, string, uuid } = MatchersV3;
const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const COMMITTED = fileURLToPath(PACT_DIRECTORY);
const LOCATION = '3698a3d9-bac2-4f1c-b7ef-5c4372f9d581';

let dir: string;
let brokenPact: string;
let statefulPact: string;

/** Runs `pact verify` in-process and collects what it writes. */
async function verify(flags: Partial<PactVerifyFlags> & { pact: string[] }) {
  const captured = { out: '', err: '' };
  const output: CommandOutput = {
    out: (text) => (captured.out += text),
    err: (text) => (captured.err += text),
  };
  const code = await runPactVerify({ logLevel: 'error', ...flags }, output);
  return { code, ...captured };
}

beforeAll(async () => {
  keepPactLocal();
  dir = mkdtempSync(join(tmpdir(), 'inventory-mock-cli-pacts-'));
  const write = (consumer: string) => new PactV4({ consumer, provider: 'inventory-api', dir, logLevel: 'error' });
  const locations = (url: string) => fetch(`${url}/demo/api/v1/inventory_locations`, { headers: { authorization: 'Bearer x' } });

  await write('broken')
    .addInteraction()
    .uponReceiving('a request for locations with a warehouse code')
    .withRequest('GET', '/demo/api/v1/inventory_locations', (request) => request.headers({ authorization: 'Bearer x' }))
    .willRespondWith(200, (response) => response.jsonBody(eachLike({ id: uuid(LOCATION), warehouse_code: string('W-01') })))
    .executeTest(async (server) => void (await locations(server.url)));
  brokenPact = join(dir, 'broken-inventory-api.json');

  await write('stateful')
    .addInteraction()
    .given('account {account} exists', { account: 'demo' })
    .uponReceiving('a request for locations')
    .withRequest('GET', '/demo/api/v1/inventory_locations', (request) => request.headers({ authorization: 'Bearer x' }))
    .willRespondWith(200, (response) => response.jsonBody(eachLike({ id: uuid(LOCATION) })))
    .executeTest(async (server) => void (await locations(server.url)));
  statefulPact = join(dir, 'stateful-inventory-api.json');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('pact verify in-process', () => {
  it('verifies the committed pacts', async () => {
    const result = await verify({ pact: [COMMITTED] });
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('2 pact file(s) verified against an in-process inventory-mock');
  });

  it('exits 1 with numbered mismatches', async () => {
    const result = await verify({ pact: [brokenPact] });
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      '1) Verifying a pact between broken and inventory-api - a request for locations with a warehouse code',
    );
    expect(result.err).toMatch(/1\.1\) BodyMismatch at \$\[0\]: .*warehouse_code/);
    expect(result.err).toContain('1 of 1 pact file(s) failed verification');
  });

  it('exits 2 for a missing pact path', async () => {
    const result = await verify({ pact: [join(dir, 'nope.json')] });
    expect(result.code).toBe(2);
    expect(result.err).toContain('not found');
  });

  it('exits 2 for a pact URL', async () => {
    const result = await verify({ pact: ['https://broker.example/pacts/x.json'] });
    expect(result.code).toBe(2);
    expect(result.err).toContain('is a URL');
  });
});

describe('pact verify against a provider URL', () => {
  let mock: RunningMock;
  let plain: Server;
  let plainUrl: string;

  beforeAll(async () => {
    mock = await startMock({ logLevel: 'silent', secret: 'another-secret-0001' });
    plain = createServer((request, response) => {
      const found = request.url === '/demo/api/v1/inventory_locations';
      response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
      response.end(found ? JSON.stringify([{ id: LOCATION }]) : '{"message":"not found"}');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await mock.close();
    await new Promise<void>((resolve) => plain.close(() => resolve()));
  });

  it('sets states up on a running mock with its own secret', async () => {
    const result = await verify({ pact: [COMMITTED], providerUrl: mock.url });
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(`verified against ${mock.url}`);
  });

  it('skips states on a provider that is not a mock', async () => {
    const result = await verify({ pact: [statefulPact], providerUrl: plainUrl });
    expect(result.code, result.err).toBe(0);
    expect(result.err).toContain(`${plainUrl} is not an inventory-mock`);
    expect(result.err).toContain("provider state 'account {account} exists' skipped");
  });

  it('exits 2 for an unreachable provider', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await verify({ pact: [statefulPact], providerUrl: url });
    expect(result.code).toBe(2);
    expect(result.err).toContain(`cannot reach the provider at ${url}`);
  });
});

describe('pact verify as a process', () => {
  it('exits non-zero with Pact report and summary', async () => {
    const failure = await run(process.execPath, ['--import', 'tsx', CLI, 'pact', 'verify', '--pact', brokenPact], {
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout, JSON.stringify(failure)).toContain('has a matching body');
    expect(failure?.stderr).toContain('warehouse_code');
  });
});

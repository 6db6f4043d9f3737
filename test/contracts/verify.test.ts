import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkRawIntegers, createValidator } from '../../src/contracts/index.js';
import {
  formatSummary,
  TargetUnreachableError,
  toJsonReport,
  toJunitXml,
  verifyServer,
  VerifyUsageError,
  type VerifyReport,
} from '../../src/kit/index.js';
import { startMock, type RunningMock } from '../../src/start.js';
import { CASE_NOW, startTestMock, type TestMock } from '../support/mock.js';
import {
  startWrongServer,
  type WrongServer,
  type WrongServerFault,
} from '../support/wrong-server.js';

const runFile = promisify(execFile);
const CLI = new URL('../../src/cli.ts', import.meta.url).pathname;

function violationSites(report: VerifyReport): string[] {
  return report.violations.map((v) => `${v.check} ${v.pointer}`);
}

function statusOf(report: VerifyReport, name: string): string | undefined {
  return report.checks.find((check) => check.name === name)?.status;
}

describe('verifyServer against the mock', () => {
  let mock: RunningMock;
  let token: string;

  beforeAll(async () => {
    mock = await startMock();
    token = await mock.token();
  });
  afterAll(async () => {
    await mock.close();
  });

  it('passes the read checks', async () => {
    const report = await verifyServer({ target: mock.url, account: mock.defaultAccount, token });
    expect(report.violations).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.counts.failed).toBe(0);
    expect(statusOf(report, 'writes.adjustment')).toBe('skipped');
    expect(statusOf(report, 'inventory.totals')).toBe('passed');
    expect(statusOf(report, 'contract.error-body')).toBe('passed');
  });

  it('passes writes and restores counts', async () => {
    const account = mock.mock.account(mock.defaultAccount);
    const cid = account?.skusInOrder().find((sku) => !sku.is_kit)?.customer_identifier ?? '';
    const read = async () => {
      const response = await fetch(`${mock.baseUrl()}/inventory?cid=${encodeURIComponent(cid)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { data: { total_units: number }[] };
      return body.data[0]?.total_units;
    };
    const before = await read();

    const report = await verifyServer({
      target: mock.url,
      account: mock.defaultAccount,
      token,
      allowWrites: true,
    });
    expect(report.violations).toEqual([]);
    expect(report.counts.skipped).toBe(0);
    for (const name of ['writes.adjustment', 'writes.create-available', 'writes.callback', 'writes.snapshot']) {
      expect(statusOf(report, name), name).toBe('passed');
    }
    expect(await read()).toBe(before);
  });

  it('rejects a bad token', async () => {
    await expect(
      verifyServer({ target: mock.url, account: mock.defaultAccount, token: 'not-a-jwt' }),
    ).rejects.toBeInstanceOf(VerifyUsageError);
  });

  it('rejects an unknown account', async () => {
    const error = await verifyServer({ target: mock.url, account: 'no-such-account', token: await mock.token('no-such-account') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerifyUsageError);
    expect((error as Error).message).toContain('ACCOUNT_NOT_FOUND');
  });
});

describe('verifyServer against the wrong server', () => {
  let server: WrongServer;
  const verify = () => verifyServer({ target: server.url, account: server.account, token: 't' });

  beforeAll(async () => {
    server = await startWrongServer();
  });
  beforeEach(() => {
    server.faults.clear();
    server.missingRoutes.clear();
  });
  afterAll(async () => {
    await server.close();
  });

  it('passes with every fault off', async () => {
    const report = await verify();
    expect(report.violations).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it.each<[WrongServerFault, string, string, string]>([
    ['total-units-as-string', 'contract.getInventory', '/data/0/total_units', 'integer'],
    ['missing-sku-id', 'contract.getInventory', '/data/0/sku_id', 'a value (required)'],
    ['wrong-error-shape', 'contract.error-body', '/error', 'an object with code, message and details'],
    ['limit-ignored', 'inventory.limit', '/data', '2 records (limit=2 of 3 SKUs)'],
    ['totals-off', 'inventory.totals', '/data/0/total_available_to_sell', '10, the sum of available, expected, received and kit-to-ship-available in status_counts'],
  ])('reports %s once', async (fault, check, pointer, expected) => {
    server.faults.add(fault);
    const report = await verify();
    expect(report.passed).toBe(false);
    expect(violationSites(report)).toEqual([`${check} ${pointer}`]);
    expect(report.violations[0]?.expected).toBe(expected);
    expect(statusOf(report, check)).toBe('failed');
  });

  it('names what it got for each fault', async () => {
    server.faults.add('total-units-as-string').add('wrong-error-shape').add('limit-ignored').add('totals-off');
    const report = await verify();
    const got = Object.fromEntries(report.violations.map((v) => [v.pointer, v.got]));
    expect(got).toEqual({
      '/data': '3 records',
      '/data/0/total_units': 'string "11"',
      '/data/0/total_available_to_sell': '11',
      '/error': 'string "bad"',
    });
    const shape = report.violations.find((v) => v.check === 'contract.error-body');
    expect(shape?.related).toEqual(['`/message` is required but missing']);
    expect(shape?.occurrences).toBe(3);
  });

  it('reports five faults at once', async () => {
    for (const fault of ['total-units-as-string', 'missing-sku-id', 'wrong-error-shape', 'limit-ignored', 'totals-off'] as const) {
      server.faults.add(fault);
    }
    const report = await verify();
    expect(violationSites(report).sort()).toEqual(
      [
        'contract.error-body /error',
        'contract.getInventory /data/0/sku_id',
        'contract.getInventory /data/0/total_units',
        'inventory.limit /data',
        'inventory.totals /data/0/total_available_to_sell',
      ].sort(),
    );
  });

  it('skips routes not served', async () => {
    server.missingRoutes.add('/callback_holds').add('/snapshot_request');
    const report = await verify();
    expect(report.violations).toEqual([]);
    const holds = report.checks.find((check) => check.name === 'callback-holds.list');
    expect(holds?.status).toBe('skipped');
    expect(holds?.note).toContain('404 ROUTE_NOT_FOUND');
    expect(statusOf(report, 'snapshots.unknown-id')).toBe('skipped');
  });
});

describe('verifyServer transport', () => {
  it('reports a closed port unreachable', async () => {
    const server = await startWrongServer();
    await server.close();
    await expect(
      verifyServer({ target: server.url, account: 'wrong-test', token: 't', timeoutMs: 2000 }),
    ).rejects.toBeInstanceOf(TargetUnreachableError);
  });

  it('rejects a malformed target', async () => {
    await expect(verifyServer({ target: 'not a url', account: 'a', token: 't' })).rejects.toBeInstanceOf(VerifyUsageError);
  });
});

describe('verify reports', () => {
  let report: VerifyReport;

  beforeAll(async () => {
    const server = await startWrongServer(['limit-ignored', 'wrong-error-shape']);
    report = await verifyServer({ target: server.url, account: server.account, token: 't' });
    await server.close();
  });

  it('numbers each violation in the summary', () => {
    const summary = formatSummary(report);
    expect(summary).toContain('  1) inventory.limit\n');
    expect(summary).toContain('     request:  GET /wrong-test/api/v1/inventory?cid=WS-001,WS-002,WS-003&limit=2\n');
    expect(summary).toContain('     pointer:  /data\n');
    expect(summary).toContain('     expected: 2 records (limit=2 of 3 SKUs)\n');
    expect(summary).toContain('     got:      3 records\n');
    expect(summary).toContain('  2) contract.error-body\n');
    expect(summary).toContain('  FAIL  inventory.limit\n');
    expect(summary).toMatch(/\d+ checks: \d+ passed, 2 failed, 4 skipped\./);
  });

  it('writes one JUnit testcase per check', () => {
    const xml = toJunitXml(report);
    expect(xml.match(/<testcase /g)?.length).toBe(report.checks.length);
    expect(xml.match(/<failure /g)?.length).toBe(2);
    expect(xml.match(/<skipped /g)?.length).toBe(4);
    expect(xml).toContain(`tests="${report.checks.length}" failures="2" skipped="4"`);
    expect(xml).toContain('<testcase name="inventory.limit" classname="verify.inventory"');
    expect(xml).toContain('cid=WS-001,WS-002,WS-003&amp;limit=2');
  });

  it('renders JSON that reads back', () => {
    const parsed = JSON.parse(toJsonReport(report)) as VerifyReport;
    expect(parsed.passed).toBe(false);
    expect(parsed.violations.map((v) => v.check)).toEqual(['inventory.limit', 'contract.error-body']);
  });
});

describe('verify command', () => {
  let server: WrongServer;
  let directory: string;

  beforeAll(async () => {
    server = await startWrongServer();
    directory = await mkdtemp(join(tmpdir(), 'inventory-mock-verify-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await runFile(process.execPath, ['--import', 'tsx', CLI, 'verify', ...args], { timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
    }
  }

  it('exits 0 when nothing is wrong', async () => {
    server.faults.clear();
    const result = await cli(['--target', server.url, '--account', server.account, '--token', 't']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No violations.');
  });

  it('exits 1 and writes reports', async () => {
    server.faults.add('totals-off');
    const junit = join(directory, 'verify.xml');
    const json = join(directory, 'verify.json');
    const result = await cli(['--target', server.url, '--account', server.account, '--token', 't', '--report', 'junit', junit, '--report', 'json', json]);
    server.faults.clear();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1) inventory.totals');
    expect(await readFile(junit, 'utf8')).toContain('failures="1"');
    const report = JSON.parse(await readFile(json, 'utf8')) as VerifyReport;
    expect(report.violations[0]?.pointer).toBe('/data/0/total_available_to_sell');
  });

  it('exits 2 when unreachable', async () => {
    const closed = await startWrongServer();
    await closed.close();
    const result = await cli(['--target', closed.url, '--account', 'a', '--token', 't', '--timeout', '2000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot reach');
  });

  it('exits 2 without --target', async () => {
    const result = await cli(['--account', 'a', '--token', 't']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--target');
  });

  it('exits 2 for a bad format', async () => {
    const result = await cli(['--target', server.url, '--account', server.account, '--token', 't', '--report', 'xml', 'out.xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('junit or json');
  });
});

describe('validator on a mock body', () => {
  const validator = createValidator();
  const target = { method: 'GET', path: '/acme-test/api/v1/inventory' };
  const sentinel = 987654321;
  const pointer = '/data/0/status_counts/2/quantity';
  let mock: TestMock;
  let text: string;

  beforeAll(async () => {
    mock = await startTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });
    const cids = ['TEE-BLK-M', 'MUG-WHT', 'CAP-RED', 'GIFT BOX', "KID'S TEE", 'BOTTLE-1L', 'LID-STD', 'KIT-BOTTLE-SET'];
    const response = await mock.get(`/inventory?cid=${cids.map(encodeURIComponent).join(',')}`);
    text = response.text;
  });
  afterAll(async () => {
    await mock.close();
  });

  /** Returns the mock's body with the quantity at `pointer` written as `literal`. */
  function withQuantity(literal: string): string {
    const body = JSON.parse(text) as { data: { status_counts: { quantity: number }[] }[] };
    const row = body.data[0]?.status_counts[2];
    if (row === undefined) throw new Error('TEE-BLK-M has fewer than 3 rows');
    row.quantity = sentinel;
    const copy = JSON.stringify(body);
    expect(copy.split(String(sentinel)).length).toBe(2);
    return copy.replace(String(sentinel), literal);
  }

  it('accepts the body as the mock sent it', () => {
    expect(validator.validateResponse(target, 200, text)).toEqual([]);
    expect(checkRawIntegers(text)).toEqual([]);
  });

  it.each(['"10"', '10.5', '10.0', 'null', '""'])('reports a quantity of %s at its pointer', (literal) => {
    const problems = validator.validateResponse(target, 200, withQuantity(literal));
    expect(problems.map((problem) => problem.pointer)).toEqual([pointer]);
  });

  it('accepts a quantity of 10', () => {
    expect(validator.validateResponse(target, 200, withQuantity('10'))).toEqual([]);
  });
});

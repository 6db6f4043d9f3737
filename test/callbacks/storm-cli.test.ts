import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackOrigin, runStorm } from '../../src/simulation/storm-command.js';
import { startTestMock, type TestMock } from '../support/mock.js';

const run = promisify(execFile);
const CLI = new URL('../../src/cli.ts', import.meta.url).pathname;

let mock: TestMock;

beforeAll(async () => {
  mock = await startTestMock({ fixtureName: 'f0' });
});

afterAll(async () => {
  await mock.close();
});

describe('storm command', () => {
  it('runs a storm to the end and prints progress', async () => {
    const lines: string[] = [];
    const summary = await runStorm({ target: mock.url, rate: 40, duration: 0.5, skus: 3, seed: 1, interval: 100 }, (line) => lines.push(line));
    expect(summary.state).toBe('completed');
    expect(summary.changes_made).toBe(20);
    expect(lines[0]).toMatch(/^storm \S+ started on account acme-test: 40\/s for 0.5 s, 20 changes planned$/);
    expect(lines.at(-1)).toMatch(/completed, 20\/20 changes \(100%\), 0 failed$/);
  });

  it('stops the storm when the signal aborts', async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const running = runStorm({ target: mock.url, rate: 10, duration: 60, interval: 50 }, (line) => {
      lines.push(line);
      controller.abort();
    }, controller.signal);
    const summary = await running;
    expect(summary.state).toBe('stopped');
    expect(summary.changes_made).toBeLessThan(600);
  });

  it('accepts only loopback targets', () => {
    expect(loopbackOrigin('http://127.0.0.1:4010/')).toBe('http://127.0.0.1:4010');
    expect(loopbackOrigin('http://localhost:4010')).toBe('http://localhost:4010');
    expect(() => loopbackOrigin('http://10.1.2.3:4010')).toThrow(/loopback/);
    expect(() => loopbackOrigin('file:///etc/passwd')).toThrow(/loopback/);
    expect(() => loopbackOrigin('127.0.0.1:4010')).toThrow();
  });

  it('reports a rejected request with its details', async () => {
    await expect(runStorm({ target: mock.url, rate: 200_000, duration: 1 }, () => {})).rejects.toThrow(/400 INVALID_BODY[\s\S]*rate_per_s/);
  });

  it('exits 1 from the command line for a non-loopback target', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', CLI, 'storm', '--target', 'http://192.0.2.1:4010', '--rate', '5', '--duration', '1']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toMatch(/loopback/);
  });

  it('runs from the command line against a running mock', async () => {
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      CLI,
      'storm',
      '--target',
      mock.url,
      '--rate',
      '50',
      '--duration',
      '0.2',
      '--skus',
      'MUG-WHT,TEE-BLK-M',
      '--seed',
      '9',
    ]);
    expect(stdout).toMatch(/started on account acme-test/);
    expect(stdout).toMatch(/completed, 10\/10 changes/);
  });
});

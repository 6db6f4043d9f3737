import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/control/config.js';
import { ConfigError } from '../../src/control/errors.js';
import { startMock } from '../../src/start.js';
import { CASE_NOW } from '../support/mock.js';
import { F0, FIXTURE_DIRECTORY } from '../support/fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const F0_PATH = fileURLToPath(new URL('f0.json', FIXTURE_DIRECTORY));
const folder = mkdtempSync(join(tmpdir(), 'inventory-mock-config-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function writeConfig(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/**
 * Runs the CLI from source and resolves with its exit code and output. Once
 * stdout matches `ready`, `onReady` runs and the process is stopped.
 */
function runCli(
  args: string[],
  ready?: { output: RegExp; onReady: (stdout: string) => Promise<void> },
): Promise<{ code: number | null; stdout: string; stderr: string; failure?: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    let failure: unknown;
    let started = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!ready || started || !ready.output.test(stdout)) return;
      started = true;
      ready
        .onReady(stdout)
        .catch((error: unknown) => (failure = error))
        .finally(() => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, failure });
    });
  });
}

describe('config loader', () => {
  it('names a misspelt key', () => {
    const path = writeConfig('typo.yaml', 'port: 0\nfaluts: []\n');
    expect(() => loadConfigFile(path)).toThrow(ConfigError);
    expect(() => loadConfigFile(path)).toThrow(/faluts/);
  });

  it('names a bad key deep in a fault rule', () => {
    const path = writeConfig('deep.json', JSON.stringify({ faults: [{ action: { type: 'error', status: 500, probabilty: 1 } }] }));
    try {
      loadConfigFile(path);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).details[0]?.field).toBe('/faults/0/action/probabilty');
    }
  });

  it('reads YAML with rules, settings and clock', () => {
    const path = writeConfig(
      'full.yaml',
      [
        'port: 0',
        'fixture: ./f0.json',
        'latency: 50-200',
        'rateLimit: 10/s',
        'faults:',
        '  - route: /inventory',
        '    action: { type: error, status: 503 }',
        'callbacks: { maxAttempts: 3 }',
        'snapshots: { delayMs: 0 }',
        `clock: { mode: manual, at: "${CASE_NOW}" }`,
      ].join('\n'),
    );
    const config = loadConfigFile(path);
    expect(config.fixture).toBe(join(folder, 'f0.json'));
    expect(config.faults?.[0]?.action).toEqual({ type: 'error', status: 503 });
    expect(config.callbacks).toEqual({ maxAttempts: 3 });
    expect(config.clock).toEqual({ mode: 'manual', at: CASE_NOW });
  });

  it('rejects a bad shortcut and a bad clock', () => {
    const path = writeConfig('shortcuts.json', JSON.stringify({ latency: '9-3', clock: { mode: 'manual', at: 'noon' } }));
    try {
      loadConfigFile(path);
      expect.unreachable();
    } catch (error) {
      const fields = (error as ConfigError).details.map((detail) => detail.field);
      expect(fields).toContain('/latency');
      expect(fields).toContain('/clock/at');
    }
  });
});

describe('startMock with a config file', () => {
  it('applies rules, settings and clock, and restores them on reset', async () => {
    const path = writeConfig(
      'start.json',
      JSON.stringify({
        fixture: F0_PATH,
        faults: [{ id: 'tee-down', route: '/skus', action: { type: 'error', status: 503 } }],
        errorRate: 0,
        callbacks: { maxAttempts: 3 },
        snapshots: { delayMs: 0 },
        clock: { mode: 'manual', at: CASE_NOW },
      }),
    );
    const running = await startMock({ config: path, seed: 3 });
    try {
      expect(running.options.seed).toBe(3);
      expect(running.admin.clock.get()).toEqual({ mode: 'manual', now: CASE_NOW });
      expect(running.admin.faults().map((rule) => rule.id)).toEqual(['tee-down']);
      expect(running.admin.callbackSettings(F0.account).maxAttempts).toBe(3);
      expect(running.admin.snapshotSettings(F0.account).delayMs).toBe(0);

      running.admin.setFaults([]);
      running.admin.clock.advance(5_000);
      running.admin.callbackSettings(F0.account, { maxAttempts: 9 });
      running.admin.reset();
      expect(running.admin.faults().map((rule) => rule.id)).toEqual(['tee-down']);
      expect(running.admin.clock.get().now).toBe(CASE_NOW);
      expect(running.admin.callbackSettings(F0.account).maxAttempts).toBe(3);

      const added = running.admin.addAccount({ generate: { skus: 2 } });
      expect(running.admin.callbackSettings(added.slug).maxAttempts).toBe(3);
    } finally {
      await running.close();
    }
  });

  it('rejects bad fault options passed in code', async () => {
    await expect(startMock({ faults: [{ action: { type: 'error', status: 700 } }] })).rejects.toThrow(/\/faults\/0\/action\/status/);
  });
});

describe('serve --config', () => {
  it('fails start-up on a misspelt key', async () => {
    const path = writeConfig('cli-typo.yaml', 'port: 0\nerorRate: 0.5\n');
    const result = await runCli(['serve', '--config', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/erorRate/);
    expect(result.stdout).not.toMatch(/listening/);
  });

  it('serves with the config and the shortcut flags', async () => {
    const path = writeConfig('cli.yaml', `port: 0\nfixture: ${JSON.stringify(F0_PATH)}\nlogLevel: silent\n`);
    const answers: { status: number; code: string }[] = [];
    const result = await runCli(['serve', '--config', path, '--error-rate', '1'], {
      output: /curl/,
      onReady: async (stdout) => {
        const url = /listening on (http:\S+)/.exec(stdout)?.[1] ?? '';
        const response = await fetch(`${url}/acme-test/api/v1/inventory_locations`);
        answers.push({ status: response.status, code: ((await response.json()) as any).error.code });
      },
    });
    expect(result.failure).toBeUndefined();
    expect(result.stdout).toMatch(/account: +acme-test/);
    expect(answers).toEqual([{ status: 500, code: 'INJECTED_FAULT' }]);
    expect(result.code).toBe(0);
  });
});

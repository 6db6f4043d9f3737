import { afterEach, describe, expect, it } from 'vitest';
import { CASE_NOW, useTestMock } from '../support/mock.js';
import { F0 } from '../support/fixtures.js';

const mockRef = useTestMock({ fixtureName: 'f0', clockAt: CASE_NOW });

afterEach(async () => {
  expect((await mockRef.current.admin('POST', '/reset')).status).toBe(200);
});

describe('mock clock', () => {
  it('reads, sets and advances every clock', async () => {
    const mock = mockRef.current;
    expect((await mock.admin('GET', '/clock')).body).toEqual({ mode: 'manual', now: CASE_NOW });

    const set = await mock.admin('PUT', '/clock', { at: '2026-12-04T07:30:00-05:00' });
    expect(set.body).toEqual({ mode: 'manual', now: '2026-12-04T12:30:00.000000Z' });

    const advanced = await mock.admin('PUT', '/clock', { advance_ms: 1500.5 });
    expect(advanced.body.now).toBe('2026-12-04T12:30:01.500500Z');
    expect((await mock.admin('GET', `/accounts/${F0.account}/clock`)).body.now).toBe('2026-12-04T12:30:01.500500Z');

    const real = await mock.admin('PUT', '/clock', { mode: 'real', at: '2030-01-01T00:00:00Z' });
    expect(real.body.mode).toBe('real');
    expect(real.body.now >= '2030-01-01T00:00:00.000000Z').toBe(true);
  });

  it('sets one account clock alone', async () => {
    const mock = mockRef.current;
    const response = await mock.admin('PUT', `/accounts/${F0.account}/clock`, { at: '2026-12-05T00:00:00Z' });
    expect(response.body).toEqual({ mode: 'manual', now: '2026-12-05T00:00:00.000000Z' });
    expect((await mock.admin('GET', '/clock')).body.now).toBe(CASE_NOW);
  });

  it('fires account timers when it moves', async () => {
    const mock = mockRef.current;
    const clock = mock.running.mock.account(F0.account)?.clock;
    let fired = '';
    clock?.after(2_000_000, () => {
      fired = 'yes';
    });
    await mock.admin('PUT', '/clock', { advance_ms: 1999 });
    expect(fired).toBe('');
    await mock.admin('PUT', '/clock', { advance_ms: 1 });
    expect(fired).toBe('yes');
  });

  it('rejects bad clock bodies', async () => {
    const mock = mockRef.current;
    const cases: [unknown, string, string][] = [
      [{ at: '2026-12-04T12:00:00' }, '/at', 'INVALID_DATE_FORMAT'],
      [{ mode: 'paused' }, '/mode', 'INVALID_BODY'],
      [{ advance_ms: -1 }, '/advance_ms', 'INVALID_BODY'],
      [{ advance: 1 }, '/advance', 'INVALID_BODY'],
      [{}, '/', 'INVALID_BODY'],
    ];
    for (const [body, field, code] of cases) {
      const response = await mock.admin('PUT', '/clock', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.details[0].field).toBe(field);
    }
    expect((await mock.admin('GET', '/clock')).body.now).toBe(CASE_NOW);
  });
});

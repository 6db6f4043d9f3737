import { describe, expect, it } from 'vitest';
import { useTestMock } from '../support/mock.js';

const mockRef = useTestMock({ fixtureName: 'f0', adminToken: 'admin-token-0001' });

async function adminGet(path: string, authorization?: string) {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  const response = await fetch(`${mockRef.current.url}/__admin${path}`, { headers });
  return { status: response.status, body: (await response.json()) as any, headers: response.headers };
}

describe('admin token', () => {
  it('rejects control-plane requests without the token', async () => {
    for (const header of [undefined, 'Bearer wrong-token', 'Basic YWRtaW46YWRtaW4=', 'Bearer']) {
      const response = await adminGet('/faults', header);
      expect(response.status, String(header)).toBe(401);
      expect(response.body.error.code).toBe('ADMIN_TOKEN_REQUIRED');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await adminGet('/no-such-route')).status).toBe(401);
  });

  it('accepts the token', async () => {
    const response = await adminGet('/faults', 'Bearer admin-token-0001');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ faults: [] });
  });

  it('leaves API routes to their own auth', async () => {
    const response = await mockRef.current.get('/inventory_locations');
    expect(response.status).toBe(200);
  });
});

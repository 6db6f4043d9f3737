import { UNKNOWN_CIDS } from './inventory-checks.js';
import type { Check } from './exchange.js';
import type { VerifyRun } from './run.js';

/** Returns an identifier to put in `cid`: a known SKU, or an unknown one. */
function someCid(run: VerifyRun): string {
  return run.discovery.skus[0]?.customerIdentifier ?? UNKNOWN_CIDS[0];
}

const missingToken: Check = {
  name: 'auth.missing-token',
  title: 'a request without a bearer token gets a 401',
  async run(run) {
    await run.expectError(
      { route: '/inventory', query: [['cid', someCid(run)]], noAuth: true },
      { statuses: [401] },
    );
  },
};

const limitZero: Check = {
  name: 'errors.limit-zero',
  title: 'limit=0 gets a 400 INVALID_QUERY naming limit',
  async run(run) {
    await run.expectError(
      {
        route: '/inventory',
        query: [
          ['cid', someCid(run)],
          ['limit', '0'],
        ],
      },
      { statuses: [400], code: 'INVALID_QUERY', field: 'limit' },
    );
  },
};

const cidBrackets: Check = {
  name: 'errors.cid-brackets',
  title: 'the undocumented key cid[] gets a 400 INVALID_QUERY naming it',
  async run(run) {
    await run.expectError(
      { route: '/inventory', query: [['cid[]', someCid(run)]] },
      { statuses: [400], code: 'INVALID_QUERY', field: 'cid[]' },
    );
  },
};

const unknownKey: Check = {
  name: 'errors.unknown-query-key',
  title: 'an undocumented query key gets a 400 INVALID_QUERY naming it',
  async run(run) {
    await run.expectError(
      {
        route: '/inventory',
        query: [
          ['cid', someCid(run)],
          ['limt', '5'],
        ],
      },
      { statuses: [400], code: 'INVALID_QUERY', field: 'limt' },
    );
  },
};

const wrongMethod: Check = {
  name: 'errors.wrong-method',
  title: 'a method the route does not have gets a 405 or 404 with an error body',
  async run(run) {
    await run.expectError(
      { method: 'PUT', route: '/inventory', query: [['cid', someCid(run)]] },
      { statuses: [405, 404], routeMissingSkips: false },
    );
  },
};

/** Checks that bad requests fail the documented way. */
export const errorChecks: readonly Check[] = [
  missingToken,
  limitZero,
  cidBrackets,
  unknownKey,
  wrongMethod,
];

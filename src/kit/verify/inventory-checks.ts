import { mustBe } from '../../contracts/problems.js';
import { identifiersOf, recordsOf } from './rules.js';
import type { Check, Exchange } from './exchange.js';
import type { VerifyRun } from './run.js';

/** Identifiers that no real account is expected to have. */
export const UNKNOWN_CIDS = [
  'inventory-mock-verify-missing-a',
  'inventory-mock-verify-missing-b',
] as const;

/** A location or snapshot id that no real account is expected to have. */
export const UNKNOWN_UUID = '00000000-0000-4000-8000-00000000f404';

type Json = Record<string, unknown>;

function show(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

function records(count: number): string {
  return `${count} record${count === 1 ? '' : 's'}`;
}

/** Up to `count` known SKU identifiers, or a skip when there are fewer than `least`. */
function pickCids(run: VerifyRun, count: number, least = 1): string[] {
  const cids = run.discovery.skus
    .slice(0, count)
    .map((sku) => sku.customerIdentifier);
  if (cids.length < least) {
    run.skip(`needs at least ${least} SKU${least === 1 ? '' : 's'} in the account`);
  }
  return cids;
}

function expectIdentifiers(
  run: VerifyRun,
  exchange: Exchange,
  expected: readonly string[],
  why: string,
): void {
  const got = identifiersOf(exchange.body);
  if (show(got) !== show(expected)) {
    run.fail(exchange, mustBe('/data', `records ${show(expected)} ${why}`, `records ${show(got)}`));
  }
}

const cidForms: Check = {
  name: 'inventory.cid-forms',
  title:
    'inventory reads cid as a comma list, as repeated keys and mixed, ' +
    'keeps the order given and counts duplicates once',
  async run(run) {
    const cids = pickCids(run, 3);
    const forms: [string, string][][] = [
      [['cid', cids.join(',')]],
      cids.map((cid) => ['cid', cid]),
    ];
    if (cids.length === 3) {
      forms.push([
        ['cid', cids.slice(0, 2).join(',')],
        ['cid', cids[2] ?? ''],
      ]);
    }

    for (const query of forms) {
      const exchange = await run.ok({ route: '/inventory', query });
      expectIdentifiers(run, exchange, cids, 'in the order given');
      const missing = (exchange.body as Json).missing_cids;
      if (Array.isArray(missing) && missing.length > 0) {
        run.fail(exchange, mustBe('/missing_cids', '[] for SKUs that exist', show(missing)));
      }
    }

    const alias = await run.ok({
      route: '/sku_snapshots',
      query: [['cid', cids.join(',')]],
    });
    expectIdentifiers(run, alias, cids, 'as the inventory route returns them');

    const first = cids[0] ?? '';
    const duplicated = [first, ...cids.slice(1, 2), first];
    const exchange = await run.ok({
      route: '/inventory',
      query: [['cid', duplicated.join(',')]],
    });
    const distinct = [...new Set(duplicated)];
    expectIdentifiers(run, exchange, distinct, 'with each duplicate once');
  },
};

const includeLedger: Check = {
  name: 'inventory.include-ledger',
  title:
    'inventory includes status_counts by default and leaves them and ' +
    'inventory_events out with include_ledger=false',
  async run(run) {
    const cids = pickCids(run, 2);
    const full = await run.ok({ route: '/inventory', query: [['cid', cids.join(',')]] });
    if ((full.body as Json).include_ledger !== true) {
      run.fail(full, mustBe('/include_ledger', 'true by default', String((full.body as Json).include_ledger)));
    }
    recordsOf(full.body).forEach((record, index) => {
      if (!Array.isArray(record.status_counts)) {
        run.fail(full, mustBe(`/data/${index}/status_counts`, 'an array (include_ledger defaults to true)', 'nothing'));
      }
    });

    const bare = await run.ok({
      route: '/inventory',
      query: [
        ['cid', cids.join(',')],
        ['include_ledger', 'false'],
      ],
    });
    if ((bare.body as Json).include_ledger !== false) {
      run.fail(bare, mustBe('/include_ledger', 'false', String((bare.body as Json).include_ledger)));
    }
    recordsOf(bare.body).forEach((record, index) => {
      for (const key of ['status_counts', 'inventory_events']) {
        if (record[key] === undefined) continue;
        run.fail(bare, mustBe(`/data/${index}/${key}`, 'left out with include_ledger=false', 'a value'));
      }
    });
  },
};

const limit: Check = {
  name: 'inventory.limit',
  title: 'inventory returns at most `limit` records and echoes the limit',
  async run(run) {
    const cids = pickCids(run, 3, 2);
    for (const size of new Set([cids.length - 1, 1])) {
      const exchange = await run.ok({
        route: '/inventory',
        query: [
          ['cid', cids.join(',')],
          ['limit', String(size)],
        ],
      });
      const body = exchange.body as Json;
      const count = recordsOf(body).length;
      if (count !== size) {
        run.fail(
          exchange,
          mustBe('/data', `${records(size)} (limit=${size} of ${cids.length} SKUs)`, records(count)),
        );
      }
      if (body.limit !== size) {
        run.fail(exchange, mustBe('/limit', String(size), String(body.limit)));
      }
    }
  },
};

const offset: Check = {
  name: 'inventory.offset',
  title:
    'inventory with offset=1 starts one record later, and an offset ' +
    'past the end returns no records',
  async run(run) {
    const cids = pickCids(run, 3, 2);
    const query = (at: number): [string, string][] => [
      ['cid', cids.join(',')],
      ['limit', '2'],
      ['offset', String(at)],
    ];
    const base = await run.ok({ route: '/inventory', query: query(0) });
    const shifted = await run.ok({ route: '/inventory', query: query(1) });
    const before = identifiersOf(base.body);
    const after = identifiersOf(shifted.body);

    if ((shifted.body as Json).offset !== 1) {
      run.fail(shifted, mustBe('/offset', '1', String((shifted.body as Json).offset)));
    }
    if (after.length === 0) {
      run.fail(shifted, mustBe('/data', 'the records from the second one on', 'no records'));
    }
    // Compare only where both pages have records, so a limit that is not
    // honoured is left to inventory.limit.
    for (let index = 0; index < Math.min(after.length, before.length - 1); index += 1) {
      if (after[index] === before[index + 1]) continue;
      run.fail(
        shifted,
        mustBe(
          `/data/${index}/customer_identifier`,
          `${JSON.stringify(before[index + 1])}, record ${index + 1} at offset 0`,
          JSON.stringify(after[index]),
        ),
      );
      break;
    }

    const past = await run.ok({ route: '/inventory', query: query(cids.length) });
    const count = recordsOf(past.body).length;
    if (count !== 0) {
      run.fail(past, mustBe('/data', `no records (offset ${cids.length} is past ${cids.length} SKUs)`, records(count)));
    }
  },
};

const missingCids: Check = {
  name: 'inventory.missing-cids',
  title: 'inventory lists unknown identifiers in missing_cids and leaves them out of data',
  async run(run) {
    const known = run.discovery.skus.slice(0, 1).map((sku) => sku.customerIdentifier);
    const exchange = await run.ok({
      route: '/inventory',
      query: [['cid', [...known, ...UNKNOWN_CIDS].join(',')]],
    });
    expectIdentifiers(run, exchange, known, 'without the unknown identifiers');

    const missing = (exchange.body as Json).missing_cids;
    const listed = Array.isArray(missing) ? missing : [];
    const same =
      listed.length === UNKNOWN_CIDS.length &&
      UNKNOWN_CIDS.every((cid) => listed.includes(cid));
    if (!same) {
      run.fail(exchange, mustBe('/missing_cids', show(UNKNOWN_CIDS), show(listed)));
    }
  },
};

export const inventoryChecks: readonly Check[] = [
  cidForms,
  includeLedger,
  limit,
  offset,
  missingCids,
];

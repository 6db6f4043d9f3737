import { mustBe } from '../../contracts/problems.js';
import type { Check, Exchange } from './exchange.js';
import type { VerifyRun } from './run.js';

type Json = Record<string, unknown>;

function arrayBody(run: VerifyRun, exchange: Exchange): Json[] {
  if (!Array.isArray(exchange.body)) {
    run.skip(`${exchange.request} did not return an array (see the contract checks)`);
  }
  return exchange.body.filter(
    (item): item is Json => typeof item === 'object' && item !== null,
  );
}

function list(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

const locations: Check = {
  name: 'locations.list',
  title: 'inventory_locations returns the locations, each with its own id',
  async run(run) {
    const exchange = await run.ok({ route: '/inventory_locations' });
    const items = arrayBody(run, exchange);
    const seen = new Set<string>();
    items.forEach((location, index) => {
      if (typeof location.id !== 'string') return;
      if (seen.has(location.id)) {
        run.fail(
          exchange,
          mustBe(`/${index}/id`, 'an id no other location has', `"${location.id}" again`),
        );
      }
      seen.add(location.id);
    });
    run.discovery.locationIds = [...seen];
    if (seen.size === 0) run.note('the account has no locations');
  },
};

const skus: Check = {
  name: 'skus.list',
  title: 'skus returns the catalog as an array and honours limit',
  async run(run) {
    const exchange = await run.ok({ route: '/skus', query: [['limit', '100']] });
    const items = arrayBody(run, exchange);
    if (items.length > 100) {
      run.fail(
        exchange,
        mustBe('', 'at most 100 SKUs (limit=100)', `${items.length} SKUs`),
      );
    }

    // Identifiers with a comma cannot be sent in the comma form `cid=a,b`.
    run.discovery.skus = items
      .filter(
        (sku) =>
          typeof sku.customer_identifier === 'string' &&
          sku.customer_identifier !== '' &&
          !sku.customer_identifier.includes(','),
      )
      .map((sku) => ({
        customerIdentifier: sku.customer_identifier as string,
        isKit: sku.is_kit === true,
      }));
    if (run.discovery.skus.length === 0) run.note('the account has no SKUs');
  },
};

const skuPages: Check = {
  name: 'skus.pagination',
  title: 'skus honours limit, offset and the cid filter',
  async run(run) {
    const known = run.discovery.skus.map((sku) => sku.customerIdentifier);
    if (known.length < 3) run.skip('needs at least 3 SKUs in the account');

    const first = await run.ok({ route: '/skus', query: [['limit', '2']] });
    const page = arrayBody(run, first).map((sku) => sku.customer_identifier);
    if (page.length !== 2) {
      run.fail(first, mustBe('', '2 SKUs (limit=2)', `${page.length} SKUs`));
    }

    const shifted = await run.ok({
      route: '/skus',
      query: [
        ['limit', '2'],
        ['offset', '1'],
      ],
    });
    const next = arrayBody(run, shifted).map((sku) => sku.customer_identifier);
    if (page[1] !== undefined && next[0] !== page[1]) {
      run.fail(
        shifted,
        mustBe(
          '/0/customer_identifier',
          `${JSON.stringify(page[1])}, the second SKU at offset 0`,
          JSON.stringify(next[0] ?? null),
        ),
      );
    }

    const wanted = known.slice(0, 2);
    const filtered = await run.ok({
      route: '/skus',
      query: [['cid', wanted.join(',')]],
    });
    const found = arrayBody(run, filtered).map((sku) => sku.customer_identifier);
    const same =
      found.length === wanted.length && wanted.every((cid) => found.includes(cid));
    if (!same) {
      run.fail(
        filtered,
        mustBe('', `the SKUs ${list(wanted)}`, `the SKUs ${list(found)}`),
      );
    }
  },
};

/** Checks that find what later checks use: locations and SKUs. */
export const catalogChecks: readonly Check[] = [locations, skus, skuPages];

import { describe, expect, it } from 'vitest';
import {
  checkRawIntegers,
  createValidator,
  loadDocument,
  matchOperation,
  matchPath,
  type Problem,
} from '../../src/contracts/index.js';
import { resolveRef } from '../../src/contracts/document.js';
import type { components } from '../../src/contracts/generated/inventory-api.js';
import { getAtPointer, joinPointer } from '../../src/contracts/json-pointer.js';
import { schemaStoreFor } from '../../src/contracts/schemas.js';

const document = loadDocument();
const validator = createValidator();
const store = schemaStoreFor(document);

type Node = Record<string, unknown>;

function at(pointer: string): Node {
  return resolveRef(document, pointer).node as Node;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function pointers(problems: readonly Problem[]): string[] {
  return problems.map((problem) => problem.pointer);
}

/** Returns a copy of the first example of a response's JSON body. */
function responseExample(operationId: string, status: string): unknown {
  const operation = validator.operations.find(
    (op) => op.operationId === operationId,
  );
  if (operation === undefined) throw new Error(`no ${operationId}`);
  const response = at(joinPointer(operation.pointer, 'responses', status));
  const media = (response.content as Node)['application/json'] as Node;
  const examples = Object.values(media.examples as Node) as Node[];
  return clone(examples[0]?.value);
}

function callbackExample(messageType: string, index = 0): Node {
  const body = at(joinPointer('/webhooks', messageType, 'post', 'requestBody'));
  const media = (body.content as Node)['application/json'] as Node;
  const examples = Object.values(media.examples as Node) as Node[];
  return clone(examples[index]?.value) as Node;
}

const INVENTORY = { method: 'GET', path: '/demo/api/v1/inventory' };
const QUANTITY_POINTER = '/data/0/status_counts/2/quantity';

function inventoryWithQuantity(value: unknown): Node {
  const body = responseExample('getInventory', '200') as {
    data: { status_counts: Node[] }[];
  };
  const row = body.data[0]?.status_counts[2];
  if (row === undefined) throw new Error('example lacks a third row');
  row.quantity = value;
  return body as unknown as Node;
}

describe('contract document', () => {
  it('declares cid as a form array without explode', () => {
    for (const name of ['CidRequired', 'CidFilter']) {
      const parameter = at(`/components/parameters/${name}`);
      const schema = parameter.schema as Node;
      expect(parameter.name).toBe('cid');
      expect(parameter.style).toBe('form');
      expect(parameter.explode).toBe(false);
      expect(schema.type).toBe('array');
      expect(schema.minItems).toBe(1);
      expect(schema.maxItems).toBe(30);
      expect((schema.items as Node).type).toBe('string');
    }
    expect(at('/components/parameters/CidRequired').required).toBe(true);
  });

  it('types limit, offset and total as integers', () => {
    const limit = at('/components/parameters/Limit').schema as Node;
    const offset = at('/components/parameters/Offset').schema as Node;
    expect(limit).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: 30,
    });
    expect(offset).toMatchObject({ type: 'integer', minimum: 0, default: 0 });

    for (const name of ['InventoryResponse', 'AdjustmentList']) {
      const properties = at(`/components/schemas/${name}`).properties as Node;
      for (const key of ['limit', 'offset', 'total']) {
        expect((properties[key] as Node).type, `${name}.${key}`).toBe(
          'integer',
        );
      }
      expect((properties.data as Node).type, `${name}.data`).toBe('array');
    }
  });

  it('types every quantity and total as an integer', () => {
    const integerFields: [string, string, number | undefined][] = [
      ['StatusCount', 'quantity', 0],
      ['InventoryRecord', 'total_units', 0],
      ['InventoryRecord', 'total_available_to_sell', 0],
      ['InventoryEvent', 'quantity', undefined],
      ['AuditEntry', 'adjustment_quantity', undefined],
      ['AuditEntry', 'previous_quantity', 0],
      ['AuditEntry', 'new_quantity', 0],
      ['SnapshotFile', 'record_count', 0],
    ];
    for (const [schema, field, minimum] of integerFields) {
      const property = at(`/components/schemas/${schema}/properties/${field}`);
      expect(property.type, `${schema}.${field}`).toBe('integer');
      expect(property.minimum, `${schema}.${field} minimum`).toBe(minimum);
    }
  });

  it('has every route of the API', () => {
    const routes = validator.operations.map(
      (op) => `${op.method} ${op.pathTemplate} ${op.operationId}`,
    );
    const base = '/{accountSlug}/api/v1';
    expect(routes.sort()).toEqual(
      [
        `GET ${base}/inventory getInventory`,
        `GET ${base}/sku_snapshots getSkuSnapshots`,
        `GET ${base}/inventory_locations listInventoryLocations`,
        `GET ${base}/skus listSkus`,
        `POST ${base}/skus createSkus`,
        `GET ${base}/inventory_adjustments listInventoryAdjustments`,
        `POST ${base}/inventory_adjustments createInventoryAdjustments`,
        `POST ${base}/data_factory/createAvailable createAvailable`,
        `POST ${base}/data_factory/loseInventory loseInventory`,
        `POST ${base}/snapshot_request requestSnapshot`,
        `GET ${base}/snapshot_request/{id} getSnapshotRequest`,
        `GET ${base}/snapshot_download/{file} downloadSnapshot`,
        `GET ${base}/callbacks listCallbacks`,
        `POST ${base}/callbacks registerCallbacks`,
        `DELETE ${base}/callbacks deleteCallbacks`,
        `GET ${base}/callback_holds listCallbackHolds`,
        `POST ${base}/callback_holds createCallbackHolds`,
        `DELETE ${base}/callback_holds deleteCallbackHolds`,
      ].sort(),
    );
  });

  it('has unique camelCase operationIds', () => {
    const ids = [...validator.operations, ...validator.callbacks].map(
      (op) => op.operationId,
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(validator.callbacks.map((op) => op.pathTemplate)).toEqual([
      'skuInventoryChange',
      'snapshotReady',
    ]);
  });

  it('requires bearer auth except on download', () => {
    const anonymous = validator.operations
      .filter((op) => !op.requiresAuth)
      .map((op) => op.operationId);
    expect(anonymous).toEqual(['downloadSnapshot']);
  });

  it('uses the error body for every error', () => {
    let checked = 0;
    for (const operation of validator.operations) {
      for (const status of operation.statuses) {
        if (!/^[45]/.test(status)) continue;
        const response = at(
          joinPointer(operation.pointer, 'responses', status),
        );
        const media = (response.content as Node)['application/json'] as Node;
        expect(media.schema, `${operation.operationId} ${status}`).toEqual({
          $ref: '#/components/schemas/ErrorBody',
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);

    const limited = at('/components/responses/TooManyRequests');
    expect(Object.keys(limited.headers as Node)).toEqual(['Retry-After']);
  });

  it('gives every response body an example', () => {
    for (const operation of validator.operations) {
      for (const status of operation.statuses) {
        const response = at(
          joinPointer(operation.pointer, 'responses', status),
        );
        for (const [type, media] of Object.entries(
          (response.content ?? {}) as Node,
        )) {
          const examples = (media as Node).examples as Node | undefined;
          const label = `${operation.operationId} ${status} ${type}`;
          expect(Object.keys(examples ?? {}).length, label).toBeGreaterThan(0);
        }
      }
    }
  });

  it('validates every example against its own schema', () => {
    const failures: string[] = [];
    let checked = 0;

    const check = (schemaPointer: string, value: unknown, where: string) => {
      checked += 1;
      const validate = store.at(schemaPointer);
      if (!validate(value)) {
        failures.push(`${where}: ${JSON.stringify(validate.errors)}`);
      }
    };

    const walk = (node: unknown, pointer: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const object = node as Node;

      if (Array.isArray(object.examples)) {
        object.examples.forEach((value, index) =>
          check(pointer, value, `${pointer}/examples/${index}`),
        );
      } else if (object.examples !== undefined && object.schema !== undefined) {
        const lineSchema = object['x-ndjson-item-schema'];
        for (const [name, example] of Object.entries(object.examples as Node)) {
          const value = (example as Node).value;
          const where = `${pointer}/examples/${name}`;
          check(joinPointer(pointer, 'schema'), value, where);
          if (lineSchema === undefined) continue;
          String(value)
            .split('\n')
            .filter((line) => line !== '')
            .forEach((line, index) =>
              check(
                joinPointer(pointer, 'x-ndjson-item-schema'),
                JSON.parse(line),
                `${where} line ${index}`,
              ),
            );
        }
      }

      for (const [key, child] of Object.entries(object)) {
        if (key === 'examples' || key === 'example') continue;
        walk(child, joinPointer(pointer, key));
      }
    };
    walk(document, '');

    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('has no nullable field', () => {
    const nullable: string[] = [];
    const walk = (node: unknown, pointer: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const object = node as Node;
      const type = object.type;
      if (
        object.nullable === true ||
        type === 'null' ||
        (Array.isArray(type) && type.includes('null'))
      ) {
        nullable.push(pointer);
      }
      for (const [key, child] of Object.entries(object)) {
        walk(child, joinPointer(pointer, key));
      }
    };
    walk(document.components, '/components');
    expect(nullable).toEqual([]);
  });

  it('loads once and freezes the document', () => {
    expect(loadDocument()).toBe(document);
    expect(Object.isFrozen(document)).toBe(true);
    expect(Object.isFrozen(getAtPointer(document, '/components/schemas'))).toBe(
      true,
    );
  });
});

describe('matchOperation', () => {
  it('matches the inventory route and its alias', () => {
    expect(matchOperation('GET', '/demo/api/v1/inventory')).toMatchObject({
      operationId: 'getInventory',
      pathTemplate: '/{accountSlug}/api/v1/inventory',
      params: { accountSlug: 'demo' },
    });
    expect(
      matchOperation('get', '/acme-test/api/v1/sku_snapshots?cid=A')
        ?.operationId,
    ).toBe('getSkuSnapshots');
  });

  it('decodes path parameters', () => {
    const match = matchOperation(
      'GET',
      '/demo/api/v1/snapshot_download/5a000000-0000-4000-8000-000000000001.ndjson',
    );
    expect(match?.operationId).toBe('downloadSnapshot');
    expect(match?.params.file).toBe(
      '5a000000-0000-4000-8000-000000000001.ndjson',
    );
    expect(
      matchOperation('GET', '/my%20acct/api/v1/skus')?.params.accountSlug,
    ).toBe('my acct');
  });

  it('misses wrong methods and unknown paths', () => {
    expect(matchOperation('PUT', '/demo/api/v1/inventory')).toBeUndefined();
    expect(matchOperation('GET', '/demo/api/v1/nope')).toBeUndefined();
    expect(matchOperation('GET', '/demo/api/v1/inventory/')).toBeUndefined();
  });

  it('lists the methods of a path', () => {
    expect(matchPath('/demo/api/v1/callbacks')?.methods).toEqual([
      'GET',
      'POST',
      'DELETE',
    ]);
    expect(matchPath('/demo/api/v2/callbacks')).toBeUndefined();
  });
});

describe('validateResponse', () => {
  it('accepts the inventory example', () => {
    const body = responseExample('getInventory', '200');
    expect(validator.validateResponse('getInventory', 200, body)).toEqual([]);
    expect(validator.validateResponse(INVENTORY, 200, body)).toEqual([]);
    expect(
      validator.validateResponse(INVENTORY, 200, JSON.stringify(body)),
    ).toEqual([]);
  });

  it.each([
    ['the string "10"', '10', 'string "10"'],
    ['10.5', 10.5, 'number 10.5'],
    ['null', null, 'null'],
    ['the empty string', '', 'string ""'],
  ])('reports a quantity of %s at its pointer', (_, value, got) => {
    const problems = validator.validateResponse(
      INVENTORY,
      200,
      inventoryWithQuantity(value),
    );
    expect(pointers(problems)).toEqual([QUANTITY_POINTER]);
    expect(problems[0]?.expected).toBe('integer');
    expect(problems[0]?.got).toBe(got);
  });

  it('words a type problem plainly', () => {
    const [problem] = validator.validateResponse(
      INVENTORY,
      200,
      inventoryWithQuantity('10'),
    );
    expect(problem?.message).toBe(
      '`/data/0/status_counts/2/quantity` must be integer, got string "10"',
    );
  });

  it('accepts a quantity of 10', () => {
    const body = inventoryWithQuantity(10);
    expect(validator.validateResponse(INVENTORY, 200, body)).toEqual([]);
    const text = JSON.stringify(body);
    expect(validator.validateResponse(INVENTORY, 200, text)).toEqual([]);
  });

  it('catches 10.0 in the raw text', () => {
    const text = JSON.stringify(inventoryWithQuantity(10)).replace(
      '"quantity":10,',
      '"quantity":10.0,',
    );
    expect(text).toContain('"quantity":10.0,');
    expect(JSON.parse(text)).toEqual(inventoryWithQuantity(10));

    const problems = validator.validateResponse(INVENTORY, 200, text);
    expect(pointers(problems)).toEqual([QUANTITY_POINTER]);
    expect(problems[0]?.got).toBe('10.0');
  });

  it('reports a quoted quantity once on raw text', () => {
    const text = JSON.stringify(inventoryWithQuantity('10'));
    const problems = validator.validateResponse(INVENTORY, 200, text);
    expect(pointers(problems)).toEqual([QUANTITY_POINTER]);
  });

  it('reports an error body without error.code', () => {
    const body = {
      message: 'Account not found',
      error: { message: 'Account not found' },
    };
    const problems = validator.validateResponse('getInventory', 404, body);
    expect(pointers(problems)).toEqual(['/error/code']);
    expect(problems[0]?.message).toBe('`/error/code` is required but missing');
  });

  it('reports an error code that is not UPPER_SNAKE', () => {
    const body = { message: 'x', error: { code: 'notFound', message: 'x' } };
    const problems = validator.validateResponse('getInventory', 404, body);
    expect(pointers(problems)).toEqual(['/error/code']);
  });

  it('reports an undocumented status', () => {
    const problems = validator.validateResponse('getInventory', 418, {});
    expect(pointers(problems)).toContain('/status');
  });

  it('checks undocumented errors as error bodies', () => {
    const problems = validator.validateResponse('listSkus', 409, {
      message: 'conflict',
    });
    expect(pointers(problems)).toEqual(['/status', '/error']);
  });

  it('accepts 405 and 404 error bodies', () => {
    const body = {
      message: 'Method not allowed',
      error: { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed' },
    };
    const wrongMethod = { method: 'PUT', path: '/demo/api/v1/inventory' };
    expect(validator.validateResponse(wrongMethod, 405, body)).toEqual([]);
    expect(pointers(validator.validateResponse(wrongMethod, 200, {}))).toEqual(
      ['/method'],
    );

    const unknown = { method: 'GET', path: '/demo/api/v1/nope' };
    expect(validator.validateResponse(unknown, 404, body)).toEqual([]);
  });

  it('reports an unknown operationId', () => {
    expect(pointers(validator.validateResponse('getNothing', 200, {}))).toEqual(
      [''],
    );
  });

  it('checks Retry-After when headers are given', () => {
    const body = {
      message: 'slow down',
      error: { code: 'RATE_LIMITED', message: 'slow down' },
    };
    const missingHeader = validator.validateResponse('listSkus', 429, body, {
      headers: {},
    });
    expect(pointers(missingHeader)).toEqual(['/headers/Retry-After']);

    const badHeader = validator.validateResponse('listSkus', 429, body, {
      headers: new Headers({ 'retry-after': 'soon' }),
    });
    expect(pointers(badHeader)).toEqual(['/headers/Retry-After']);

    const goodHeader = validator.validateResponse('listSkus', 429, body, {
      headers: { 'Retry-After': '2' },
    });
    expect(goodHeader).toEqual([]);
  });

  it('reports a timestamp without six fraction digits', () => {
    const body = responseExample('getInventory', '200') as {
      data: Node[];
    };
    const record = body.data[0];
    if (record === undefined) throw new Error('example has no record');
    record.as_of = '2026-12-04T11:00:00Z';
    const problems = validator.validateResponse('getInventory', 200, body);
    expect(pointers(problems)).toEqual(['/data/0/as_of']);
  });

  it('locates an unknown result status', () => {
    const body = responseExample('createInventoryAdjustments', '200') as {
      results: Node[];
    };
    const result = body.results[1];
    if (result === undefined) throw new Error('example has two results');
    result.status = 'error';
    const problems = validator.validateResponse(
      'createInventoryAdjustments',
      200,
      body,
    );
    expect(pointers(problems)).toEqual(['/results/1/status']);
    expect(problems[0]?.expected).toBe('one of "success", "failure"');
  });

  it('requires download fields on complete jobs', () => {
    const job = responseExample('getSnapshotRequest', '200') as Node;
    expect(validator.validateResponse('getSnapshotRequest', 200, job)).toEqual(
      [],
    );
    delete job.download_url;
    const problems = validator.validateResponse('getSnapshotRequest', 200, job);
    expect(pointers(problems)).toEqual(['/download_url']);
  });

  it('checks NDJSON downloads by line', () => {
    const record = (
      responseExample('downloadSnapshot', '200') as { data: Node[] }
    ).data[0] as Node;
    const good = `${JSON.stringify(record)}\n${JSON.stringify(record)}\n`;
    const options = { contentType: 'application/x-ndjson' };
    expect(
      validator.validateResponse('downloadSnapshot', 200, good, options),
    ).toEqual([]);

    const bad = `${JSON.stringify(record)}\n${JSON.stringify({
      ...record,
      total_units: 3.0,
    }).replace('"total_units":3', '"total_units":3.0')}\n`;
    const problems = validator.validateResponse(
      'downloadSnapshot',
      200,
      bad,
      options,
    );
    expect(pointers(problems)).toEqual(['/1/total_units']);
  });

  it('reports an undocumented content type', () => {
    const problems = validator.validateResponse('listSkus', 200, [], {
      contentType: 'text/csv',
    });
    expect(pointers(problems)).toEqual(['/headers/content-type']);
  });
});

describe('generated types', () => {
  it('match the response schema', () => {
    type InventoryResponse = components['schemas']['InventoryResponse'];
    const body: InventoryResponse = {
      include_ledger: false,
      limit: 30,
      offset: 0,
      total: 1,
      missing_cids: [],
      data: [
        {
          sku_id: '5c000000-0000-4000-8000-000000000001',
          customer_identifier: 'sku001',
          total_units: 0,
          total_available_to_sell: 0,
          as_of: '2026-12-04T11:00:00.000000Z',
        },
      ],
    };
    expect(validator.validateResponse('getInventory', 200, body)).toEqual([]);
  });
});

describe('checkRawIntegers', () => {
  it('accepts bare integer literals', () => {
    const text = '{"total":0,"data":[{"quantity":-5},{"quantity":12}]}';
    expect(checkRawIntegers(text)).toEqual([]);
  });

  it.each([
    ['10.0', '10.0'],
    ['1e1', '1e1'],
    ['"10"', '"10"'],
    ['null', 'null'],
    ['""', '""'],
    ['-0.5', '-0.5'],
  ])('reports %s', (literal, got) => {
    const row = `{"status_counts": [{"quantity": ${literal} }]}`;
    const text = `{"data": [ {"sku": "a"}, ${row} ]}`;
    const problems = checkRawIntegers(text);
    expect(pointers(problems)).toEqual(['/data/1/status_counts/0/quantity']);
    expect(problems[0]?.got).toBe(got);
  });

  it('ignores keys outside the list and values inside strings', () => {
    const text =
      '{"weight":0.5,"note":"\\"quantity\\": 1.5","dim":{"total":1}}';
    expect(checkRawIntegers(text)).toEqual([]);
    expect(pointers(checkRawIntegers(text, ['weight']))).toEqual(['/weight']);
  });

  it('escapes member names in pointers', () => {
    const text = '{"a/b":{"limit":1.0}}';
    expect(pointers(checkRawIntegers(text))).toEqual(['/a~1b/limit']);
  });

  it('reports invalid JSON', () => {
    const problems = checkRawIntegers('{"total": 1,');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.expected).toBe('valid JSON');
  });
});

describe('validateRequest', () => {
  const inventory = (query: string) =>
    validator.validateRequest({
      method: 'GET',
      path: '/acme-test/api/v1/inventory',
      query,
    });

  it('accepts comma lists and repeated cids', () => {
    expect(inventory('cid=TEE-BLK-M,MUG-WHT')).toEqual([]);
    expect(inventory('cid=TEE-BLK-M&cid=MUG-WHT')).toEqual([]);
    expect(inventory('cid=GIFT+BOX&limit=100&offset=0')).toEqual([]);
    expect(
      validator.validateRequest({
        method: 'GET',
        path: '/acme-test/api/v1/inventory?cid=A,B',
      }),
    ).toEqual([]);
    expect(
      validator.validateRequest({
        method: 'GET',
        path: '/acme-test/api/v1/inventory',
        query: { cid: ['A', 'B'], include_ledger: '0' },
      }),
    ).toEqual([]);
  });

  it.each([
    ['limit=0', '/query/limit', '>= 1'],
    ['limit=101', '/query/limit', '<= 100'],
    ['limit=abc', '/query/limit', 'integer'],
    ['limit=10.5', '/query/limit', 'integer'],
    ['limit=', '/query/limit', 'integer'],
    ['offset=-1', '/query/offset', '>= 0'],
    ['offset=1e2', '/query/offset', 'integer'],
    ['include_ledger=maybe', '/query/include_ledger', 'boolean'],
    ['limit=5&limit=6', '/query/limit', 'given once'],
    ['location_id=L1', '/query/location_id', 'a valid uuid'],
    ['as_of=2026-12-04T11:30:00', '/query/as_of', 'a valid date-time'],
  ])('flags %s', (extra, pointer, expected) => {
    const problems = inventory(`cid=MUG-WHT&${extra}`);
    expect(pointers(problems)).toEqual([pointer]);
    expect(problems[0]?.expected).toBe(expected);
  });

  it('flags a status outside the enum at its index', () => {
    const problems = inventory('cid=A&status=available,bogus');
    expect(pointers(problems)).toEqual(['/query/status/1']);
  });

  it('flags a missing cid and empty items', () => {
    expect(pointers(inventory('limit=5'))).toEqual(['/query/cid']);
    expect(pointers(inventory('cid='))).toEqual(['/query/cid/0']);
    expect(pointers(inventory('cid=A,'))).toEqual(['/query/cid/1']);
    expect(pointers(inventory('cid=A,,B'))).toEqual(['/query/cid/1']);
    expect(pointers(inventory('cid=A&cid='))).toEqual(['/query/cid/1']);
  });

  it('counts duplicate cids once', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `S${i}`);
    expect(inventory(`cid=${ids.join(',')},S0`)).toEqual([]);
    const problems = inventory(`cid=${ids.join(',')},S30`);
    expect(pointers(problems)).toEqual(['/query/cid']);
    expect(problems[0]?.expected).toBe('an array of at most 30 items');
  });

  it('ignores unknown query keys by default', () => {
    expect(inventory('cid=A&limt=5')).toEqual([]);
  });

  it('flags unknown query keys with rejectUnknownQuery', () => {
    const strict = createValidator({ rejectUnknownQuery: true });
    const problems = strict.validateRequest({
      method: 'GET',
      path: '/acme-test/api/v1/inventory',
      query: 'cid[]=A&cid[]=B&limt=5',
    });
    expect(pointers(problems)).toEqual([
      '/query/cid',
      '/query/cid[]',
      '/query/limt',
    ]);
    expect(problems[1]?.message).toContain('Send `cid=a,b` or repeat `cid=`.');
  });

  it('checks path parameters', () => {
    const problems = validator.validateRequest({
      method: 'GET',
      path: '/demo/api/v1/snapshot_request/not-a-uuid',
    });
    expect(pointers(problems)).toEqual(['/path/id']);
  });

  it('reports a wrong method and an unknown path', () => {
    const wrong = validator.validateRequest({
      method: 'PATCH',
      path: '/demo/api/v1/skus',
    });
    expect(pointers(wrong)).toEqual(['/method']);
    expect(wrong[0]?.expected).toBe('one of GET, POST');

    const unknown = validator.validateRequest({
      method: 'GET',
      path: '/demo/api/v1/nope',
    });
    expect(pointers(unknown)).toEqual(['/path']);
  });

  const adjust = (body: unknown, strictRecords = false) =>
    createValidator({ strictRecords }).validateRequest({
      method: 'POST',
      path: '/demo/api/v1/inventory_adjustments',
      body,
    });

  const badRecord = {
    customer_identifier: 'sku001',
    inventory_location_id: '0a5c1f0e-0000-4000-8000-000000000001',
    inventory_status: 'available',
    adjustment_quantity: 1.5,
    adjustment_reason: 'because',
  };

  it('passes invalid records to the server', () => {
    expect(adjust([badRecord])).toEqual([]);
    expect(adjust(JSON.stringify([badRecord]))).toEqual([]);
  });

  it('rejects non-array and oversized bodies', () => {
    expect(pointers(adjust(badRecord))).toEqual(['/body']);
    expect(pointers(adjust([1, badRecord]))).toEqual(['/body/0']);
    expect(pointers(adjust(Array(31).fill(badRecord)))).toEqual(['/body']);
    expect(pointers(adjust('[{'))).toEqual(['/body']);
    expect(
      validator.validateRequest({
        method: 'POST',
        path: '/demo/api/v1/inventory_adjustments',
      }),
    ).toEqual([expect.objectContaining({ pointer: '/body' })]);
  });

  it('checks records in full with strictRecords', () => {
    expect(pointers(adjust([badRecord], true))).toEqual([
      '/body/0/adjustment_quantity',
      '/body/0/adjustment_reason',
    ]);
  });

  it('checks one record with validateRecord', () => {
    const problems = validator.validateRecord(
      'createInventoryAdjustments',
      badRecord,
    );
    expect(pointers(problems)).toEqual([
      '/adjustment_quantity',
      '/adjustment_reason',
    ]);
    expect(
      validator.validateRecord('requestSnapshot', { snapshot_type: 'full' }),
    ).toEqual([]);
  });

  it('checks the snapshot request body', () => {
    const request = (body: unknown) =>
      validator.validateRequest({
        method: 'POST',
        path: '/acme-test/api/v1/snapshot_request',
        body,
      });

    expect(request({ snapshot_type: 'full' })).toEqual([]);
    for (const date of [
      '2026-12-04T11:30:00.52Z',
      '2026-12-04T11:30:00.123456400Z',
      '2026-12-04T03:30:00-08:00',
      '2026-12-04t11:30:00z',
    ]) {
      const body = { snapshot_type: 'full', snapshot_as_of_date: date };
      expect(request(body), date).toEqual([]);
    }

    expect(pointers(request({ snapshot_type: 'partial' }))).toEqual([
      '/body/snapshot_type',
    ]);
    expect(pointers(request({}))).toEqual(['/body/snapshot_type']);
    for (const date of [
      '2026-12-04T11:30:00',
      '2026-12-04T11:30:00.Z',
      '2026-12-04T11:30:00+0800',
      '2026-02-30T00:00:00Z',
      '2026-12-04 11:30:00Z',
      '',
    ]) {
      const body = { snapshot_type: 'full', snapshot_as_of_date: date };
      expect(pointers(request(body)), date).toEqual([
        '/body/snapshot_as_of_date',
      ]);
    }
  });

  it('reports a body of another media type', () => {
    const problems = validator.validateRequest({
      method: 'POST',
      path: '/demo/api/v1/skus',
      body: 'sku001',
      contentType: 'text/plain',
    });
    expect(pointers(problems)).toEqual(['/headers/content-type']);
  });
});

describe('validateCallback', () => {
  it('accepts the documented payloads', () => {
    expect(
      validator.validateCallback(
        'skuInventoryChange',
        callbackExample('skuInventoryChange'),
      ),
    ).toEqual([]);
    expect(
      validator.validateCallback(
        'snapshotReady',
        callbackExample('snapshotReady'),
      ),
    ).toEqual([]);
    expect(
      validator.validateCallback(
        'snapshotReady',
        callbackExample('snapshotReady', 1),
      ),
    ).toEqual([]);
  });

  it('catches a snapshotReady without data.snapshot_request_id', () => {
    const body = callbackExample('snapshotReady');
    delete (body.data as Node).snapshot_request_id;
    const problems = validator.validateCallback('snapshotReady', body);
    expect(pointers(problems)).toEqual(['/data/snapshot_request_id']);
  });

  it('catches complete snapshotReady without download_url', () => {
    const body = callbackExample('snapshotReady');
    delete (body.data as Node).download_url;
    const problems = validator.validateCallback('snapshotReady', body);
    expect(pointers(problems)).toEqual(['/data/download_url']);
  });

  it('catches the SnapshotReady spelling', () => {
    const body = { ...callbackExample('snapshotReady') };
    body.message_type = 'SnapshotReady';
    const problems = validator.validateCallback('snapshotReady', body);
    expect(pointers(problems)).toEqual(['/message_type']);
  });

  it('requires status_counts in skuInventoryChange records', () => {
    const body = callbackExample('skuInventoryChange');
    delete ((body.data as Node[])[0] as Node).status_counts;
    const problems = validator.validateCallback('skuInventoryChange', body);
    expect(pointers(problems)).toEqual(['/data/0/status_counts']);
  });

  it('checks raw callback text for integers', () => {
    const text = JSON.stringify(callbackExample('skuInventoryChange')).replace(
      '"total_units":305',
      '"total_units":305.0',
    );
    const problems = validator.validateCallback('skuInventoryChange', text);
    expect(pointers(problems)).toEqual(['/data/0/total_units']);
  });

  it('checks delivery headers when given', () => {
    const body = callbackExample('skuInventoryChange');
    const headers = {
      'X-Message-Id': '3e000000-0000-4000-8000-000000000001',
      'X-Message-Type': 'skuInventoryChange',
      'webhook-id': '3e000000-0000-4000-8000-000000000001',
      'webhook-timestamp': '1796385600',
      'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
    };
    expect(
      validator.validateCallback('skuInventoryChange', body, { headers }),
    ).toEqual([]);

    const { 'webhook-signature': _, ...unsigned } = headers;
    const problems = validator.validateCallback('skuInventoryChange', body, {
      headers: unsigned,
    });
    expect(pointers(problems)).toEqual(['/headers/webhook-signature']);
  });

  it('reports an unknown message type', () => {
    const problems = validator.validateCallback('orderEvent', {});
    expect(pointers(problems)).toEqual(['/message_type']);
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Requests an attacker would send, generated from the API's own OpenAPI document for every operation and sent as
 * each of the five roles: wrong types, missing and extra fields, huge strings, NUL and unpaired surrogates, prototype
 * keys, SQL and path fragments in filters, sorts and search, impossible dates, huge numbers. Whatever comes back is
 * never a 5xx; a refusal is a 4xx with a Chinese message and writes nothing. Seeded and bounded: RUNS requests per
 * operation.
 */
const RUNS = 12;
const SEED = 20_241_201;
const ROLES = ['admin', 'office', 'inspector1', 'forestry-leader', 'forestry-liaison'] as const;

interface Schema {
  type?: string;
  $ref?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  readOnly?: boolean;
  format?: string;
}
interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: 'path' | 'query' }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

let t: TestApp;
let tokens: Record<string, string>;
let operations: Operation[] = [];
let schemas: Record<string, Schema> = {};
let ids: string[] = [];
let snapshotSql = '';
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

const CHINESE = /[\u4e00-\u9fff]/;

// ---------- hostile values ----------
const nasty = fc.constantFrom(
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'x\ud800y',
  '\udfff',
  '💥\ud83d',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '%',
  '%zz',
  '../../etc/passwd',
  '..\\..\\windows',
  '__proto__',
  'constructor',
  '$where',
  '{"$gt":""}',
  '0000-00-00',
  '2025-02-30',
  '9999-99-99',
  '2024-13-01',
  '-1',
  '1e309',
  'NaN',
  '<script>alert(1)</script>',
  '\u202eabc',
  '\ufeff',
  'ＡＢＣ',
  '𠀀𠀁',
  'null',
  'true',
);
const hugeString = fc.integer({ min: 1_000, max: 5_000 }).map((n) => '长'.repeat(n));
const hostileString = fc.oneof(nasty, hugeString, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const hugeNumber = fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 2 ** 31, -(2 ** 31) - 1, 0.1, 1e-300);
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hugeNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant(JSON.parse('{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}')),
  fc.array(hostileString, { maxLength: 3 }),
);
const idValue = () =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostileString });

function resolveSchema(schema: Schema): Schema {
  return schema.$ref ? (schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {}) : schema;
}

/** A plausible value for a schema, often bent: the wrong type, a hostile string, a huge number. */
function valueFor(raw: Schema, name: string, depth: number): fc.Arbitrary<unknown> {
  const schema = resolveSchema(raw);
  const bent = anyJson;
  let fitting: fc.Arbitrary<unknown>;
  if (schema.enum) fitting = fc.constantFrom(...schema.enum);
  else if (schema.type === 'array')
    fitting = depth > 2 ? fc.constant([]) : fc.array(valueFor(schema.items ?? {}, name, depth + 1), { maxLength: 3 });
  else if (schema.type === 'object' || schema.properties) fitting = depth > 2 ? fc.constant({}) : bodyFor(schema, depth + 1);
  else if (schema.type === 'number' || schema.type === 'integer') fitting = fc.oneof(fc.integer({ min: -5, max: 120 }), hugeNumber);
  else if (schema.type === 'boolean') fitting = fc.boolean();
  else if (/id$/i.test(name)) fitting = idValue();
  else if (/date|deadline|today|now|At$/i.test(name)) {
    fitting = fc.oneof(
      fc.constantFrom('2024-06-03', '2025-12-31', '2025-02-29', '2024-02-30', '1900-01-01', '9999-12-31', '+275760-09-13'),
      hostileString,
    );
  } else fitting = fc.oneof(fc.constantFrom('市林业局', '2024-Q2', 'quarterly', 'lead', '进展顺利'), hostileString);
  return fc.oneof({ weight: 3, arbitrary: fitting }, { weight: 1, arbitrary: bent });
}

/** An object from a schema: some fields left out, some bent, and sometimes extra or prototype keys. */
function bodyFor(raw: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const schema = resolveSchema(raw);
  const fields = Object.entries(schema.properties ?? {});
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, s] of fields) record[name] = valueFor(s, name, depth);
  const extra = fc.dictionary(
    fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'role', 'orgUnitId', 'a\u0000'),
      fc.string({ maxLength: 8 }),
    ),
    anyJson,
    {
      maxKeys: 2,
    },
  );
  return fc
    .tuple(fc.record(record, { requiredKeys: [] }), fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extra }))
    .map(([own, more]) => {
      const out: Record<string, unknown> = { ...own };
      // Own properties named __proto__ or constructor, as JSON.parse would make them.
      for (const [k, v] of Object.entries(more))
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    });
}

/** react-admin's list parameters, bent: SQL and path fragments in filters, sorts and search. */
const listParam = (name: string): fc.Arbitrary<string> => {
  const field = fc.oneof(
    fc.constantFrom(
      'id',
      'q',
      'status',
      'orgUnitId',
      'planId',
      'deadline',
      'name',
      'password',
      'passwordHash',
      '__proto__',
      'id; DROP TABLE users',
      'a.b',
    ),
    hostileString,
  );
  if (name === 'filter') {
    return fc
      .oneof(
        fc.dictionary(field, anyJson, { maxKeys: 3 }).map((o) => JSON.stringify(o)),
        fc.record({ id: fc.array(idValue(), { maxLength: 4 }) }).map((o) => JSON.stringify(o)),
        fc.record({ q: hostileString }).map((o) => JSON.stringify(o)),
        hostileString,
      )
      .map(String);
  }
  if (name === 'sort')
    return fc.oneof(
      fc.tuple(field, fc.constantFrom('ASC', 'DESC', 'asc', 'SIDEWAYS', 'ASC; --')).map((s) => JSON.stringify(s)),
      hostileString,
    );
  if (name === 'range') {
    return fc.oneof(
      fc
        .tuple(fc.oneof(fc.integer({ min: -3, max: 50 }), hugeNumber), fc.oneof(fc.integer({ min: -3, max: 2000 }), hugeNumber))
        .map((r) => JSON.stringify(r)),
      hostileString,
    );
  }
  return fc.oneof(fc.constantFrom('2024', '2024-05', '2025-13', '0', '99999'), hostileString);
};

interface Sent {
  role: (typeof ROLES)[number];
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | unknown;
}

function requestFor(op: Operation): fc.Arbitrary<Sent> {
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const json = op.requestBody?.content['application/json']?.schema;
  const params: Record<string, fc.Arbitrary<string>> = {};
  for (const p of pathParams)
    params[p.name] = p.name === 'year' ? fc.oneof(fc.constantFrom('2026', '2031', '0', '99999'), hostileString) : idValue();
  const query: Record<string, fc.Arbitrary<string>> = {};
  for (const p of queryParams) query[p.name] = listParam(p.name);
  return fc
    .record({
      role: fc.constantFrom(...ROLES),
      params: fc.record(params),
      query: fc
        .tuple(
          fc.record(query, { requiredKeys: [] }),
          fc.dictionary(fc.constantFrom('page', '__proto__', 'filter[]'), hostileString, { maxKeys: 1 }),
        )
        .map(([a, b]) => ({ ...b, ...a }) as Record<string, string>),
      body: json
        ? fc.oneof({ weight: 6, arbitrary: bodyFor(json) }, { weight: 1, arbitrary: anyJson })
        : fc.oneof(fc.constant(undefined), bodyFor({ properties: {} })),
    })
    .map(({ role, params: values, query: q, body }) => ({
      role,
      path: op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name])),
      query: q,
      body,
    }));
}

async function snapshot(): Promise<string> {
  return JSON.stringify((await t.db.query(snapshotSql))[0]);
}

beforeAll(async () => {
  t = await createTestApp();
  tokens = {};
  for (const role of ROLES) tokens[role] = await t.login(role);
  // Something of each kind to aim at: an assignment of the liaison's unit, with a report.
  const item = (await t.db.query(`SELECT id FROM plan_items WHERE assignable ORDER BY position LIMIT 1`))[0].id as string;
  const forestry = (await t.db.query(`SELECT id FROM org_units WHERE code = 'forestry'`))[0].id as string;
  const made = await t.http
    .post(`/api/plan-items/${item}/decompose`)
    .set(auth(tokens.office))
    .send({ assignments: [{ orgUnitId: forestry, role: 'lead' }] });
  expect(made.status).toBe(200);
  const assignment = (await t.db.query(`SELECT id FROM assignments LIMIT 1`))[0].id as string;
  const report = await t.http
    .post('/api/reports')
    .set(auth(tokens['forestry-liaison']))
    .send({ assignmentId: assignment, period: '2024-Q2', summary: '进展', progress: 10 });
  expect(report.status).toBe(201);
  const signedIn = (await t.db.query(`SELECT id FROM users WHERE username = ANY($1)`, [[...ROLES]])).map((r: { id: string }) => r.id);
  const tables: { table_name: string; versioned: boolean }[] = await t.db.query(
    `SELECT table_name, bool_or(column_name = 'version') AS versioned FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name NOT IN ('login_throttle', 'migrations') GROUP BY table_name ORDER BY table_name`,
  );
  ids = [];
  for (const { table_name } of tables) {
    const hasId =
      (
        await t.db.query(`SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'id' AND data_type = 'uuid'`, [
          table_name,
        ])
      ).length > 0;
    if (hasId) {
      // Not the signed-in users themselves: disabling one would turn the rest of the run into 401s.
      const rows = await t.db.query(`SELECT id FROM "${table_name}" WHERE NOT (id = ANY($1)) ORDER BY id LIMIT 3`, [signedIn]);
      ids.push(...rows.map((r: { id: string }) => r.id));
    }
  }
  snapshotSql = `SELECT (SELECT json_agg(h ORDER BY h) FROM audit_chain_heads h) AS head, ${tables
    .map(
      (x) => `(SELECT count(*) || ':' || ${x.versioned ? 'coalesce(sum(version), 0)' : '0'} FROM "${x.table_name}") AS "${x.table_name}"`,
    )
    .join(', ')}`;
  const doc = (await t.http.get('/api/docs/json')).body as {
    paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
    components: { schemas: Record<string, Schema> };
  };
  schemas = doc.components.schemas;
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, method, path })));
});
afterAll(() => t.close());

describe('hostile requests generated from the OpenAPI document', () => {
  it('should cover every operation the API documents', () => {
    expect(operations.length).toBeGreaterThanOrEqual(70);
  });

  it('should answer every generated request to every operation, as each role, without a 5xx; a refusal says why in Chinese and writes nothing', async () => {
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    let sent = 0;
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(op), async (r) => {
          const before = await snapshot();
          const method = op.method as 'get' | 'post' | 'put' | 'delete';
          let req = t.http[method](r.path.replace(/^\/?/, '/')).set(auth(tokens[r.role])).query(r.query);
          if (r.body !== undefined && method !== 'get') req = req.set('content-type', 'application/json').send(JSON.stringify(r.body));
          const res = await req;
          sent++;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const where = `${op.method.toUpperCase()} ${r.path} as ${r.role} ${JSON.stringify(r.query).slice(0, 200)} ${JSON.stringify(r.body)?.slice(0, 300)}`;
          if (res.status >= 500) failures.push(`${res.status} ${where} → ${res.text.slice(0, 200)}`);
          if (res.status >= 400 && res.status < 500) {
            const message = res.body?.message;
            if (typeof message !== 'string' || !CHINESE.test(message))
              failures.push(`${res.status} without a Chinese message: ${where} → ${res.text.slice(0, 200)}`);
            const after = await snapshot();
            if (after !== before) failures.push(`${res.status} but something was written: ${where}`);
          }
          return true;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
    console.info(`hostile requests by status: ${JSON.stringify(statuses)}`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBe(operations.length * RUNS);
  }, 300_000);
});

// schemas/plan.schema.json: well-formed, documented, and satisfied by every example plan. A small
// checker for the subset of JSON Schema draft-07 the schema uses (it refuses any other keyword,
// so the two stay in step).

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PLAN_KEYS } from '../../src/read/dialects/plan';

type Schema = Record<string, any>;

const ROOT = join(__dirname, '../../..');
const schema: Schema = JSON.parse(readFileSync(join(ROOT, 'schemas/plan.schema.json'), 'utf8'));

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'examples', 'definitions', 'default']);
const ASSERTIONS = new Set(['type', 'properties', 'additionalProperties', 'anyOf', 'enum', 'pattern', 'minimum', 'maximum', 'items', '$ref']);

function resolve(s: Schema): Schema {
  if (!s.$ref) return s;
  const m = /^#\/definitions\/(.+)$/.exec(s.$ref);
  assert.ok(m, `unsupported $ref ${s.$ref}`);
  const target = schema.definitions?.[m[1]];
  assert.ok(target, `dangling $ref ${s.$ref}`);
  return target;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Errors for `value` against `s` (empty when valid). */
export function validate(value: unknown, s: Schema, at = '$'): string[] {
  for (const k of Object.keys(s)) assert.ok(ANNOTATIONS.has(k) || ASSERTIONS.has(k), `the checker does not support "${k}" (at ${at})`);
  if (s.$ref) return validate(value, resolve(s), at);
  const errors: string[] = [];
  if (s.type !== undefined) {
    const t = typeOf(value);
    const ok = s.type === t || (s.type === 'number' && t === 'integer');
    if (!ok) return [`${at}: expected ${s.type}, got ${t}`];
  }
  if (s.enum !== undefined && !s.enum.some((e: unknown) => e === value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) errors.push(`${at}: ${value} < ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errors.push(`${at}: ${value} > ${s.maximum}`);
  }
  if (typeof value === 'string' && s.pattern !== undefined && !new RegExp(s.pattern).test(value)) errors.push(`${at}: "${value}" does not match ${s.pattern}`);
  if (s.anyOf !== undefined) {
    const all = (s.anyOf as Schema[]).map((sub) => validate(value, sub, at));
    if (!all.some((e) => e.length === 0)) errors.push(`${at}: matches none of anyOf (${all.map((e) => e.join('; ')).join(' | ')})`);
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      const sub = s.properties?.[k];
      if (sub) errors.push(...validate(v, sub, `${at}.${k}`));
      else if (s.additionalProperties === false) errors.push(`${at}: unknown key "${k}"`);
    }
  }
  if (Array.isArray(value) && s.items) value.forEach((v, i) => errors.push(...validate(v, s.items, `${at}[${i}]`)));
  return errors;
}

/** Every property of every object schema, with its path. */
function properties(s: Schema, path = ''): Array<{ path: string; schema: Schema }> {
  const out: Array<{ path: string; schema: Schema }> = [];
  for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) {
    out.push({ path: `${path}${k}`, schema: v });
    out.push(...properties(v, `${path}${k}.`));
  }
  return out;
}

const yamlFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.plan.yaml')).map((f) => join(dir, f));

describe('plan schema (schemas/plan.schema.json)', () => {
  it('is draft-07, closed at every level, and describes every key', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    const props = properties(schema);
    assert.ok(props.length >= 55, `${props.length} keys`);
    for (const p of props) {
      assert.ok(typeof p.schema.description === 'string' && p.schema.description.length > 10, `${p.path} has a description`);
      if (p.schema.type === 'object') assert.equal(p.schema.additionalProperties, false, `${p.path} is closed`);
    }
    for (const [name, d] of Object.entries<Schema>(schema.definitions)) assert.ok(d.description, `definition ${name} is described`);
  });

  it('every key\'s own example is valid', () => {
    for (const p of properties(schema)) {
      if (p.schema.type === 'object') continue;
      assert.ok(p.schema.examples?.length, `${p.path} has an example`);
      assert.deepEqual(validate(p.schema.examples[0], p.schema, p.path), []);
    }
  });

  const files = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test/fixtures/plans')).filter((f) => !/(malformed|typo)\.plan\.yaml$/.test(f))];
  it('test/fixtures/plans/typo.plan.yaml, with a mistyped key, is not', () => {
    assert.notDeepEqual(validate(parse(readFileSync(join(ROOT, 'test/fixtures/plans/typo.plan.yaml'), 'utf8')), schema), []);
  });
  it('finds the example plans', () => assert.ok(files.filter((f) => f.includes('/examples/')).length >= 4));
  for (const f of files) {
    it(`${f.slice(ROOT.length + 1)} is valid`, () => {
      assert.deepEqual(validate(parse(readFileSync(f, 'utf8')), schema), []);
    });
  }

  it('the example in docs/plan-format.md is valid', () => {
    const md = readFileSync(join(ROOT, 'docs/plan-format.md'), 'utf8');
    const block = /```yaml\n(# A Llama[\s\S]*?)```/.exec(md);
    assert.ok(block, 'the example block');
    assert.deepEqual(validate(parse(block[1]), schema), []);
  });

  it('number styles the reader accepts are valid; other text is not', () => {
    const count = schema.definitions.count;
    for (const v of ['7B', '1.4T', '300_000_000', '1,000', '2e21', '20k', 7e9]) assert.deepEqual(validate(v, count), [], String(v));
    for (const v of ['lots', '-5', -5, '7X', '$50k']) assert.notDeepEqual(validate(v, count), [], String(v));
    for (const v of ['$50k', '$1.2M', '50000 USD', 50000]) assert.deepEqual(validate(v, schema.definitions.usd), [], String(v));
    for (const v of ['14d', '36h', '2w', '90 min', 14]) assert.deepEqual(validate(v, schema.definitions.days), [], String(v));
    for (const v of ['40%', '39.06 %', 0.4, '0.4', 1]) assert.deepEqual(validate(v, schema.definitions.fraction), [], String(v));
    // Only "%" means percent: a bare number above 1 is refused by the reader and the schema alike.
    for (const v of [40, '40', 1.5, '1.5', 140]) assert.notDeepEqual(validate(v, schema.definitions.fraction), [], String(v));
    // Commas only as thousands separators ("1,5B" is not 15B).
    for (const v of ['1,5B', '1,0000', '10,00,000']) assert.notDeepEqual(validate(v, count), [], String(v));
    assert.deepEqual(validate('1,500,000', count), []);
  });

  it('the plan reader knows exactly the keys the schema has (unknown-key uses the reader\'s table)', () => {
    type Tree = { [k: string]: true | Tree };
    const fromSchema = (s: Schema): Tree =>
      Object.fromEntries(Object.entries(resolve(s).properties as Record<string, Schema>).map(([k, v]) => [k, resolve(v).properties ? fromSchema(v) : true]));
    assert.deepEqual(fromSchema(schema), PLAN_KEYS);
  });

  it('catches typos, wrong types and unknown words', () => {
    const bad = parse('model:\n  param: 7B\ndata:\n  tokens: lots\ntraining:\n  zero_stage: 5\nhardware:\n  count: [1]\nlaw: moore\n');
    const errors = validate(bad, schema).join('\n');
    assert.match(errors, /\$\.model: unknown key "param"/);
    assert.match(errors, /\$\.data\.tokens/);
    assert.match(errors, /\$\.training\.zero_stage/);
    assert.match(errors, /\$\.hardware\.count/);
    assert.match(errors, /\$\.law/);
  });
});

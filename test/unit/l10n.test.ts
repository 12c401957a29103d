// Translations are files, not code changes: every %key% of the manifest has its English text in
// package.nls.json, and every string the extension passes to vscode.l10n.t is in the English
// bundle l10n/bundle.l10n.json (the bundle's keys are the English strings themselves).

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');
const json = (p: string): Record<string, unknown> => JSON.parse(read(p)) as Record<string, unknown>;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every string value in the manifest, with its JSON path. */
function strings(v: unknown, path: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof v === 'string') out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, `${path}.${k}`, out);
  return out;
}

/** The first argument of each vscode.l10n.t call: a single-quoted literal (the only form used). */
function l10nCalls(src: string): { literals: string[]; other: number } {
  const literals: string[] = [];
  let other = 0;
  for (const m of src.matchAll(/\bl10n\.t\(\s*(?:'((?:[^'\\]|\\.)*)'|([^\s]))/g)) {
    if (m[1] !== undefined) literals.push(JSON.parse(`"${m[1].replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string);
    else other++;
  }
  return { literals, other };
}

describe('localisation', function () {
  const pkg = json('package.json');
  const nls = json('package.nls.json') as Record<string, string>;
  const bundle = json('l10n/bundle.l10n.json') as Record<string, string>;

  it('package.json points at the l10n folder', function () {
    assert.equal(pkg.l10n, './l10n');
  });

  it('every %key% in package.json has its English text in package.nls.json, and none is unused', function () {
    const used = new Set<string>();
    for (const [path, s] of strings(pkg, '$')) {
      const m = /^%([^%]+)%$/.exec(s);
      if (!m) continue;
      used.add(m[1]);
      assert.ok(typeof nls[m[1]] === 'string' && nls[m[1]].trim() !== '', `${path}: %${m[1]}% is missing from package.nls.json`);
    }
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'keys in package.nls.json that package.json does not use');
  });

  it('user-facing manifest strings are all %keys%', function () {
    const c = pkg.contributes as Record<string, unknown>;
    const literal = strings(c, 'contributes').filter(
      ([path, s]) => /\.(title|description|markdownDescription|name|contextualTitle|enumDescriptions\[\d+\])$/.test(path) && !/^%[^%]+%$/.test(s),
    );
    assert.deepEqual(literal, []);
    for (const k of ['displayName', 'description']) assert.match(String(pkg[k]), /^%[^%]+%$/);
  });

  it('every vscode.l10n.t string in src/extension is in the English bundle, and the bundle has no stale entry', function () {
    const used = new Set<string>();
    for (const f of sources('src/extension')) {
      const { literals, other } = l10nCalls(read(f));
      assert.equal(other, 0, `${f}: l10n.t with a non-literal message cannot be extracted`);
      literals.forEach((s) => used.add(s));
    }
    const missing = [...used].filter((s) => bundle[s] === undefined);
    assert.deepEqual(missing, [], `add to l10n/bundle.l10n.json: ${JSON.stringify(Object.fromEntries(missing.map((s) => [s, s])), null, 2)}`);
    assert.deepEqual(Object.keys(bundle).filter((k) => !used.has(k)), [], 'bundle entries no code uses');
    for (const [k, v] of Object.entries(bundle)) assert.equal(v, k, 'the English bundle maps each string to itself');
  });

  it('messages shown to the user go through vscode.l10n.t', function () {
    for (const f of sources('src/extension')) {
      const src = read(f);
      for (const m of src.matchAll(/\bshow(?:Information|Warning|Error)Message\(\s*([^\s,)]+)/g)) {
        assert.ok(!/^['"`]/.test(m[1]), `${f}: ${m[0]}… (a literal message is not translated)`);
      }
    }
  });
});

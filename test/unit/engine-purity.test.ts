// The engine runs in the extension host, the CLI and the webviews alike: a static scan keeps it
// free of editor, Node and browser APIs.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../..');
const ENGINE = join(ROOT, 'src/engine');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Code without comments, and with every string literal emptied (template interpolations stay
 * code). Enough of a tokenizer for a scan; regular-expression literals are treated as code.
 */
function stripCommentsAndStrings(src: string): string {
  let code = '';
  let i = 0;
  // Brace depth of each template interpolation we are inside.
  const templates: number[] = [];
  const scanString = (quote: string): void => {
    // i is just past the opening quote (or the "}" closing an interpolation).
    while (i < src.length && src[i] !== quote) {
      if (src[i] === '\\') i += 2;
      else if (quote === '`' && src[i] === '$' && src[i + 1] === '{') {
        templates.push(0);
        code += '${';
        i += 2;
        return;
      } else i++;
    }
    code += quote;
    i++;
  };
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      code += c;
      i++;
      scanString(c);
    } else if (templates.length && c === '{') {
      templates[templates.length - 1]++;
      code += c;
      i++;
    } else if (templates.length && c === '}') {
      i++;
      if (templates[templates.length - 1] === 0) {
        templates.pop();
        code += '}';
        scanString('`');
      } else {
        templates[templates.length - 1]--;
        code += c;
      }
    } else {
      code += c;
      i++;
    }
  }
  return code;
}

const FORBIDDEN_MODULE = /^(vscode|node:.*|fs|fs\/promises|path|child_process|os)$/;

/** Module specifiers of import/export-from/require/dynamic import statements. */
function imports(src: string): string[] {
  const out: string[] = [];
  const re = /(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+\s+from\s+)?|\bexport\s+(?:type\s+)?[\w*{}\s,]+\s+from\s+|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) out.push(m[1]);
  return out;
}

describe('engine purity (static scan of src/engine)', () => {
  const files = sources(ENGINE);

  it('finds the engine sources', () => {
    assert.ok(files.length >= 10, `${files.length} files`);
    assert.ok(files.some((f) => f.endsWith('analyze.ts')));
  });

  for (const file of files) {
    const name = relative(ROOT, file);
    it(`${name} imports nothing from vscode, node:*, fs or path and uses no document/window`, () => {
      const src = readFileSync(file, 'utf8');
      for (const spec of imports(src)) {
        assert.ok(!FORBIDDEN_MODULE.test(spec), `${name} imports "${spec}"`);
      }
      const code = stripCommentsAndStrings(src);
      const globals = /(?<![.\w$])(document|window|navigator|localStorage|process|require|__dirname|__filename)(?![\w$])/g;
      const hits = [...code.matchAll(globals)].map((m) => m[1]);
      assert.deepEqual(hits, [], `${name} uses ${hits.join(', ')}`);
    });
  }

  it('the scan itself catches what it should', () => {
    const bad = "import * as vscode from 'vscode';\nimport { readFileSync } from 'node:fs';\nimport path = require('path');\nconst x = require('fs');\nexport { y } from 'os';\nconst d = window.document;\n";
    assert.deepEqual(imports(bad).filter((s) => FORBIDDEN_MODULE.test(s)), ['vscode', 'node:fs', 'path', 'fs', 'os']);
    const code = stripCommentsAndStrings("// document\nconst s = 'window'; /* window */ const t = `a ${{ k: document.title }.k} window ${`x${process.env}`}`; const u = 'it\\'s window';\n");
    assert.ok(!/window/.test(code), code);
    assert.ok(/document\.title/.test(code) && /process\.env/.test(code), code);
  });
});

// The manifest against the code (in the spirit of vscode-pull-request-github's check-commands):
// every contributed command is registered and every registered or referenced one is contributed;
// menus, views and the panel's activation name ids the code uses; and each setting's default in
// package.json is the default the code falls back to (settings.ts, else the engine's constant).
// The extension code imports `vscode`, so it is read as text here.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_THRESHOLDS } from '../../src/engine/analyze';
import { DEFAULT_ACCELERATOR, DEFAULT_GRID_GCO2_PER_KWH, DEFAULT_PUE } from '../../src/engine/hardware';
import { DEFAULT_LAW } from '../../src/engine/laws';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_KB } from '../../src/read/files';
import { ROOT } from '../helpers';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string }>;
    menus: Record<string, Array<{ command: string }>>;
    views: Record<string, Array<{ id: string }>>;
    configuration: Array<{ properties: Record<string, { default?: unknown }> }>;
    walkthroughs?: Array<{ steps: Array<{ description?: string }> }>;
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const PREFIX = 'scalingPlanner.';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const extensionText = sources(join(ROOT, 'src/extension')).map((f) => readFileSync(f, 'utf8')).join('\n');
const ids = (re: RegExp, text: string): string[] => [...text.matchAll(re)].map((m) => m[1]);
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

describe('manifest: commands', () => {
  const contributed = sorted(manifest.contributes.commands.map((c) => c.command));
  const registered = sorted(ids(/registerCommand\(\s*'([\w.]+)'/g, extensionText));

  it('every contributed command is registered, and every registered one is contributed', () => {
    assert.ok(registered.length > 0, 'no registerCommand calls found');
    assert.deepEqual(contributed, registered);
  });

  it('commands the code runs or links to (CodeLens, status item, hover, executeCommand) are ours and registered', () => {
    const used = sorted([
      ...ids(/command:\s*'(scalingPlanner\.[\w]+)'/g, extensionText),
      ...ids(/executeCommand\(\s*'(scalingPlanner\.[\w]+)'/g, extensionText),
      ...ids(/command:(scalingPlanner\.[\w]+)/g, extensionText),
      ...ids(/enabledCommands:\s*\[\s*'(scalingPlanner\.[\w]+)'/g, extensionText),
    ]);
    assert.ok(used.includes('scalingPlanner.openPanel'), used.join(', '));
    for (const c of used) assert.ok(registered.includes(c), `${c} is used but not registered`);
  });

  it('menus and walkthrough links name contributed commands', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) for (const i of items) assert.ok(contributed.includes(i.command), `${menu}: ${i.command}`);
    const steps = (manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps.map((s) => s.description ?? ''));
    for (const c of ids(/command:(scalingPlanner\.\w+)/g, steps.join('\n'))) assert.ok(contributed.includes(c), `walkthrough: ${c}`);
  });
});

describe('manifest: views and the panel', () => {
  it('the sidebar view id and the panel view type are the ones the hosts register', () => {
    const viewIds = Object.values(manifest.contributes.views).flatMap((v) => v.map((x) => x.id));
    const sidebarId = /export const SIDEBAR_VIEW_ID = '([\w.]+)'/.exec(extensionText)?.[1];
    const panelType = /export const PANEL_VIEW_TYPE = '([\w.]+)'/.exec(extensionText)?.[1];
    assert.ok(sidebarId && viewIds.includes(sidebarId), `${sidebarId} not in ${viewIds.join(', ')}`);
    assert.ok(panelType && manifest.activationEvents.includes(`onWebviewPanel:${panelType}`), `onWebviewPanel:${panelType} is not an activation event`);
  });
});

describe('manifest: setting defaults equal the code defaults', () => {
  const settingsTs = readFileSync(join(ROOT, 'src/extension/settings.ts'), 'utf8');
  const properties = Object.assign({}, ...manifest.contributes.configuration.map((c) => c.properties)) as Record<string, { default?: unknown }>;

  /** Settings read without a fallback in settings.ts: the engine's constant applies. */
  const ENGINE_DEFAULTS: Record<string, unknown> = {
    'hardware.accelerator': DEFAULT_ACCELERATOR,
    // Unset: the MFU is predicted (src/engine/throughput.ts) unless the user sets one.
    'hardware.mfu': null,
    'hardware.pue': DEFAULT_PUE,
    'hardware.gridGco2PerKwh': DEFAULT_GRID_GCO2_PER_KWH,
    ...Object.fromEntries(Object.entries(DEFAULT_THRESHOLDS).map(([k, v]) => [`thresholds.${k}`, v])),
    // Shared with the CLI (src/read/files.ts).
    maxFileSizeKb: DEFAULT_MAX_FILE_KB,
  };
  /** Maps and lists the code reads with record() or customAccelerators(): empty when unset. */
  const EMPTY: Record<string, unknown> = { rules: {}, facts: {}, 'hardware.prices': {}, 'hardware.customAccelerators': [] };

  /** Constants settings.ts falls back to by name (shared with the CLI in src/read/files.ts). */
  const SHARED_CONSTANTS: Record<string, unknown> = { DEFAULT_INCLUDE, DEFAULT_EXCLUDE };

  const literal = (src: string): unknown => JSON.parse(src.replace(/'/g, '"'));

  /** The fallback settings.ts gives a key, read from the expression around `c.get('key'…)`. */
  function codeDefault(key: string): { found: boolean; value?: unknown } {
    const k = key.replace(/\./g, '\\.');
    const patterns: Array<[RegExp, (m: RegExpExecArray) => unknown]> = [
      [new RegExp(`bool\\(c\\.get\\('${k}'\\), (true|false)\\)`), (m) => m[1] === 'true'],
      [new RegExp(`num\\(c\\.get\\('${k}'\\)\\) (?:\\?\\?|\\|\\|) ([\\d.]+)`), (m) => Number(m[1])],
      [new RegExp(`str\\(c\\.get\\('${k}'\\)\\) \\?\\? '([^']*)'`), (m) => m[1]],
      [new RegExp(`strList\\(c\\.get\\('${k}'\\), (\\[[^\\]]*\\])\\)`), (m) => literal(m[1])],
      [new RegExp(`strList\\(c\\.get\\('${k}'\\), (\\w+)\\)`), (m) => SHARED_CONSTANTS[m[1]]],
      [new RegExp(`c\\.get<unknown>\\('${k}'\\) === '\\w+' \\? '\\w+' : '(\\w+)'`), (m) => m[1]],
      [new RegExp(`c\\.get<unknown>\\('${k}', ('[^']*'|null)\\)`), (m) => literal(m[1])],
    ];
    for (const [re, value] of patterns) {
      const m = re.exec(settingsTs);
      if (m) return { found: true, value: value(m) };
    }
    return { found: false };
  }

  for (const [name, prop] of Object.entries(properties)) {
    const key = name.slice(PREFIX.length);
    it(`${name} = ${JSON.stringify(prop.default)}`, () => {
      assert.ok(name.startsWith(PREFIX), name);
      assert.ok(settingsTs.includes(`'${key}'`), `settings.ts does not read ${key}`);
      const own = codeDefault(key);
      const expected = own.found ? own.value : key in ENGINE_DEFAULTS ? ENGINE_DEFAULTS[key] : EMPTY[key];
      assert.ok(own.found || key in ENGINE_DEFAULTS || key in EMPTY, `no code default found for ${key}`);
      assert.deepEqual(prop.default, expected);
    });
  }

  it('the law default is the engine default law', () => {
    assert.equal(codeDefault('law').value, DEFAULT_LAW);
  });

  it('every setting settings.ts reads is contributed', () => {
    const read = sorted(ids(/c\.get(?:<\w+>)?\('([\w.]+)'/g, settingsTs));
    for (const k of read) assert.ok(`${PREFIX}${k}` in properties, `settings.ts reads ${k}, which package.json does not contribute`);
  });
});

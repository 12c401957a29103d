// Lint: the folder boundaries (what each layer may import and which globals it may touch), plus a
// few rules that catch real mistakes. Run by `npm test` (scripts/test-all.mjs, suite "lint").
//   src/engine    pure model: no vscode, no Node, no DOM, nothing from the other layers
//   src/read      readers (text -> canonical run + source map): no vscode, nothing from the document
//                 pipeline, the extension, the CLI or the webviews
//   src/document  the document pipeline (located findings, display policy, fix edits, hover text):
//                 no vscode, no extension, CLI or webview code
//   src/shared    the webview protocol: engine types, and the readers' pure quantity parser and
//                 teacher size only
//   src/cli       the command line: no vscode
//   webview/      the webview apps: only src/shared, src/engine, webview/ and their npm UI libraries
// src/extension, src/cli, src/shared and webview/ reach the engine only through src/engine/index.ts.
// docs/architecture.md explains the layers.
import tseslint from 'typescript-eslint';

const NODE = { regex: '^(node:|(fs|path|os|child_process|crypto|util|url|buffer|process|stream|events|worker_threads|http|https|net)(/|$))', message: 'No Node built-ins in this layer.' };
const VSCODE = { name: 'vscode', message: 'Only src/extension talks to VS Code.' };
const layer = (...names) => ({ regex: `(^|/)(src/)?(${names.join('|')})(/|$)`, message: `This layer may not import from ${names.join(', ')} (see docs/architecture.md).` });

/** Globals only a browser or Node has: the engine and the readers run in both. */
const HOST_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'process', 'require', 'module', '__dirname', '__filename', 'Buffer', 'global'].map((name) => ({
  name,
  message: 'This layer runs in the extension host, the CLI and the webviews alike: no browser or Node globals.',
}));

const restrict = (patterns, paths = []) => ['error', { paths, patterns }];

/** Outside the engine and the readers, the engine is imported through its face, src/engine/index.ts. */
const ENGINE_FACE = { regex: '(^|/)engine/(?!index$).+', message: 'Import the engine through its face (src/engine, i.e. src/engine/index.ts); add the name there if it is missing.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', 'media/**'] },
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-debugger': 'error',
      'no-dupe-keys': 'error',
      'no-duplicate-case': 'error',
      'no-self-assign': 'error',
      'no-unsafe-finally': 'error',
      'no-unreachable': 'error',
      'use-isnan': 'error',
      'valid-typeof': 'error',
      '@typescript-eslint/no-duplicate-enum-values': 'error',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([NODE, layer('read', 'document', 'extension', 'cli', 'shared', 'webview')], [VSCODE]),
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
    },
  },
  {
    files: ['src/read/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([NODE, layer('document', 'extension', 'cli', 'shared', 'webview')], [VSCODE]),
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
    },
  },
  {
    files: ['src/document/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([NODE, layer('extension', 'cli', 'shared', 'webview')], [VSCODE]),
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [NODE, ENGINE_FACE, layer('extension', 'cli', 'webview'), layer('document'), { regex: '(^|/)read/(?!(quantity|teacherSize)$)', message: 'src/shared may use only the readers\' pure quantity parser and teacher size.' }],
        [VSCODE],
      ),
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([ENGINE_FACE]) },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([ENGINE_FACE, layer('extension', 'webview')], [VSCODE]) },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [NODE, ENGINE_FACE, { regex: '(^|/)(src/(?!shared/|engine(/|$))|scripts/|test/)', message: 'A webview imports only src/shared, the engine\'s face (src/engine) and webview/ modules.' }],
        [VSCODE],
      ),
      'no-restricted-globals': ['error', ...['process', 'require', 'module', '__dirname', '__filename', 'Buffer', 'global'].map((name) => ({ name, message: 'A webview runs in a browser: no Node globals.' }))],
    },
  },
);

// dist/cli.js: turn on V8's compile cache where Node has it (22.1+; silently nothing on Node 20),
// then load the CLI bundle, so later starts skip compiling it.

import * as nodeModule from 'node:module';

try {
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // no cache directory: start without one
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('./cli-main.js') as { cliMain(): void }).cliMain();

// Which files are training configs, for the editor (src/extension) and the CLI (src/cli) alike:
// the defaults of package.json `scalingPlanner.files.include/exclude` and `maxFileSizeKb` (unit
// tests keep them equal to the manifest and to the editor's fallbacks) and the lockfile test.

export const DEFAULT_INCLUDE = ['**/*.{yaml,yml}', '**/config.json'];
export const DEFAULT_EXCLUDE = [
  '**/node_modules/**',
  '**/{package-lock.json,npm-shrinkwrap.json,pnpm-lock.yaml,*-lock.{yaml,yml,json},*.lock.{yaml,yml,json}}',
  '**/.github/**',
  '**/docker-compose*.{yaml,yml}',
];
export const DEFAULT_MAX_FILE_KB = 1024;

/** Package-manager lockfiles (`pnpm-lock.yaml`, `conda-lock.yml`, `x.lock.json`), never a config; `clock.yaml` is not one. */
export const LOCKFILE = /(^|[\\/])(package-lock\.json|npm-shrinkwrap\.json|[^\\/]*[.-]lock\.(ya?ml|json)|[^\\/]*\.lock)$/i;

// The package version and where the findings documentation lives, inlined by scripts/build.mjs
// (esbuild `define`); read from package.json when running unbundled (tests).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

declare const __SP_VERSION__: string | undefined;
declare const __SP_REPOSITORY__: string | undefined;

interface PackageInfo {
  version: string;
  repository: string;
}

let cached: PackageInfo | undefined;

function fromPackageJson(): PackageInfo {
  for (const up of ['../..', '../../..']) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as { name?: string; version: string; repository?: { url?: string } };
      if (pkg.name === 'scaling-planner') return { version: pkg.version, repository: pkg.repository?.url ?? '' };
    } catch {
      // try the next folder up
    }
  }
  return { version: '0.0.0', repository: '' };
}

function info(): PackageInfo {
  if (!cached) {
    cached =
      typeof __SP_VERSION__ === 'string' && typeof __SP_REPOSITORY__ === 'string'
        ? { version: __SP_VERSION__, repository: __SP_REPOSITORY__ }
        : fromPackageJson();
  }
  return cached;
}

export const packageVersion = (): string => info().version;

/** docs/findings.md in the repository, for links to each finding's section (`#code`). */
export function findingsDocUrl(): string {
  const repo = info().repository.replace(/^git\+/, '').replace(/\.git$/, '');
  return `${repo || 'https://example.invalid/scaling-planner'}/blob/main/docs/findings.md`;
}

// SARIF 2.1.0 for code scanning (GitHub and others): one run, the tool with a rule per finding
// code, results with the region of the YAML value each finding is about and its quick fix.

import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { Severity } from '../../engine';
import type { CheckedFile, FindingRow } from '../findings';
import { RULE_DESCRIPTIONS, ruleDescription, ruleHelpUri } from '../rules';
import { findingsDocUrl, packageVersion } from '../version';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function artifactUri(file: string): string {
  if (file === '-') return 'stdin';
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return encodeURI(file.replace(/\\/g, '/').replace(/^\.\//, ''));
}

export function toSarif(files: CheckedFile[]): object {
  const codes = [...new Set([...Object.keys(RULE_DESCRIPTIONS), ...files.flatMap((f) => f.findings.map((x) => x.code))])];
  const index = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((id) => ({ id, name: id, shortDescription: { text: ruleDescription(id) }, helpUri: ruleHelpUri(id) }));
  const results = files.flatMap((f) =>
    f.findings.map((x) => {
      const region: Record<string, number> = { startLine: x.line, startColumn: x.column };
      if (x.endLine > x.line || x.endColumn > x.column) Object.assign(region, { endLine: x.endLine, endColumn: x.endColumn });
      const uri = artifactUri(f.file);
      return {
        ruleId: x.code,
        ruleIndex: index.get(x.code)!,
        level: LEVEL[x.severity],
        message: { text: x.message },
        locations: [{ physicalLocation: { artifactLocation: relativeRoot(uri), region } }],
        ...(x.edits.length ? { fixes: [sarifFix(x, relativeRoot(uri))] } : {}),
        ...(x.field ? { properties: { field: x.field, severity: x.severity } } : { properties: { severity: x.severity } }),
      };
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'scaling-planner', version: packageVersion(), informationUri: findingsDocUrl(), rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** A finding's quick fix as a SARIF fix: its title and the replacements in the file. */
function sarifFix(x: FindingRow, artifactLocation: { uri: string; uriBaseId?: string }): object {
  return {
    description: { text: x.fix?.title ?? `Rename to ${x.rename}` },
    artifactChanges: [
      {
        artifactLocation,
        replacements: x.edits.map((e) => ({
          deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn },
          insertedContent: { text: e.text },
        })),
      },
    ],
  };
}

/** Relative paths are relative to the folder `check` ran in, the repository root in CI. */
const relativeRoot = (uri: string): { uri: string; uriBaseId?: string } => (/^[a-z]+:/i.test(uri) ? { uri } : { uri, uriBaseId: '%SRCROOT%' });

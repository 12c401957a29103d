// Refits the MFU prior to the published runs and rewrites src/engine/mfuPrior.ts and the table in
// docs/calibration.md, so both stay true. Run: npx tsc -p tsconfig.test.json && node out/scripts/calibration.js
// (add --check to only print).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrate, type CalibrationResult } from '../src/engine/calibration';
import { fmtCount } from '../src/engine/format';
import { analysedRuns } from './calibration-data';

const ROOT = join(__dirname, '../..');
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

function table(res: CalibrationResult, runs: ReturnType<typeof analysedRuns>): string {
  const lines = [
    '| run | accelerator | class | published device-hours | predicted (in-sample) | error | held-out prediction | held-out error | P10–P90 (held-out) | inside |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  res.rows.forEach((r, i) => {
    const h = runs[i].report.hardware;
    lines.push(`| ${r.id} | ${h.count ? `${h.count} × ` : ''}${h.accelerator} | ${r.priorClass} | ${fmtCount(r.published)} | ${fmtCount(r.inSample)} | ${pct(r.inSampleError)} | ${fmtCount(r.heldOut)} | ${pct(r.heldOutError)} | ${fmtCount(r.range[0])}–${fmtCount(r.range[1])} | ${r.covered ? 'yes' : 'no'} |`);
  });
  lines.push('');
  lines.push(`Held-out median absolute error **${(res.heldOutMedianAbsError * 100).toFixed(1)}%** (in-sample ${(res.inSampleMedianAbsError * 100).toFixed(1)}%); worst held-out error **${pct(res.worstHeldOutError)}**; the held-out P10–P90 range covers **${(res.coverage * 100).toFixed(0)}%** of runs (${res.rows.filter((r) => r.covered).length} of ${res.rows.length}).`);
  lines.push('');
  lines.push('| class | runs | fitted utilisation of all FLOPs |');
  lines.push('|---|---|---|');
  for (const c of ['ampere', 'hopper', 'tpu', 'pooled'] as const) lines.push(`| ${c} | ${res.runs[c]} | ${(Math.exp(res.logUtilisation[c]) * 100).toFixed(1)}% |`);
  lines.push('');
  lines.push(`Range multipliers (P10, P90 of published / held-out prediction): ×${res.p10.toFixed(3)}, ×${res.p90.toFixed(3)}.`);
  return lines.join('\n');
}

function priorSource(res: CalibrationResult): string {
  const r = (x: number): string => x.toFixed(6);
  const cls = (['ampere', 'hopper', 'tpu', 'pooled'] as const).map((c) => `${c}: ${r(res.logUtilisation[c])}`).join(', ');
  const runs = (['ampere', 'hopper', 'tpu', 'pooled'] as const).map((c) => `${c}: ${res.runs[c]}`).join(', ');
  const src = readFileSync(join(ROOT, 'src/engine/mfuPrior.ts'), 'utf8');
  const body = `export const MFU_PRIOR: MfuPrior = {\n  logUtilisation: { ${cls} },\n  runs: { ${runs} },\n  heldOutP10: ${r(res.p10)},\n  heldOutP90: ${r(res.p90)},\n  fitted: '${res.rows.length} published runs (test/fixtures/published-runs/index.json)',\n};\n`;
  return src.slice(0, src.indexOf('export const MFU_PRIOR')) + body;
}

const runs = analysedRuns();
const res = calibrate(runs.map((r) => r.sample));
const md = table(res, runs);
console.log(md);
if (!process.argv.includes('--check')) {
  writeFileSync(join(ROOT, 'src/engine/mfuPrior.ts'), priorSource(res));
  const docPath = join(ROOT, 'docs/calibration.md');
  const doc = readFileSync(docPath, 'utf8');
  const a = doc.indexOf('<!-- calibration-table -->');
  const b = doc.indexOf('<!-- /calibration-table -->');
  if (a >= 0 && b > a) writeFileSync(docPath, `${doc.slice(0, a)}<!-- calibration-table -->\n${md}\n${doc.slice(b)}`);
}

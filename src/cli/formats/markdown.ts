// Markdown for a pull-request comment: per file, a table of headline figures and one of findings.

import { fmtCount, fmtDays, fmtFlops, fmtUsd, type Report } from '../../engine';
import { tally, type CheckedFile } from '../findings';
import { ruleHelpUri } from '../rules';

/** Table-cell text: no pipes, backticks, angle brackets or line breaks that would break the table. */
export const cell = (s: string): string => s.replace(/\r?\n|\r/g, ' ').replace(/([\\|`*_<>[\]])/g, '\\$1');

const or = (x: number | null, f: (v: number) => string): string => (x === null ? '—' : f(x));

function figures(r: Report): string[] {
  const time = r.cost.wallClockDays !== null && r.hardware.accelerator ? `${fmtDays(r.cost.wallClockDays)} on ${r.hardware.count}×${r.hardware.accelerator}` : or(r.cost.gpuHours, (h) => `${fmtCount(h)} GPU-h`);
  // Without activations, the model states alone are a lower bound (and may already decide the fit).
  const states = r.memory.statesGb ?? null;
  const used = r.memory.perDeviceGb !== null ? r.memory.perDeviceGb.toFixed(1) : states !== null ? `≥ ${states.toFixed(1)}` : '—';
  const verdict = r.memory.fits === null ? '' : r.memory.fits ? ' fits' : ' does not fit';
  const memory = used === '—' && !verdict ? '—' : `${used}${r.memory.capacityGb !== null ? ` of ${r.memory.capacityGb.toFixed(0)}` : ''} GiB${verdict}`;
  return [or(r.model.paramsTotal, fmtCount), or(r.data.tokens, fmtCount), or(r.compute.flops, fmtFlops), or(r.scaling.loss, (l) => l.toFixed(3)), time, or(r.cost.usd, fmtUsd), memory];
}

const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;

function fileSection(f: CheckedFile): string[] {
  const out = [`### \`${f.file.replace(/`/g, "'")}\`${f.dialect ? ` (${f.dialect})` : ''}`, ''];
  if (f.kind === 'off') return [...out, 'Turned off by a `# scaling-planner: off` comment.', ''];
  if (f.report) {
    out.push(row(['Parameters', 'Tokens', 'FLOPs', 'Loss', 'Time', 'Cost', 'Memory']), row(Array(7).fill('---')), row(figures(f.report).map(cell)), '');
  }
  if (!f.findings.length) return [...out, 'No findings.', ''];
  out.push(row(['Line', 'Severity', 'Code', 'Message']), row(Array(4).fill('---')));
  for (const x of f.findings) out.push(row([`${x.line}:${x.column}`, x.severity, `[${x.code}](${ruleHelpUri(x.code)})`, cell(x.message)]));
  return [...out, ''];
}

export function toMarkdown(files: CheckedFile[]): string {
  const t = tally(files);
  const head = `## Scaling Planner: ${files.length} config${files.length === 1 ? '' : 's'}, ${t.error} error${t.error === 1 ? '' : 's'}, ${t.warning} warning${t.warning === 1 ? '' : 's'}, ${t.information + t.hint} note${t.information + t.hint === 1 ? '' : 's'}`;
  return [head, '', ...files.flatMap(fileSection)].join('\n');
}

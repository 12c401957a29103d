// One display policy: the webviews list the findings the Problems panel shows (the document
// layer's list with rules, suppression comments and downgrades applied), and a what-if run the
// webview recomputes is shown under the same decisions.

import { strict as assert } from 'node:assert';
import { analyzeText, type DocumentAnalysis } from '../../src/document/analyzeDocument';
import { shownFindings } from '../../src/document/display';
import { analyze } from '../../src/engine/analyze';
import { withValues } from '../../src/engine/whatIf';
import { documentFindings } from '../../src/extension/webviews/findings';
import { applyPolicy, whatIfFindings } from '../../src/shared/findings';
import { ROOT } from '../helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// 20B parameters on 100B tokens: under-trained (Chinchilla's ~20 tokens per parameter) and over-sized.
const UNDER_TRAINED = readFileSync(join(ROOT, 'test/fixture-ws/under-trained.plan.yaml'), 'utf8');
const codes = (xs: Array<{ code: string }>): string[] => xs.map((x) => x.code);

function analysed(text: string, rules: Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint'> = {}): { a: DocumentAnalysis; rules: typeof rules } {
  const suppress = Object.entries(rules).filter(([, v]) => v === 'off').map(([k]) => k);
  return { a: analyzeText(text, 'x.plan.yaml', { suppress }), rules };
}

describe('webview findings: the document layer decides', () => {
  it('without comments or rules, the panel lists what the Problems panel lists, in its order and severities', () => {
    const { a, rules } = analysed(UNDER_TRAINED);
    const { findings } = documentFindings(a, rules);
    const problems = shownFindings(a.located, rules);
    assert.deepEqual(codes(findings), codes(problems));
    assert.deepEqual(findings.map((f) => f.severity), problems.map((p) => p.shownSeverity));
    assert.ok(codes(findings).includes('under-trained') && codes(findings).includes('over-sized'), codes(findings).join(', '));
  });

  it('a file-wide and a line comment hide their findings from the list and from every what-if run', () => {
    const text = `# scaling-planner-disable under-trained\n${UNDER_TRAINED.replace(/^(\s*params: 20B)$/m, '$1 # scaling-planner-disable-line over-sized')}`;
    const { a, rules } = analysed(text);
    const { findings, policy } = documentFindings(a, rules);
    assert.ok(!codes(findings).includes('under-trained') && !codes(findings).includes('over-sized'), codes(findings).join(', '));
    // The engine itself still finds both on the file's run, and on a what-if run on 64 devices.
    const whatIf = analyze(withValues(a.read!.run, [{ field: 'hardware.count', value: 64 }]));
    assert.ok(codes(whatIf.findings).includes('under-trained') && codes(whatIf.findings).includes('over-sized'), codes(whatIf.findings).join(', '));
    const shown = codes(whatIfFindings(findings, whatIf.findings, policy));
    assert.ok(!shown.includes('under-trained') && !shown.includes('over-sized'), shown.join(', '));
  });

  it('the rules setting: "off" hides, a level re-grades, in the list and in a what-if run', () => {
    const { a, rules } = analysed(UNDER_TRAINED, { 'under-trained': 'off', 'over-sized': 'error' });
    const { findings, policy } = documentFindings(a, rules);
    assert.ok(!codes(findings).includes('under-trained'));
    assert.equal(findings.find((f) => f.code === 'over-sized')?.severity, 'error');
    const whatIf = analyze(withValues(a.read!.run, [{ field: 'hardware.count', value: 64 }]));
    const shown = applyPolicy(whatIf.findings, policy);
    assert.ok(!codes(shown).includes('under-trained'));
    assert.equal(shown.find((f) => f.code === 'over-sized')?.severity, 'error');
  });

  it('a downgrade of one finding by the document layer holds for that finding in a what-if run', () => {
    const { a } = analysed(UNDER_TRAINED);
    const f = a.report!.findings.find((x) => x.code === 'under-trained')!;
    const downgraded: DocumentAnalysis = { ...a, located: a.located.map((l) => (l.finding === f ? { ...l, severity: 'information' } : l)) };
    const { findings, policy } = documentFindings(downgraded, {});
    assert.equal(findings.find((x) => x.code === 'under-trained')?.severity, 'information');
    const whatIf = analyze(withValues(a.read!.run, [{ field: 'hardware.count', value: 64 }]));
    assert.equal(whatIf.findings.find((x) => x.code === 'under-trained')?.severity, 'warning');
    assert.equal(applyPolicy(whatIf.findings, policy).find((x) => x.code === 'under-trained')?.severity, 'information');
  });

  it("keeps the reader's findings in a what-if run (the file's text is unchanged)", () => {
    const file = [
      { code: 'unresolved', severity: 'warning' as const, message: 'x', field: 'model.params', fromEngine: false },
      { code: 'under-trained', severity: 'warning' as const, message: 'y', field: 'data.tokens', fromEngine: true },
    ];
    assert.deepEqual(codes(whatIfFindings(file, [], { hidden: [], severity: {} })), ['unresolved']);
    assert.deepEqual(codes(whatIfFindings(file, null, { hidden: [], severity: {} })), ['unresolved', 'under-trained']);
    assert.deepEqual(whatIfFindings(file, [], { hidden: ['*'], severity: {} }).length, 1);
  });
});

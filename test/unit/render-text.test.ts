// The text report's figures as a reader takes them in: no degenerate price range, an assumed MFU as a
// percentage, large PF-day counts with thousands separators, whole interruptions, and the MoE law's
// fitted range in the same units as the point it is compared with.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import { renderText } from '../../src/engine/render';

const EXAMPLES = join(__dirname, '../../../examples');
const report = (file: string): string => {
  const a = analyzeText(readFileSync(join(EXAMPLES, file), 'utf8'), file);
  assert.ok(a.report, file);
  return renderText(a.report, a.dialect);
};

describe('text report wording', () => {
  const deepseek = report('deepseek-v3.plan.yaml');

  it('a device with one catalog price shows no range of equal ends', () => {
    // The H800 has a single catalog price (no low and high of its own).
    assert.doesNotMatch(deepseek, /range (\$[\d.]+[kMB]?)–\1\b/);
    assert.match(deepseek, /Cost +\$[\d.]+M at \$2\/h \(prices of \d{4}-\d\d\)/);
    // A device with a spread of prices keeps it.
    assert.match(report('llama-7b.plan.yaml'), /Cost +\$[\d.]+k at \$[\d.]+\/h \(range \$[\d.]+k–\$[\d.]+k, prices of /);
  });

  it('an assumed MFU reads as a percentage, not a 16-digit fraction', () => {
    assert.match(deepseek, /hardware\.mfu = \d+(\.\d)?% \(derived;/);
    assert.doesNotMatch(deepseek, /hardware\.mfu = 0\.\d{5,}/);
  });

  it('PF-days above a thousand are grouped, interruptions are whole', () => {
    assert.match(deepseek, /PF-days +\d{1,3}(,\d{3})+\n/);
    assert.match(deepseek, /≈ \d+ interruptions/);
  });

  it('the MoE law\'s fitted range names trillions of tokens as T', () => {
    // DeepSeek-V3's 3.3e24 FLOPs put the dense optimum above a trillion tokens.
    assert.match(deepseek, /\d(\.\d+)?T tokens is outside the fitted 500M–80B/);
    assert.doesNotMatch(deepseek, /\d{4}B tokens/);
  });
});

// "The report says where each fact came from": facts the file does not state (model and tokenizer
// tables, # scaling-planner: comments, settings, framework defaults) reach the JSON, text and
// Markdown reports, not only the hover.

import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { run } from '../../../src/cli/main';
import { renderMarkdown, renderText } from '../../../src/engine/render';
import { analyse, analyseFixture, FIXTURES } from './helpers';

const cli = (dialect: string, name: string, ...flags: string[]) => run(['analyze', join(FIXTURES, 'dialects', dialect, name), ...flags]);

describe('report provenance: where each fact came from', () => {
  it('--json carries a sources object: model table, tokenizer table, comment', () => {
    const tt = JSON.parse(cli('torchtune', '8B_lora.yaml', '--json').stdout);
    assert.equal(tt.sources['model.layers'].origin, 'lookup');
    assert.match(tt.sources['model.layers'].note, /Llama-3-8B, from the built-in model table/);
    const neox = JSON.parse(cli('gpt-neox', 'pythia-1.4b.yml', '--json').stdout);
    assert.equal(neox.sources['model.vocab_size'].origin, 'tokenizer');
    assert.match(neox.sources['model.vocab_size'].note, /GPT-NeoX-20B BPE tokenizer, 50,277 tokens/);
    assert.deepEqual(neox.sources['hardware.count'], { origin: 'comment', note: 'from a # scaling-planner: comment (64)' });
    // Values written in the file, or computed from them, are not listed.
    assert.equal(neox.sources['model.layers'], undefined);
    assert.equal(neox.sources['data.tokens'], undefined);
  });

  it('framework defaults and settings are listed too', () => {
    const olmo = analyseFixture('olmo', 'OLMo-7B.yaml');
    assert.equal(olmo.report!.sources['training.zero_stage']?.origin, 'default');
    const hf = analyseFixture('hf-config', 'llama-2-7b/config.json', { facts: { 'data.tokens': '2T' } });
    assert.deepEqual(hf.report!.sources['data.tokens'], { origin: 'setting', note: 'from the scalingPlanner.facts setting (2T)' });
  });

  it('the text report lists them under "Where facts came from", after the assumptions', () => {
    const out = cli('gpt-neox', 'pythia-1.4b.yml').stdout;
    const at = out.indexOf('Where facts came from');
    assert.ok(at > out.indexOf('Assumptions'), out);
    assert.match(out.slice(at), /model\.vocab_size: tokenizer — GPT-NeoX-20B BPE tokenizer/);
    assert.match(out.slice(at), /hardware\.count: comment — from a # scaling-planner: comment \(64\)/);
  });

  it('the Markdown report lists assumptions and sources', () => {
    const a = analyse(`# scaling-planner: tokens=50M\n${analyseFixture('torchtune', '8B_lora.yaml').text}`, '8B_lora.yaml');
    const md = renderMarkdown(a.report!, a.dialect);
    assert.match(md, /\*\*Assumptions\*\*/);
    assert.match(md, /\*\*Where facts came from\*\*/);
    assert.match(md, /model\.layers: lookup — Llama-3-8B, from the built-in model table/);
    assert.match(md, /data\.tokens: comment — from a # scaling-planner: comment \(50M\)/);
    // A bare run description has no file, so nothing to list.
    assert.doesNotMatch(renderText({ ...a.report!, sources: {} }), /Where facts came from/);
  });
});

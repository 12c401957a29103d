// A short description of every finding code (SARIF rules, Markdown headings); the full text, with
// triggers, thresholds and fixes, is the code's section in docs/findings.md.

import { findingsDocUrl } from './version';

export const RULE_DESCRIPTIONS: Record<string, string> = {
  'under-trained': 'Fewer training tokens than the scaling law considers compute-optimal for the model size.',
  'over-trained': 'Many more training tokens than compute-optimal for the model size.',
  'over-sized': 'More parameters than compute-optimal for the compute spent.',
  'data-repeated': 'The unique data is repeated for more epochs than still helps.',
  'memory-exceeded': 'Weights, gradients, optimizer states and activations do not fit in device memory.',
  'over-budget': 'The run costs more than its dollar budget.',
  'misses-deadline': 'The run takes longer than its deadline on the stated devices.',
  'unknown-accelerator': 'The accelerator is not in the hardware catalog.',
  'unknown-model': 'The model size could not be determined from the config.',
  'missing-facts': 'A fact the estimate needs is not stated.',
  'invalid-value': 'A value is impossible or out of range.',
  'inference-heavy': 'Expected inference would make a smaller model trained longer cheaper over its lifetime.',
  'serving-capacity': 'The serving fleet cannot carry the stated workload or latency target.',
  'unknown-key': 'A key that is not part of the plan format.',
  'yaml-syntax': 'The file is not valid YAML.',
  unresolved: 'A value refers to something that could not be resolved.',
  'too-large': 'The file is above the size limit and was not analysed.',
  'too-complex': 'The file took too long to analyse and was not analysed.',
};

export const ruleDescription = (code: string): string => RULE_DESCRIPTIONS[code] ?? `Finding ${code}.`;

/** The help URI of a code: its section anchor in docs/findings.md. */
export const ruleHelpUri = (code: string): string => `${findingsDocUrl()}#${RULE_DESCRIPTIONS[code] ? code : 'findings'}`;

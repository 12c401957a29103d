// What every stage of analyze() shares: the validated run, the checked options, the thresholds, the
// law, and the findings and assumptions collected so far (in the order the stages add them).

import { checkOptions } from '../figureChecks';
import { DEFAULT_LAW, LAWS, type Law } from '../laws';
import { DEFAULT_THRESHOLDS, type Assumption, type EngineOptions, type Thresholds } from '../report';
import type { Finding, RunDescription } from '../types';
import { validateRun } from '../validate';

/** A finding as a stage writes it: `related` may be left out. */
export type NewFinding = Omit<Finding, 'related'> & { related?: Finding['related'] };

export interface StageContext {
  /** The validated run: read it, never write to it (it is the caller's own object when validation dropped nothing). */
  run: RunDescription;
  options: EngineOptions;
  th: Thresholds;
  law: Law;
  findings: Finding[];
  assumptions: Assumption[];
  add: (f: NewFinding) => void;
}

/** The law a run is placed on: a CLI override, then the file, then the setting, then the default. */
export function lawFor(run: RunDescription, o: EngineOptions): Law {
  return LAWS[o.overrides?.law ?? run.law ?? o.law ?? DEFAULT_LAW];
}

/** Validates the run and the options and starts the finding list with their problems. */
export function stageContext(input: RunDescription, rawOptions: EngineOptions): StageContext {
  const checked = checkOptions(rawOptions);
  const options = checked.options;
  const { run, findings } = validateRun(input);
  findings.push(...checked.findings);
  return {
    run,
    options,
    th: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
    law: lawFor(run, options),
    findings,
    assumptions: [],
    add: (f) => {
      findings.push({ related: [], ...f });
    },
  };
}

// Stage 7, lifecycle: the distillation, serving, post-training and lifetime sections the run
// declares (lifecycle.ts), then the check that no figure in the report is NaN or infinite.

import { checkFigures } from '../figureChecks';
import { withLifecycle, type ReportBeforeLifecycle } from '../lifecycle';
import type { CompleteShape } from '../params';
import type { Report } from '../report';
import type { StageContext } from './context';

export function lifecycleStage(ctx: StageContext, report: ReportBeforeLifecycle, shape: CompleteShape | undefined): Report {
  return checkFigures(withLifecycle(ctx.run, report, shape, ctx.options));
}

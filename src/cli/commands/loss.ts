// scaling-planner loss --params N --tokens D: the law's predicted loss.

import { coefficientsOf, dataConstrainedLoss, fmtCount, LAWS, lossAt } from '../../engine';
import { need, num, parseFlags } from '../args';
import { CliUsageError, emitJsonOrText, warningLines, type CliCommand } from '../command';
import { expertsOf, LAW_LIST, lawOf, warningsFor } from '../laws';
import { moeLoss, moeLossText } from './lifecycle';

export const lossCommand: CliCommand = {
  name: 'loss',
  summary: 'the predicted loss for a model size and token count',
  help: `scaling-planner loss --params N --tokens D [--unique-tokens U] [--law L] [--experts E] [--json]

The law's loss L(N, D); with --unique-tokens, the data-constrained loss of Muennighoff et al. 2023
for D tokens drawn from U unique ones (parametric laws only). With --law moe --experts E, N is the
active parameter count of an E-expert model (Ludziejewski et al. 2025, Eq. 6).
laws: ${LAW_LIST}`,
  run(argv, io) {
    const { flags } = parseFlags(argv, ['params', 'tokens', 'unique-tokens', 'law', 'experts', 'json']);
    if (flags.help) return io.out(lossCommand.help + '\n'), 0;
    const law = lawOf(flags);
    const N = need(flags, 'params');
    const D = need(flags, 'tokens');
    const U = num(flags, 'unique-tokens');
    const experts = expertsOf(flags, law);
    if (experts !== undefined) {
      if (U !== undefined) throw new CliUsageError('--unique-tokens is not combined with --law moe');
      const m = moeLoss({ params: N, tokens: D, experts });
      io.out(emitJsonOrText(flags.json === true, m, moeLossText(m)));
      return 0;
    }
    const l = LAWS[law];
    const coeffs = coefficientsOf(l);
    if (U !== undefined && !coeffs) throw new CliUsageError('--unique-tokens needs a parametric law (not kaplan)');
    const loss = U !== undefined ? dataConstrainedLoss(coeffs!, N, D, U) : lossAt(l, N, D);
    const warnings = warningsFor(law, N, D, 'the run is', U !== undefined);
    io.out(
      emitJsonOrText(
        flags.json === true,
        { law, params: N, tokens: D, ...(U !== undefined ? { uniqueTokens: U } : {}), loss, ...(warnings.length ? { warnings } : {}) },
        `${l.name}: L(${fmtCount(N)}, ${fmtCount(D)}) = ${loss.toFixed(4)}\n${warningLines(warnings)}`,
      ),
    );
    return 0;
  },
};

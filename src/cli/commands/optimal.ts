// scaling-planner optimal --flops C: the compute-optimal model for a FLOP budget.

import { fmtCount, fmtFlops, LAWS, optimalFor } from '../../engine';
import { need, parseFlags } from '../args';
import { emitJsonOrText, warningLines, type CliCommand } from '../command';
import { expertsOf, LAW_LIST, lawOf, refuseDegenerate, warningsFor } from '../laws';
import { moeOptimal, moeOptimalText } from './lifecycle';

export const optimalCommand: CliCommand = {
  name: 'optimal',
  summary: 'the compute-optimal model size and tokens for a FLOP budget',
  help: `scaling-planner optimal --flops C [--law L] [--experts E] [--json]

Parameters, tokens and loss at the optimum of the law for C training FLOPs (C = 6·N·D), with a
warning when the answer lies outside the sizes the law was fitted on. With --law moe --experts E, the
compute-optimal active size and tokens of an E-expert model (Ludziejewski et al. 2025, Eq. 7).
laws: ${LAW_LIST}`,
  run(argv, io) {
    const { flags } = parseFlags(argv, ['flops', 'law', 'experts', 'json']);
    if (flags.help) return io.out(optimalCommand.help + '\n'), 0;
    const law = lawOf(flags);
    const flops = need(flags, 'flops');
    const experts = expertsOf(flags, law);
    if (experts !== undefined) {
      const m = moeOptimal({ flops, experts });
      refuseDegenerate(`--flops ${flops}`, m.params, m.tokens, m.loss);
      io.out(emitJsonOrText(flags.json === true, m, moeOptimalText(m)));
      return 0;
    }
    const o = optimalFor(LAWS[law], flops);
    refuseDegenerate(`--flops ${flops}`, o.params, o.tokens, o.loss);
    const warnings = warningsFor(law, o.params, o.tokens, 'the optimum is');
    io.out(
      emitJsonOrText(
        flags.json === true,
        { law, flops, params: o.params, tokens: o.tokens, tokensPerParam: o.tokens / o.params, loss: o.loss, ...(warnings.length ? { warnings } : {}) },
        `${LAWS[law].name} at ${fmtFlops(flops)} FLOPs: ${fmtCount(o.params)} params on ${fmtCount(o.tokens)} tokens (${(o.tokens / o.params).toFixed(1)} tokens/param), loss ${o.loss.toFixed(4)}\n${warningLines(warnings)}`,
      ),
    );
    return 0;
  },
};

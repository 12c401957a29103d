// What the UI scripts expect for test/fixture-ws/under-trained.plan.yaml (20B parameters on 100B
// tokens): derived from the Epoch refit's published coefficients by test/helpers (compiled to out/
// by the harness, checked against reference-cases.json by test/unit/helpers.test.ts), not copied
// from the product's output.
import { epochOptimalTokens, epochOptimum } from '../../out/test/helpers/index.js';
import { fmtCount } from '../../out/src/engine/format.js';

const N = 20e9;
const D = 100e9;
const tokens = epochOptimalTokens(N);
const resized = epochOptimum(6 * N * D);

/** The compute-optimal tokens for 20B parameters, as the quick fix and hover write them (392B). */
export const OPTIMAL_TOKENS = fmtCount(tokens);
/** The same, per parameter, as the tokens hint rounds it (20). */
export const OPTIMAL_TOKENS_PER_PARAM = (tokens / N).toFixed(0);
/** The compute-optimal model at the file's 6·N·D FLOPs, as the resize fix writes it (9.93B on 201B). */
export const RESIZED = { params: fmtCount(resized.params), tokens: fmtCount(resized.tokens) };

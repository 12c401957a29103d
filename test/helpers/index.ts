// Shared by the unit tests: relative tolerances and where the examples and fixtures are.
// (Compiled to out/test/helpers/; the repository root is three folders up from there.)

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../..');

/** |got − want| / |want| (|got| when want is 0). */
export function relError(got: number, want: number): number {
  return want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
}

/** Asserts got is a finite number within `tol` (relative) of want. */
export function assertNear(got: number, want: number, tol: number, what = ''): void {
  assert.ok(typeof got === 'number' && Number.isFinite(got), `${what}: computed ${got}`.trim());
  assert.ok(relError(got, want) <= tol, `${what} ${got} ≈ ${want} (±${tol * 100}%, relative error ${relError(got, want).toExponential(2)})`.trim());
}

/** Whether a and b agree to `rel` of the larger of the two (symmetric). */
export const closeRel = (a: number, b: number, rel = 1e-9): boolean => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));

/** The text of a file in examples/. */
export const readExample = (name: string): string => readFileSync(join(ROOT, 'examples', name), 'utf8');

/** The text of a file in test/fixtures/. */
export const readFixture = (name: string): string => readFileSync(join(ROOT, 'test/fixtures', name), 'utf8');

/** A JSON fixture in test/fixtures/, parsed. */
export const fixtureJson = <T>(name: string): T => JSON.parse(readFixture(name)) as T;

interface EpochCase {
  id: string;
  inputs: { params?: { E: number; A: number; B: number; alpha: number; beta: number } };
}

/** Besiroglu et al. 2024's refit of Chinchilla (arXiv:2404.10102), as reference-cases.json records it (case epoch_opt_C1e+21). */
function epochRefit(): { A: number; B: number; alpha: number; beta: number; G: number } {
  const { A, B, alpha, beta } = fixtureJson<EpochCase[]>('reference-cases.json').find((c) => c.id === 'epoch_opt_C1e+21')!.inputs.params!;
  return { A, B, alpha, beta, G: ((alpha * A) / (beta * B)) ** (1 / (alpha + beta)) };
}

/**
 * The compute-optimal tokens for N parameters under the Epoch refit, from the closed form of
 * Hoffmann et al. 2022 Eq. (4): N_opt = G·(C/6)^(β/(α+β)) with G = (αA / βB)^(1/(α+β)), so
 * C/6 = (N/G)^((α+β)/β) and D = C / (6N). The figure the fixes, hovers and hints of a file with
 * N parameters derive from, computed here without the engine.
 */
export function epochOptimalTokens(N: number): number {
  const { alpha, beta, G } = epochRefit();
  return (N / G) ** ((alpha + beta) / beta) / N;
}

/** The compute-optimal parameters and tokens for C FLOPs under the Epoch refit (Eq. 4, C = 6ND). */
export function epochOptimum(C: number): { params: number; tokens: number } {
  const { alpha, beta, G } = epochRefit();
  const params = G * (C / 6) ** (beta / (alpha + beta));
  return { params, tokens: C / (6 * params) };
}

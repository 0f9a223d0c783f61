// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { bfgs, nelderMead } from '../../../src/core/clv/optimize';

/** Rosenbrock's banana valley, minimum 0 at (1, 1): the classic hard case for both methods. */
const rosenbrock = (p: readonly number[]) => 100 * (p[1] - p[0] ** 2) ** 2 + (1 - p[0]) ** 2;

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum from (−1.2, 1), the same way every time', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { pointTolerance: 1e-9, functionTolerance: 1e-14 });
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 6);
    expect(result.point[1]).toBeCloseTo(1, 6);
    expect(nelderMead(rosenbrock, [-1.2, 1], { pointTolerance: 1e-9, functionTolerance: 1e-14 })).toEqual(result);
  });

  it('treats NaN as +∞ and reports the evaluation cap', () => {
    const guarded = (p: readonly number[]) => (p[0] < 0 ? NaN : (p[0] - 2) ** 2);
    expect(nelderMead(guarded, [1]).point[0]).toBeCloseTo(2, 6);
    expect(nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 10 }).converged).toBe(false);
  });
});

describe('bfgs', () => {
  it('finds the Rosenbrock minimum from (−1.2, 1) with the analytic gradient', () => {
    const fg = (p: readonly number[], g: number[]) => {
      g[0] = -400 * p[0] * (p[1] - p[0] ** 2) - 2 * (1 - p[0]);
      g[1] = 200 * (p[1] - p[0] ** 2);
      return rosenbrock(p);
    };
    const result = bfgs(fg, [-1.2, 1], { gradientTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 8);
    expect(result.point[1]).toBeCloseTo(1, 8);
  });

  it('stops unconverged when the objective is NaN at the start', () => {
    expect(bfgs((_p, g) => ((g[0] = NaN), NaN), [0]).converged).toBe(false);
  });
});

// Seeded samplers, a BG/NBD customer simulator and the observed information for the CLV tests.
import type { BgNbdParams } from '../../../src/core/clv/bgnbd';
import { solveCholesky } from '../../../src/core/validation/logistic';
import { mulberry32 } from '../../../src/core/stats/random';

export { mulberry32 };

/** Uniform on (0, 1): never exactly 0, so its log is finite. */
const open = (random: () => number) => {
  let u = random();
  while (u === 0) u = random();
  return u;
};

export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(open(random))) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, rate 1) by Marsaglia & Tsang (2000); shape < 1 via the U^(1/shape) boost. */
export function gammaVariate(random: () => number, shape: number): number {
  if (shape < 1) return gammaVariate(random, shape + 1) * Math.pow(open(random), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  while (true) {
    let z: number;
    let v: number;
    do {
      z = normal(random);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = open(random);
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function betaVariate(random: () => number, a: number, b: number): number {
  const x = gammaVariate(random, a);
  return x / (x + gammaVariate(random, b));
}

export const exponential = (random: () => number, rate: number) => -Math.log(open(random)) / rate;

/**
 * One customer's repeat purchases over (start, end] given λ and p, alive at `start`:
 * Poisson(λ) purchases, each followed by dropout with probability p (FHL 2005's
 * assumptions; there is no dropout at the first purchase, time 0).
 */
export function runProcess(random: () => number, lambda: number, p: number, start: number, end: number): { count: number; last: number; isAlive: boolean } {
  let t = start;
  let count = 0;
  let last = start;
  while (true) {
    t += exponential(random, lambda);
    if (t > end) return { count, last, isAlive: true };
    count++;
    last = t;
    if (random() < p) return { count, last, isAlive: false };
  }
}

/** n customers, all of age T, with λ ~ Gamma(r, α), p ~ Beta(a, b); calibration (x, t_x) and holdout counts. */
export function simulateCustomers(params: BgNbdParams, n: number, T: number, holdoutLength: number, seed: number) {
  const random = mulberry32(seed);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const Ts = new Float64Array(n).fill(T);
  const holdout = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = gammaVariate(random, params.r) / params.alpha;
    const p = betaVariate(random, params.a, params.b);
    const calibration = runProcess(random, lambda, p, 0, T);
    x[i] = calibration.count;
    tx[i] = calibration.count > 0 ? calibration.last : 0;
    holdout[i] = calibration.isAlive && holdoutLength > 0 ? runProcess(random, lambda, p, T, T + holdoutLength).count : 0;
  }
  return { x, tx, T: Ts, holdout };
}

/** Inverse Hessian's diagonal of f at p by central differences: asymptotic variances when f = −ln L. */
export function inverseHessianDiagonal(f: (p: number[]) => number, p: number[], h = 1e-3): number[] {
  const n = p.length;
  const at = (shift: [number, number][]) => f(p.map((v, i) => v + shift.filter(([j]) => j === i).reduce((s, [, d]) => s + d, 0)));
  const hessian = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      hessian[i * n + j] =
        (at([
          [i, h],
          [j, h],
        ]) -
          at([
            [i, h],
            [j, -h],
          ]) -
          at([
            [i, -h],
            [j, h],
          ]) +
          at([
            [i, -h],
            [j, -h],
          ])) /
        (4 * h * h);
    }
  }
  return Array.from({ length: n }, (_, i) => {
    const unit = new Float64Array(n);
    unit[i] = 1;
    const column = solveCholesky(hessian, unit, n);
    if (column === null) throw new Error('Hessian not positive definite at the fit');
    return column[i];
  });
}

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fitLogistic, linearPredictor, solveCholesky, usableRows } from '../../../src/core/validation/logistic';
import { mulberry32 } from '../../../src/core/stats/random';

const sigmoid = (eta: number) => 1 / (1 + Math.exp(-eta));

/** Rows of a table: `count` copies of (x…, y), interleaved so no block of the file is one cell. */
function fromCells(cells: { x: number[]; y: number; count: number }[]): { features: Float64Array[]; y: Float64Array } {
  const rows: { x: number[]; y: number }[] = [];
  const left = cells.map((c) => c.count);
  while (left.some((n) => n > 0)) {
    cells.forEach((cell, c) => {
      if (left[c]-- > 0) rows.push(cell);
    });
  }
  const k = cells[0].x.length;
  return {
    features: Array.from({ length: k }, (_, j) => Float64Array.from(rows, (r) => r.x[j])),
    y: Float64Array.from(rows, (r) => r.y),
  };
}

/** n rows of three features on different scales and y drawn from a known logistic model. */
function simulated(seed: number, n: number): { features: Float64Array[]; y: Float64Array } {
  const random = mulberry32(seed);
  const uniform = new Float64Array(n);
  const spread = new Float64Array(n);
  const flag = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    uniform[i] = random() * 100;
    spread[i] = 5000 + (random() + random() + random() - 1.5) * 2000;
    flag[i] = random() < 0.3 ? 1 : 0;
    y[i] = random() < sigmoid(-2 + 0.03 * uniform[i] + 0.0004 * (spread[i] - 5000) - 0.8 * flag[i]) ? 1 : 0;
  }
  return { features: [uniform, spread, flag], y };
}

/** Gradient of (1/m)·ℓ − (λ/2)·‖β_std‖² in the standardised parameters, recomputed here from the fit. */
function penalisedGradient(features: Float64Array[], y: Float64Array, fit: ReturnType<typeof fitLogistic>, lambda: number): number[] {
  const m = y.length;
  const eta = linearPredictor(
    fit,
    features,
    Uint32Array.from({ length: m }, (_, i) => i),
  );
  const z = features.map((column) => {
    const mean = column.reduce((s, v) => s + v, 0) / m;
    const sd = Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / m);
    return column.map((v) => (v - mean) / sd);
  });
  const gradient = new Array<number>(features.length + 1).fill(0);
  for (let i = 0; i < m; i++) {
    const residual = y[i] - sigmoid(eta[i]);
    gradient[0] += residual / m;
    z.forEach((column, j) => (gradient[j + 1] += (residual * column[i]) / m));
  }
  fit.standardized.forEach((beta, j) => (gradient[j + 1] -= lambda * beta));
  return gradient;
}

describe('fitLogistic against closed forms (λ = 0)', () => {
  it('one binary feature: slope = log odds ratio ln(a·d / (b·c)), intercept = log odds of the x = 0 group', () => {
    // x = 1: a = 30 positives, b = 10 negatives; x = 0: c = 20 positives, d = 40 negatives.
    const { features, y } = fromCells([
      { x: [1], y: 1, count: 30 },
      { x: [1], y: 0, count: 10 },
      { x: [0], y: 1, count: 20 },
      { x: [0], y: 0, count: 40 },
    ]);
    const fit = fitLogistic(features, y, { lambda: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log((30 * 40) / (10 * 20)), 10);
    expect(fit.intercept).toBeCloseTo(Math.log(20 / 40), 10);
    // Saturated model: ℓ = Σ over cells of count·ln(cell rate).
    const expected = 30 * Math.log(0.75) + 10 * Math.log(0.25) + 20 * Math.log(1 / 3) + 40 * Math.log(2 / 3);
    expect(fit.logLikelihood).toBeCloseTo(expected, 9);
    expect(fit.rowCount).toBe(100);
  });

  it('three groups as two dummies: each coefficient is the log odds ratio against the reference group', () => {
    // Reference group A: 10 of 40 positive; B: 25 of 50; C: 40 of 50.
    const { features, y } = fromCells([
      { x: [0, 0], y: 1, count: 10 },
      { x: [0, 0], y: 0, count: 30 },
      { x: [1, 0], y: 1, count: 25 },
      { x: [1, 0], y: 0, count: 25 },
      { x: [0, 1], y: 1, count: 40 },
      { x: [0, 1], y: 0, count: 10 },
    ]);
    const fit = fitLogistic(features, y, { lambda: 0 });
    expect(fit.intercept).toBeCloseTo(Math.log(10 / 30), 10);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(1 / (1 / 3)), 10);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log(4 / (1 / 3)), 10);
  });

  it('no features: the intercept is the log odds of the outcome', () => {
    const fit = fitLogistic([], Float64Array.from([1, 0, 0, 1, 0, NaN]), { lambda: 0 });
    expect(fit.intercept).toBeCloseTo(Math.log(2 / 3), 12);
    expect(fit.coefficients).toEqual([]);
  });

  it('a constant feature gets coefficient 0 and changes nothing else', () => {
    const { features, y } = fromCells([
      { x: [1], y: 1, count: 30 },
      { x: [1], y: 0, count: 10 },
      { x: [0], y: 1, count: 20 },
      { x: [0], y: 0, count: 40 },
    ]);
    // 0.1 does not survive summing and dividing exactly: the mean misses it by an ulp.
    const constant = new Float64Array(y.length).fill(0.1);
    const fit = fitLogistic([constant, features[0]], y, { lambda: 0 });
    const alone = fitLogistic(features, y, { lambda: 0 });
    expect(fit.coefficients[0]).toBe(0);
    expect(fit.standardized[0]).toBe(0);
    expect(fit.coefficients[1]).toBe(alone.coefficients[0]);
    expect(fit.intercept).toBe(alone.intercept);
  });
});

describe('fitLogistic on random data (seeded)', () => {
  const { features, y } = simulated(12345, 3000);

  it.each([0, 0.001, 0.05, 1])('λ = %s: the penalised gradient is ~0 at the solution (KKT)', (lambda) => {
    const fit = fitLogistic(features, y, { lambda });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(15);
    for (const g of penalisedGradient(features, y, fit, lambda)) expect(Math.abs(g)).toBeLessThan(1e-8);
  });

  it('recovers the simulating coefficients roughly at λ = 0 (3000 rows)', () => {
    const fit = fitLogistic(features, y, { lambda: 0 });
    expect(fit.coefficients[0]).toBeCloseTo(0.03, 2);
    expect(fit.coefficients[2]).toBeGreaterThan(-1.3);
    expect(fit.coefficients[2]).toBeLessThan(-0.3);
  });

  it('larger λ shrinks ‖β‖ (standardised) and leaves the intercept free', () => {
    const norms = [0, 0.01, 0.1, 1, 10].map((lambda) => Math.hypot(...fitLogistic(features, y, { lambda }).standardized));
    for (let i = 1; i < norms.length; i++) expect(norms[i]).toBeLessThan(norms[i - 1]);
    // Under a huge penalty β → 0 and the intercept tends to the plain log odds.
    const heavy = fitLogistic(features, y, { lambda: 1e9 });
    const rate = y.reduce((s, v) => s + v, 0) / y.length;
    expect(heavy.intercept).toBeCloseTo(Math.log(rate / (1 - rate)), 6);
  });

  it('is deterministic: the same input gives bit-identical output', () => {
    expect(fitLogistic(features, y, { lambda: 0.01 })).toStrictEqual(fitLogistic(features, y, { lambda: 0.01 }));
  });

  it('leaves out rows with a missing feature or outcome, exactly as if they were not there', () => {
    const withGaps = features.map((column) => Float64Array.from([NaN, ...column, 7, 1]));
    withGaps[1][y.length + 2] = NaN; // the last row: feature 1 missing
    const yWithGaps = Float64Array.from([1, ...y, NaN, 0]); // the row before: outcome unknown
    expect(fitLogistic(withGaps, yWithGaps, { lambda: 0.01 })).toStrictEqual(fitLogistic(features, y, { lambda: 0.01 }));
  });

  it('fits on `rows` only, exactly as on those rows copied out', () => {
    const rows = Uint32Array.from({ length: 1000 }, (_, r) => r * 3);
    const copied = features.map((column) => Float64Array.from(rows, (i) => column[i]));
    const copiedY = Float64Array.from(rows, (i) => y[i]);
    expect(fitLogistic(features, y, { lambda: 0.01, rows })).toStrictEqual(fitLogistic(copied, copiedY, { lambda: 0.01 }));
  });
});

describe('fitLogistic on degenerate data', () => {
  // Perfectly separable: y = 1 exactly when x ≥ 50.
  const x = Float64Array.from({ length: 100 }, (_, i) => i);
  const y = x.map((v) => (v >= 50 ? 1 : 0));

  it('separable data with λ > 0 converges to finite coefficients', () => {
    const fit = fitLogistic([x], y, { lambda: 0.01 });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(0);
  });

  it('separable data with λ = 0 has no finite optimum: reported as not converged', () => {
    const fit = fitLogistic([x], y, { lambda: 0 });
    expect(fit.converged).toBe(false);
    expect(Number.isNaN(fit.coefficients[0])).toBe(false);
  });

  it('one outcome only: the intercept is ±∞, β = 0, not converged', () => {
    const allGood = fitLogistic([x], new Float64Array(100).fill(1), { lambda: 0.1 });
    expect(allGood).toMatchObject({ intercept: Infinity, coefficients: [0], converged: false, rowCount: 100 });
    expect(fitLogistic([x], new Float64Array(100), { lambda: 0.1 }).intercept).toBe(-Infinity);
    expect(fitLogistic([x], new Float64Array(100).fill(NaN), { lambda: 0.1 }).intercept).toBeNaN();
  });

  it('rejects more than 32 features (a caller bug)', () => {
    expect(() => fitLogistic(new Array(33).fill(x), y, { lambda: 1 })).toThrow(RangeError);
  });
});

describe('usableRows and linearPredictor', () => {
  it('keeps rows with every feature and an outcome of 0 or 1, of the candidates given', () => {
    const features = [Float64Array.from([1, NaN, 3, 4, 5]), Float64Array.from([1, 2, 3, 4, 5])];
    const y = Float64Array.from([1, 0, 2, 0, NaN]);
    expect(Array.from(usableRows(features, y))).toEqual([0, 3]);
    expect(Array.from(usableRows(features, y, Uint32Array.from([3, 1])))).toEqual([3]);
  });

  it('computes η = intercept + Σ coefficient·x for the rows asked', () => {
    const eta = linearPredictor({ intercept: -1, coefficients: [2, 0.5] }, [Float64Array.from([1, 2, 3]), Float64Array.from([4, 6, NaN])], Uint32Array.from([1, 0, 2]));
    expect(Array.from(eta)).toEqual([6, 3, NaN]);
  });
});

describe('solveCholesky', () => {
  it('solves a symmetric positive-definite system given by its lower triangle', () => {
    // [[4, 2, 0], [2, 5, 1], [0, 1, 3]]·x = [2, 3, 4] → x = [0.275, 0.45, 1.183…]; checked by multiplying back.
    const lower = Float64Array.from([4, 0, 0, 2, 5, 0, 0, 1, 3]);
    const x = solveCholesky(lower, Float64Array.from([2, 3, 4]), 3);
    expect(x).not.toBeNull();
    const [a, b, c] = x ?? [];
    expect(4 * a + 2 * b).toBeCloseTo(2, 14);
    expect(2 * a + 5 * b + c).toBeCloseTo(3, 14);
    expect(b + 3 * c).toBeCloseTo(4, 14);
  });

  it('returns null for a singular matrix', () => {
    expect(solveCholesky(Float64Array.from([1, 0, 1, 1]), Float64Array.from([1, 1]), 2)).toBeNull();
  });
});

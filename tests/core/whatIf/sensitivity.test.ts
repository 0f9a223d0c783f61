import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factorMatrix, scoreMatrix } from '../../../src/core/scoring/score';
import { averageRanks, customerStability, describeStability, rankCorrelation, rankStability, weightTornado, type TornadoInput } from '../../../src/core/whatIf/sensitivity';

const bands = { averageFrom: 40, goodFrom: 70 };

/** Scores the factors under the weights and returns the tornado's input. */
function setUp(factors: Float64Array[], weights: number[], goodOutcome: Float64Array | null = null): TornadoInput {
  const n = factors[0].length;
  const matrix = factorMatrix(factors, n);
  const groups = new Uint8Array(n);
  const scores = new Float64Array(n);
  scoreMatrix(matrix, weights, bands, groups, scores);
  return { matrix, factorIds: factors.map((_, f) => `f${f}`), weights, bands, groups, extra: null, scores, goodOutcome, regroup: null };
}

describe('weightTornado', () => {
  // A (100, 40) = 70 good; B (0, 80) = 40 average; C (50, 50) = 50; D (100, 100) = 100.
  const tiny = () => setUp([Float64Array.of(100, 0, 50, 100), Float64Array.of(40, 80, 50, 100)], [50, 50]);

  it('counts by hand which customers change band at ±10', () => {
    const { factors } = weightTornado(tiny());
    // f0 at 40: A = 6000 / 90 = 66.7 (average). f0 at 60: B = 4000 / 110 = 36.4 (poor).
    // f1 at 40: B = 3200 / 90 = 35.6 (poor). f1 at 60: A = 7400 / 110 = 67.3 (average).
    expect(factors.map((f) => [f.down.weight, f.down.bandChanges, f.up.weight, f.up.bandChanges])).toEqual([
      [40, 1, 60, 1],
      [40, 1, 60, 1],
    ]);
    // Mean with f0 at 40: (66.667 + 44.444 + 50 + 100) / 4 = 65.278, against 65.
    expect(factors[0].down.meanChange).toBeCloseTo(0.2778, 3);
    expect(factors[0].down.groupChanges).toBe(0);
    expect(factors[0].down.aucChange).toBeNaN();
  });

  it('clamps to 0..100 and says groups ignore weights when no regroup is given', () => {
    const input = setUp([Float64Array.of(100, 0, 50), Float64Array.of(40, 80, 50)], [5, 95]);
    const tornado = weightTornado(input);
    expect(tornado.factors.map((f) => [f.down.weight, f.up.weight])).toEqual([
      [0, 15],
      [85, 100],
    ]);
    expect(tornado.groupsIgnoreWeights).toBe(true);
  });

  it('counts group changes from the groups a regroup gives', () => {
    const input = tiny();
    const tornado = weightTornado({ ...input, regroup: (w) => Uint8Array.of(w[0] > 50 ? 1 : 0, 0, 0, 0) });
    expect(tornado.groupsIgnoreWeights).toBe(false);
    expect(tornado.factors[0].up.groupChanges).toBe(1);
    expect(tornado.factors[0].down.groupChanges).toBe(0);
  });

  it('measures the AUC change against the outcome', () => {
    // The good outcome goes with f1 only: weighting f1 more raises the AUC.
    const input = setUp([Float64Array.of(100, 0, 50, 0), Float64Array.of(0, 100, 40, 90)], [50, 50], Float64Array.of(0, 1, 0, 1));
    const tornado = weightTornado(input);
    expect(tornado.factors[1].up.aucChange).toBeGreaterThanOrEqual(0);
    expect(tornado.factors[0].up.aucChange).toBeLessThanOrEqual(0);
  });

  const columns = fc
    .integer({ min: 2, max: 30 })
    .chain((n) => fc.array(fc.array(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(NaN)), { minLength: n, maxLength: n }), { minLength: 1, maxLength: 5 }));

  it('a move of 0 (a step that clamps to the same weight) changes nothing', () => {
    fc.assert(
      fc.property(columns, (cols) => {
        // Weights at the clamp: 0 − 10 stays 0, 100 + 10 stays 100.
        const weights = cols.map((_, f) => (f % 2 === 0 ? 0 : 100));
        weights[0] = 100;
        const tornado = weightTornado(
          setUp(
            cols.map((c) => Float64Array.from(c)),
            weights,
          ),
        );
        for (const f of tornado.factors) {
          const still = f.weight === 0 ? f.down : f.up;
          expect(still.bandChanges).toBe(0);
          expect(Math.abs(still.meanChange) || 0).toBeLessThan(1e-9);
        }
      }),
      { seed: 9, numRuns: 100 },
    );
  });
});

describe('rank stability', () => {
  it('averageRanks shares ranks between ties and leaves the unscored out', () => {
    const out = new Float64Array(5);
    expect(averageRanks(Float64Array.of(10, NaN, 30, 10, 20), out)).toBe(4);
    expect(Array.from(out)).toEqual([1.5, NaN, 4, 1.5, 3]);
  });

  it('Spearman of a model with itself is 1, with its reverse −1', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 50 }), (values) => {
        const scores = Float64Array.from(values);
        const ranks = new Float64Array(scores.length);
        averageRanks(scores, ranks);
        const rho = rankCorrelation(ranks, ranks);
        if (values.every((v) => v === values[0])) expect(rho).toBeNaN();
        else expect(rho).toBeCloseTo(1, 12);
      }),
      { seed: 3 },
    );
    const up = new Float64Array(3);
    const down = new Float64Array(3);
    averageRanks(Float64Array.of(1, 2, 3), up);
    averageRanks(Float64Array.of(3, 2, 1), down);
    expect(rankCorrelation(up, down)).toBeCloseTo(-1, 12);
  });

  it('is deterministic, stays in range, and a one-factor model is perfectly stable', () => {
    const cols = [Float64Array.from({ length: 200 }, (_, i) => (i * 37) % 101), Float64Array.from({ length: 200 }, (_, i) => (i * 53) % 97)];
    const input = setUp(cols, [60, 40]);
    const a = rankStability(input.matrix, input.weights, bands, input.groups, null, input.scores);
    const b = rankStability(input.matrix, input.weights, bands, input.groups, null, input.scores);
    expect(Array.from(a.spearman)).toEqual(Array.from(b.spearman));
    expect(Array.from(a.topDecileDraws)).toEqual(Array.from(b.topDecileDraws));
    expect(a.minSpearman).toBeGreaterThan(0.8);
    expect(a.meanSpearman).toBeLessThanOrEqual(1);
    for (let i = 0; i < 200; i++) expect(a.minPercentile[i]).toBeLessThanOrEqual(a.maxPercentile[i]);
    const single = setUp([cols[0]], [50]);
    const one = rankStability(single.matrix, single.weights, bands, single.groups, null, single.scores);
    expect(one.minSpearman).toBeCloseTo(1, 12);
  });

  it('describes a customer from the draws', () => {
    const input = setUp([Float64Array.from({ length: 11 }, (_, i) => i * 10)], [50]);
    const stability = rankStability(input.matrix, input.weights, bands, input.groups, null, input.scores, { draws: 4 });
    const top = customerStability(stability, 10);
    expect(top).toEqual({ draws: 4, topDecileShare: 1, minPercentile: 100, maxPercentile: 100 });
    const bottom = customerStability(stability, 0);
    if (!top || !bottom) throw new Error('both customers are scored');
    expect(describeStability(top)).toBe('In the top 10 % in 100 % of nearby models (percentile 100 in all 4).');
    expect(describeStability(bottom)).toMatch(/^Never in the top 10 %/);
  });
});

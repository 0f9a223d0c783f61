// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../../src/core/model/model';
import {
  cellCodes,
  cellSegments,
  daysSinceLatest,
  heatmapShades,
  latestDay,
  parseCuts,
  quintileCuts,
  rfmPointsShape,
  rfmScores,
  scoreRfm,
  segmentCodes,
  segmentMask,
  summarizeRfm,
  withRfmFactors,
} from '../../../src/core/rfm/rfm';
import { defaultRfm, defaultSegmentMap, RFM_SEGMENT_EXPORT_NAMES, RFM_SEGMENTS, type RfmSegment } from '../../../src/core/rfm/rfmSpec';
import { applyShape } from '../../../src/core/scoring/shape';
import { parseModel } from '../../../src/core/model/modelSchema';
import { analyze } from '../../../src/core/scoring/analysis';
import { autoMap } from '../../../src/core/schema/mapping';
import { load, projectFile } from '../fixtures';

const f64 = (...values: number[]) => Float64Array.from(values);
const seeded = { seed: 20261125, numRuns: 60 };

describe('quintile cuts and scores', () => {
  it('splits ten distinct values two per score; recency scores low days highest', () => {
    const values = f64(10, 1, 9, 2, 8, 3, 7, 4, 6, 5);
    const cuts = quintileCuts(values);
    expect(cuts).toEqual([3, 5, 7, 9]);
    expect(Array.from(rfmScores(values, cuts, false))).toEqual([5, 1, 5, 1, 4, 2, 4, 2, 3, 3]);
    expect(Array.from(rfmScores(values, cuts, true))).toEqual([1, 5, 1, 5, 2, 4, 2, 4, 3, 3]);
  });

  it('scores a missing value 0 and a value equal to a cut in the higher bucket (ties share a score)', () => {
    const scores = rfmScores(f64(NaN, 3, 2.999, 100, -5), [3, 5, 7, 9], false);
    expect(Array.from(scores)).toEqual([0, 2, 1, 5, 1]);
    expect(quintileCuts(f64(NaN, NaN))).toEqual([]);
    // All tied: everyone gets the same score, the lowest (nothing tells them apart).
    const tied = f64(4, 4, 4, 4, 4, 4);
    expect(new Set(rfmScores(tied, quintileCuts(tied), false))).toEqual(new Set([1]));
    expect(new Set(rfmScores(tied, quintileCuts(tied, true), true))).toEqual(new Set([1]));
  });

  it('respects user cut points as given', () => {
    expect(Array.from(rfmScores(f64(0, 10, 30, 31, 90, 365, 400), [10, 31, 90, 365], true))).toEqual([5, 4, 4, 3, 2, 1, 1]);
  });

  it('property: scores lie in 1..5 (0 only when missing) and distinct values split into near-equal quintiles', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 5, maxLength: 300 }), fc.boolean(), (list, isLowerBetter) => {
        const values = Float64Array.from(list);
        const scores = rfmScores(values, quintileCuts(values), isLowerBetter);
        const counts = [0, 0, 0, 0, 0, 0];
        for (const s of scores) counts[s]++;
        expect(counts[0]).toBe(0);
        for (let s = 1; s <= 5; s++) {
          expect(counts[s]).toBeGreaterThanOrEqual(Math.floor(values.length / 5));
          expect(counts[s]).toBeLessThanOrEqual(Math.ceil(values.length / 5));
        }
      }),
      seeded,
    );
  });

  it('property: any values (ties, missing) and any ascending cuts give scores in 0..5, higher value never a lower score', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(NaN)), { minLength: 1, maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 4, maxLength: 4 }),
        (list, rawCuts) => {
          const values = Float64Array.from(list);
          const cuts = [...rawCuts].sort((a, b) => a - b);
          const scores = rfmScores(values, cuts, false);
          for (let i = 0; i < values.length; i++) {
            expect(scores[i] === 0).toBe(Number.isNaN(values[i]));
            for (let j = 0; j < values.length; j++) if (values[i] < values[j]) expect(scores[i]).toBeLessThanOrEqual(scores[j]);
            // The score is 1 + the number of cuts at or below the value.
            if (!Number.isNaN(values[i])) expect(scores[i]).toBe(1 + cuts.filter((c) => c <= values[i]).length);
          }
        },
      ),
      seeded,
    );
  });
});

describe('segments', () => {
  it('maps R×F cells by the standard RFM map', () => {
    const map = defaultSegmentMap();
    const at = (r: number, f: number) => map[(r - 1) * 5 + (f - 1)];
    expect(map).toHaveLength(25);
    expect(at(5, 5)).toBe('champions');
    expect(at(4, 5)).toBe('loyal');
    expect(at(5, 2)).toBe('potentialLoyalists');
    expect(at(5, 1)).toBe('newCustomers');
    expect(at(4, 1)).toBe('promising');
    expect(at(3, 3)).toBe('needAttention');
    expect(at(3, 1)).toBe('aboutToSleep');
    expect(at(2, 4)).toBe('atRisk');
    expect(at(1, 5)).toBe('cannotLose');
    expect(at(2, 2)).toBe('hibernating');
    expect(at(1, 1)).toBe('lost');
    expect(new Set(map)).toEqual(new Set(RFM_SEGMENTS));
  });

  it('codes cells and segments, 255 when R or F is missing; an edited map moves a cell', () => {
    const cells = cellCodes(Uint8Array.of(5, 1, 0, 3), Uint8Array.of(5, 1, 3, 3));
    expect(Array.from(cells)).toEqual([24, 0, 255, 12]);
    const map = defaultSegmentMap();
    map[12] = 'champions';
    const segments = segmentCodes(cells, map);
    expect(Array.from(segments, (s) => (s === 255 ? null : RFM_SEGMENTS[s]))).toEqual(['champions', 'lost', null, 'champions']);
    expect(Array.from(segmentMask(segments, 'champions') ?? [])).toEqual([1, 0, 0, 1]);
    expect(segmentMask(segments, 'nobody')).toBeNull();
  });

  it('reads a date column as days since its latest date', () => {
    expect(Array.from(daysSinceLatest(f64(100, 130, NaN, 90)))).toEqual([30, 0, NaN, 40]);
  });
});

const SMALL = ['id,days_since_last_purchase,orders,revenue,churned', '1,1,10,1000,no', '2,2,9,900,no', '3,50,1,50,yes', '4,60,2,80,yes', '5,5,1,20,no', '6,,3,30,no'].join('\n');

describe('scoreRfm and summarizeRfm', () => {
  it('on a file where 60 % bought once, one-time buyers are F1 and the segment map fills: Hibernating and Lost are not empty, At risk is not 40 %', () => {
    // 1,000 customers, recency 1..1000 days (distinct), 600 with one order, the rest 2–9.
    const rows = Array.from({ length: 1000 }, (_, i) => `${i + 1},${((i * 7919) % 1000) + 1},${i % 10 < 6 ? 1 : 2 + (i % 8)},${100 + (i % 37)}`);
    const dataset = load(['id,days_since_last_purchase,orders,revenue', ...rows].join('\n'));
    const scores = scoreRfm(dataset, { ...defaultRfm(), recency: 'days_since_last_purchase', frequency: 'orders', monetary: 'revenue' });
    if (!scores) throw new Error('expected RFM scores');
    const orders = dataset.columns[2].values ?? f64();
    for (let i = 0; i < 1000; i++) if (orders[i] === 1) expect(scores.f[i]).toBe(1);
    const summary = summarizeRfm(scores, new Float64Array(1000).fill(50), null);
    const share = (segment: string) => summary.segments.find((s) => s.segment === segment)?.share ?? 0;
    expect(share('hibernating')).toBeGreaterThan(0.05);
    expect(share('lost')).toBeGreaterThan(0.05);
    expect(share('atRisk')).toBeLessThan(0.2);
    expect(summary.segments.reduce((sum, s) => sum + s.customers, 0)).toBe(1000);
  });

  it('scores a hand-checked file with user cuts and sums the figures per segment', () => {
    const dataset = load(SMALL);
    const spec = { ...defaultRfm(), recency: 'days_since_last_purchase', frequency: 'orders', monetary: 'revenue', cuts: { r: [3, 10, 30, 55], f: [2, 4, 6, 8], m: null } };
    const scores = scoreRfm(dataset, spec);
    expect(scores).not.toBeNull();
    if (!scores) return;
    // Days 1, 2 → R5; 50 → R2; 60 → R1; 5 → R4; missing → 0. Orders 10, 9 → F5; 1 → F1; 2 → F2; 1 → F1.
    expect(Array.from(scores.r)).toEqual([5, 5, 2, 1, 4, 0]);
    expect(Array.from(scores.f)).toEqual([5, 5, 1, 2, 1, 2]);
    const names = Array.from(scores.segments, (s) => (s === 255 ? null : RFM_SEGMENTS[s]));
    expect(names).toEqual(['champions', 'champions', 'hibernating', 'lost', 'promising', null]);
    const crs = f64(90, 80, 20, 10, 50, 40);
    const summary = summarizeRfm(scores, crs, { column: 'churned', values: dataset.columns[4].values ?? f64() });
    const champions = summary.segments.find((s) => s.segment === 'champions');
    expect(champions).toMatchObject({ customers: 2, share: 0.4, orders: 19, revenue: 1900, averageOrderValue: 100, meanCrs: 85, churnRate: 0 });
    expect(summary.segments.find((s) => s.segment === 'lost')).toMatchObject({ customers: 1, churnRate: 1, revenue: 80 });
    expect(summary.scored).toBe(5);
    expect(summary.unscored).toBe(1);
    expect(summary.cellCounts[24]).toBe(2);
    expect(summary.cellMeanMonetary[24]).toBe(950);
    expect(Number.isNaN(summary.cellMeanMonetary[12])).toBe(true);
  });

  it('is null unless recency and frequency are mapped to present columns', () => {
    const dataset = load(SMALL);
    expect(scoreRfm(dataset, defaultRfm())).toBeNull();
    expect(scoreRfm(dataset, { ...defaultRfm(), recency: 'days_since_last_purchase', frequency: 'nope' })).toBeNull();
  });

  it('on the sample file: auto-mapped, quintiles, segment counts add up to the customers and shares to 1', () => {
    const dataset = load(projectFile('public/sample-customers.csv'));
    const model = autoMap(defaultModel(), dataset.columns);
    expect(model.rfm).toMatchObject({ recency: 'days_since_last_purchase', frequency: 'orders_12m', monetary: 'total_revenue' });
    const scores = scoreRfm(dataset, model.rfm);
    expect(scores).not.toBeNull();
    if (!scores) return;
    const summary = summarizeRfm(scores, analyze(dataset, model).scores, null);
    const total = summary.segments.reduce((n, s) => n + s.customers, 0);
    expect(total + summary.unscored).toBe(dataset.rowCount);
    expect(summary.cellCounts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(summary.segments.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 9);
    let orders = 0;
    for (let i = 0; i < dataset.rowCount; i++) if (scores.segments[i] !== 255 && scores.frequency[i] === scores.frequency[i]) orders += scores.frequency[i];
    expect(summary.segments.reduce((a, s) => a + s.orders, 0)).toBeCloseTo(orders, 6);
  });

  it('property: counts per segment add up to the scored customers for any map', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 100 }), fc.array(fc.constantFrom(...RFM_SEGMENTS), { minLength: 25, maxLength: 25 }), (rs, map) => {
        const r = Uint8Array.from(rs);
        const f = Uint8Array.from(rs, (x, i) => (x + i) % 6);
        const cells = cellCodes(r, f);
        const segments = segmentCodes(cells, map);
        const n = r.length;
        const summary = summarizeRfm(
          {
            columns: { recency: 'r', frequency: 'f', monetary: null },
            recencyDays: new Float64Array(n),
            frequency: new Float64Array(n).fill(1),
            monetary: null,
            cuts: { r: [], f: [], m: [] },
            r,
            f,
            m: null,
            cells,
            segments,
          },
          new Float64Array(n),
          null,
        );
        expect(summary.segments.reduce((a, s) => a + s.customers, 0)).toBe(summary.scored);
        expect(summary.segments.reduce((a, s) => a + s.orders, 0)).toBe(summary.scored);
        expect(summary.scored + summary.unscored).toBe(n);
      }),
      seeded,
    );
  });
});

describe('cut point text and heatmap shades', () => {
  it.each([
    ['', { ok: true, cuts: null }],
    ['  ', { ok: true, cuts: null }],
    ['7, 30, 90, 365', { ok: true, cuts: [7, 30, 90, 365] }],
    ['1;1 2\t3', { ok: true, cuts: [1, 1, 2, 3] }],
    ['1, 2, 3', { ok: false, problem: 'Give four cut points (five scores), or leave blank for quintiles.' }],
    ['4, 3, 2, 1', { ok: false, problem: 'Cut points must be in ascending order.' }],
    ['1, two, 3, 4', { ok: false, problem: 'Cut points must be numbers.' }],
  ])('parseCuts(%j)', (text, expected) => {
    expect(parseCuts(text)).toEqual(expected);
  });

  it('shades each cell by its mean against the largest, empty cells 0', () => {
    expect(heatmapShades([NaN, 50, 100, 0])).toEqual([0, 0.5, 1, 0]);
    expect(heatmapShades([NaN, NaN])).toEqual([0, 0]);
  });
});

describe('RFM scores as CRS factors', () => {
  it('property: the points table gives (score − 1)·25 for the same cuts, both directions, ties included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 25 }), fc.constant(NaN)), { minLength: 1, maxLength: 100 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        (list, rawCuts, isLowerBetter) => {
          const raw = Float64Array.from(list);
          const cuts = [...rawCuts].sort((a, b) => a - b);
          const values = new Float64Array(raw);
          applyShape(rfmPointsShape(cuts, isLowerBetter), raw, true, values);
          const scores = rfmScores(raw, cuts, isLowerBetter);
          for (let i = 0; i < raw.length; i++) expect(values[i]).toBe(scores[i] === 0 ? NaN : (scores[i] - 1) * 25);
        },
      ),
      seeded,
    );
  });

  it('adds R, F and M factors (replacing earlier ones), leaves out a date recency, and stays a valid model', () => {
    const model = defaultModel();
    model.rfm = { ...model.rfm, recency: 'days', frequency: 'orders', monetary: 'revenue' };
    const cuts = { r: [7, 30, 90, 365], f: [1, 2, 2, 5], m: [] };
    const once = withRfmFactors(model, cuts, false);
    expect(once.factors.map((f) => f.id)).toEqual(['engagement', 'satisfaction', 'purchase', 'support', 'rfm-r', 'rfm-f']);
    expect(once.factors[5].shape).toEqual({
      kind: 'points',
      steps: [
        { from: 0, points: 0 },
        { from: 1, points: 25 },
        { from: 2, points: 75 },
        { from: 5, points: 100 },
      ],
    });
    expect(withRfmFactors(once, cuts, false).factors).toHaveLength(6);
    expect(withRfmFactors(once, cuts, true).factors.map((f) => f.id)).toEqual(['engagement', 'satisfaction', 'purchase', 'support', 'rfm-f']);
    expect(parseModel(once).ok).toBe(true);
  });
});

describe('what the exports read', () => {
  it('names every segment for export in distinct lower-case words', () => {
    const names = RFM_SEGMENTS.map((segment) => RFM_SEGMENT_EXPORT_NAMES[segment]);
    expect(new Set(names).size).toBe(RFM_SEGMENTS.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+( [a-z]+)*$/);
  });

  it('cellSegments names each cell as segmentCodes codes it: a hole takes the standard segment, an unknown name none', () => {
    const map = defaultSegmentMap();
    map[24] = 'lost';
    const holed: RfmSegment[] = map.slice(0, 20);
    const unknown = [...map];
    unknown[3] = 'vip' as RfmSegment; // as a model file from elsewhere might hold
    for (const segmentMap of [map, holed, unknown]) {
      const codes = segmentCodes(
        Uint8Array.from({ length: 25 }, (_, k) => k),
        segmentMap,
      );
      expect(cellSegments(segmentMap)).toEqual(Array.from(codes, (code) => (code === 255 ? null : RFM_SEGMENTS[code])));
    }
    expect(cellSegments(holed)[24]).toBe('champions');
    expect(cellSegments(unknown)[3]).toBeNull();
  });

  it('latestDay is the day daysSinceLatest counts to, −∞ without a known day', () => {
    const days = f64(19000, NaN, 19010.5, 18000);
    expect(latestDay(days)).toBe(19010.5);
    expect(Array.from(daysSinceLatest(days))).toEqual([10.5, NaN, 0, 1010.5]);
    expect(latestDay(f64(NaN))).toBe(-Infinity);
  });
});

describe('quintileCuts by selection', () => {
  it('property: distinct values cut at sorted positions ⌊k·n/5⌋; tied values get the lowest score of the quintiles they span', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN)), { maxLength: 200 }), fc.boolean(), (xs, isLowerBetter) => {
        const values = Float64Array.from(xs);
        const known = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
        const cuts = quintileCuts(values, isLowerBetter);
        if (known.length === 0) return void expect(cuts).toEqual([]);
        if (new Set(known).size === known.length) expect(cuts).toEqual([1, 2, 3, 4].map((k) => known[Math.floor((k * known.length) / 5)]));
        const n = known.length;
        /** The score of sorted position s by quintile: 1 + how many ⌊k·n/5⌋ ≤ s, reversed when lower is better. */
        const scoreAt = (s: number) => {
          const b = [1, 2, 3, 4].filter((k) => Math.floor((k * n) / 5) <= s).length;
          return isLowerBetter ? 5 - b : b + 1;
        };
        const scores = rfmScores(values, cuts, isLowerBetter);
        xs.forEach((x, i) => {
          if (Number.isNaN(x)) return void expect(scores[i]).toBe(0);
          // The quintiles a tie run spans: from its first sorted position to its last.
          const span = [scoreAt(known.indexOf(x)), scoreAt(known.lastIndexOf(x))];
          expect(scores[i]).toBe(Math.min(...span));
        });
      }),
      { seed: 29, numRuns: 400 },
    );
  });

  it('puts one-time buyers in F1 on a file where 60 % bought once', () => {
    const orders = Float64Array.from({ length: 100 }, (_, i) => (i < 60 ? 1 : 2 + (i % 7)));
    const scores = rfmScores(orders, quintileCuts(orders), false);
    expect(new Set(scores.subarray(0, 60))).toEqual(new Set([1]));
    expect(Math.min(...scores.subarray(60))).toBeGreaterThan(1);
  });
});

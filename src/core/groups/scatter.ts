// The relationship scatter, binned: profitability (y) against loyalty (x) as a grid of
// cells, each with its customer count and the group most of them are in. A million
// customers become BINS² numbers, so the chart draws the same quickly at any size.
import { select } from '../stats/rank';
import { MAX_GROUPS, NO_GROUP } from './segment';

export const SCATTER_BINS = 40;

export interface ScatterBins {
  bins: number;
  /** Axis ranges drawn: from the lowest value to the 99th percentile (higher ones go in the last cell; the maximum below 200 customers). */
  x: ScatterAxis;
  y: ScatterAxis;
  /** counts[row·bins + col]: customers in the cell; row 0 is the lowest profitability. */
  counts: Uint32Array;
  /** The group (code) most customers in the cell belong to; NO_GROUP for empty cells. */
  dominant: Uint8Array;
  /** Customers with both values, drawn. */
  plotted: number;
}

export interface ScatterAxis {
  min: number;
  max: number;
  /** Values above max, drawn in the last cell. */
  clipped: number;
  /** Binned by log(1 + v − min): set for skewed, non-negative columns such as revenue. */
  log: boolean;
}

/** Position 0..1 of v on the axis (linear or log), clamped. */
export function axisPosition(axis: Pick<ScatterAxis, 'min' | 'max' | 'log'>, v: number): number {
  const span = axis.log ? Math.log1p(axis.max - axis.min) : axis.max - axis.min;
  if (!(span > 0)) return 0.5;
  const t = (axis.log ? Math.log1p(Math.max(0, v - axis.min)) : v - axis.min) / span;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** The value at position t (0..1) of the axis: axisPosition's inverse. */
export function axisValue(axis: Pick<ScatterAxis, 'min' | 'max' | 'log'>, t: number): number {
  return axis.log ? axis.min + Math.expm1(t * Math.log1p(axis.max - axis.min)) : axis.min + t * (axis.max - axis.min);
}

/**
 * Skewed: the top 1 % lie more than ten times further above the median than the median
 * lies above the minimum (revenue, spend). Such axes are binned on a log scale, or
 * nearly everyone would share the bottom cells.
 */
export function isSkewed(min: number, median: number, p99: number): boolean {
  return min >= 0 && p99 - median > 10 * Math.max(median - min, Number.EPSILON);
}

/** How many values are known (not NaN), and the smallest of them (Infinity when none). */
function countAndMin(values: Float64Array): { count: number; min: number } {
  let count = 0;
  let min = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    count++;
    if (v < min) min = v;
  }
  return { count, min };
}

/** The q-quantile (0..1) of the known values by quickselect, and the minimum; NaN when none. */
export function range(values: Float64Array, q: number): { min: number; max: number; median: number; count: number } {
  const { count, min } = countAndMin(values);
  if (count === 0) return { min: NaN, max: NaN, median: NaN, count };
  const known = new Float64Array(count);
  for (let i = 0, k = 0; i < values.length; i++) if (values[i] === values[i]) known[k++] = values[i];
  const high = Math.min(count - 1, Math.floor(q * (count - 1)));
  const max = select(known, high);
  // After select, known[0 … high) holds the values below it: the median is among them (q ≥ 0.5).
  const mid = Math.floor((count - 1) / 2);
  const median = mid < high ? select(known.subarray(0, high), mid) : max;
  return { min, max, median, count };
}

/**
 * The cell index (0 … bins − 1) of each value along an axis: floor(axisPosition · bins),
 * inlined with the scale precomputed (a function call per customer costs more than the binning).
 */
function cellIndexer(axis: ScatterAxis, bins: number): (v: number) => number {
  const span = axis.log ? Math.log1p(axis.max - axis.min) : axis.max - axis.min;
  const last = bins - 1;
  // A constant column: everyone in the middle, as axisPosition draws it.
  if (!(span > 0)) return () => bins >> 1;
  const scale = bins / span;
  const min = axis.min;
  if (axis.log) {
    return (v) => {
      const cell = Math.floor(Math.log1p(v > min ? v - min : 0) * scale);
      return cell > last ? last : cell;
    };
  }
  return (v) => {
    const cell = Math.floor((v - min) * scale);
    return cell < 0 ? 0 : cell > last ? last : cell;
  };
}

/** Below this many values the axis runs to the maximum: 1 % of them would be under two customers. */
const CLIP_FROM = 200;
/** Above this many values the axis range comes from an evenly spaced sample of them: plenty for where to draw an axis. */
const SAMPLE = 1 << 16;

function axisOf(values: Float64Array): ScatterAxis {
  const { count, min } = countAndMin(values);
  let source = values;
  if (count > SAMPLE) {
    source = new Float64Array(SAMPLE);
    const step = count / SAMPLE;
    for (let i = 0, k = 0, next = 0; i < values.length && k < SAMPLE; i++) {
      if (values[i] !== values[i]) continue;
      if (next-- === 0) {
        source[k] = values[i];
        next = Math.floor((k + 1) * step) - Math.floor(k * step) - 1;
        k++;
      }
    }
  }
  const r = range(source, count >= CLIP_FROM ? 0.99 : 1);
  return { min, max: Math.max(min, r.max), clipped: 0, log: isSkewed(min, r.median, r.max) };
}

/** Bins customers with both values into a bins × bins grid, noting each cell's main group. */
export function scatterBins(loyalty: Float64Array, profitability: Float64Array, groups: Uint8Array, bins = SCATTER_BINS): ScatterBins {
  const x = axisOf(loyalty);
  const y = axisOf(profitability);
  const xCell = cellIndexer(x, bins);
  const yCell = cellIndexer(y, bins);
  const counts = new Uint32Array(bins * bins);
  const byGroup = new Uint32Array(bins * bins * MAX_GROUPS);
  let plotted = 0;
  let xClipped = 0;
  let yClipped = 0;
  for (let i = 0; i < loyalty.length; i++) {
    const lx = loyalty[i];
    const py = profitability[i];
    if (lx !== lx || py !== py) continue;
    plotted++;
    if (lx > x.max) xClipped++;
    if (py > y.max) yClipped++;
    const cell = yCell(py) * bins + xCell(lx);
    counts[cell]++;
    const g = groups[i];
    if (g !== NO_GROUP) byGroup[cell * MAX_GROUPS + g]++;
  }
  const dominant = new Uint8Array(bins * bins).fill(NO_GROUP);
  for (let cell = 0; cell < counts.length; cell++) {
    let best = 0;
    for (let g = 0; g < MAX_GROUPS; g++) {
      const c = byGroup[cell * MAX_GROUPS + g];
      if (c > best) {
        best = c;
        dominant[cell] = g;
      }
    }
  }
  return { bins, x: { ...x, clipped: xClipped }, y: { ...y, clipped: yClipped }, counts, dominant, plotted };
}

// The relationship scatter, binned: profitability (y) against loyalty (x) as a grid of
// cells, each with its customer count and the group most of them are in. A million
// customers become BINS² numbers, so the chart draws the same quickly at any size.
import { select } from './rank';
import { GROUPS, NO_GROUP } from './segment';

export const SCATTER_BINS = 40;

export interface ScatterBins {
  bins: number;
  /** Axis ranges drawn: from the lowest value to the 99th percentile (higher ones go in the last cell). */
  x: { min: number; max: number; clipped: number };
  y: { min: number; max: number; clipped: number };
  /** counts[row·bins + col]: customers in the cell; row 0 is the lowest profitability. */
  counts: Uint32Array;
  /** The group (GROUPS index) most customers in the cell belong to; NO_GROUP for empty cells. */
  dominant: Uint8Array;
  /** Customers with both values, drawn. */
  plotted: number;
}

/** The q-quantile (0..1) of the known values by quickselect, and the minimum; NaN when none. */
export function range(values: Float64Array, q: number): { min: number; max: number; count: number } {
  let count = 0;
  let min = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    count++;
    if (v < min) min = v;
  }
  if (count === 0) return { min: NaN, max: NaN, count };
  const known = new Float64Array(count);
  for (let i = 0, k = 0; i < values.length; i++) if (values[i] === values[i]) known[k++] = values[i];
  return { min, max: select(known, Math.min(count - 1, Math.floor(q * (count - 1)))), count };
}

function cellOf(v: number, min: number, max: number, bins: number): number {
  if (!(max > min)) return 0;
  const cell = Math.floor(((v - min) / (max - min)) * bins);
  return cell < 0 ? 0 : cell >= bins ? bins - 1 : cell;
}

/** Bins customers with both values into a bins × bins grid, noting each cell's main group. */
export function scatterBins(loyalty: Float64Array, profitability: Float64Array, groups: Uint8Array, bins = SCATTER_BINS): ScatterBins {
  const xr = range(loyalty, 0.99);
  const yr = range(profitability, 0.99);
  const counts = new Uint32Array(bins * bins);
  const byGroup = new Uint32Array(bins * bins * GROUPS.length);
  let plotted = 0;
  let xClipped = 0;
  let yClipped = 0;
  for (let i = 0; i < loyalty.length; i++) {
    const x = loyalty[i];
    const y = profitability[i];
    if (x !== x || y !== y) continue;
    plotted++;
    if (x > xr.max) xClipped++;
    if (y > yr.max) yClipped++;
    const cell = cellOf(y, yr.min, yr.max, bins) * bins + cellOf(x, xr.min, xr.max, bins);
    counts[cell]++;
    const g = groups[i];
    if (g !== NO_GROUP) byGroup[cell * GROUPS.length + g]++;
  }
  const dominant = new Uint8Array(bins * bins).fill(NO_GROUP);
  for (let cell = 0; cell < counts.length; cell++) {
    let best = 0;
    for (let g = 0; g < GROUPS.length; g++) {
      const c = byGroup[cell * GROUPS.length + g];
      if (c > best) {
        best = c;
        dominant[cell] = g;
      }
    }
  }
  return { bins, x: { min: xr.min, max: xr.max, clipped: xClipped }, y: { min: yr.min, max: yr.max, clipped: yClipped }, counts, dominant, plotted };
}

// Ordering numbers in linear time: an LSD radix sort on the IEEE-754 bits (4 passes of
// 16 bits) instead of a comparison sort, for percentile ranks, medians and table order.

const DIGITS = 1 << 16;

/**
 * Row indices of the non-missing values in ascending order of value; ties keep row
 * order (the sort is stable). NaN rows are left out. O(n).
 */
export function ascendingOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  let count = 0;
  for (let i = 0; i < n; i++) if (values[i] === values[i]) count++;
  // Sortable keys: flip every bit of negatives, only the sign bit of the rest.
  const bits = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let hi = new Uint32Array(count);
  let lo = new Uint32Array(count);
  let index = new Uint32Array(count);
  for (let i = 0, k = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) continue;
    const h = bits[2 * i + 1];
    const l = bits[2 * i];
    const negative = h >>> 31 === 1;
    // -0 and +0 are equal values: give both the key of +0.
    const isZero = v === 0;
    hi[k] = isZero ? 0x80000000 : negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[k] = isZero ? 0 : negative ? ~l >>> 0 : l;
    index[k] = i;
    k++;
  }
  let hi2 = new Uint32Array(count);
  let lo2 = new Uint32Array(count);
  let index2 = new Uint32Array(count);
  const counts = new Uint32Array(DIGITS);
  for (let pass = 0; pass < 4; pass++) {
    const source = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let k = 0; k < count; k++) counts[(source[k] >>> shift) & 0xffff]++;
    if (counts[(source[0] >>> shift) & 0xffff] === count) continue; // every key has this digit
    let total = 0;
    for (let d = 0; d < DIGITS; d++) {
      const c = counts[d];
      counts[d] = total;
      total += c;
    }
    for (let k = 0; k < count; k++) {
      const at = counts[(source[k] >>> shift) & 0xffff]++;
      hi2[at] = hi[k];
      lo2[at] = lo[k];
      index2[at] = index[k];
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [index, index2] = [index2, index];
  }
  return index;
}

/**
 * Percentile rank of each value among the non-missing ones, SQL's PERCENT_RANK:
 * (values strictly below) / (n − 1) × 100. NaN stays NaN; a column with a single distinct
 * value gives 50 throughout (it says nothing about anyone).
 */
export function percentileRanks(values: Float64Array, out: Float64Array): void {
  const order = ascendingOrder(values);
  const count = order.length;
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) out[i] = NaN;
  if (count === 0) return;
  if (values[order[0]] === values[order[count - 1]]) {
    for (let k = 0; k < count; k++) out[order[k]] = 50;
    return;
  }
  const denominator = count - 1;
  let below = 0;
  for (let k = 0; k < count; k++) {
    if (k > 0 && values[order[k]] !== values[order[k - 1]]) below = k;
    // (below / (n − 1)) · 100, in SQL's order: the top value is exactly 100.
    out[order[k]] = (below / denominator) * 100;
  }
}

/** Median of the non-missing values (mean of the middle two for an even count); NaN if none. O(n). */
export function median(values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) count++;
  if (count === 0) return NaN;
  const copy = new Float64Array(count);
  for (let i = 0, k = 0; i < values.length; i++) if (values[i] === values[i]) copy[k++] = values[i];
  const mid = count >> 1;
  const upper = select(copy, mid);
  if (count % 2 === 1) return upper;
  // After select, everything left of mid is ≤ copy[mid]: the lower middle is their maximum.
  let lower = -Infinity;
  for (let k = 0; k < mid; k++) if (copy[k] > lower) lower = copy[k];
  return (lower + upper) / 2;
}

/**
 * The lower and upper tertile cuts of the non-missing values: the order statistics (0-based)
 * at ⌊(n − 1) / 3⌋ and ⌊2(n − 1) / 3⌋, so each cut is a value that occurs and the SQL export
 * can take the same rows; NaN each when there are none. O(n).
 */
export function tertiles(values: Float64Array): [number, number] {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) count++;
  if (count === 0) return [NaN, NaN];
  const copy = new Float64Array(count);
  for (let i = 0, k = 0; i < values.length; i++) if (values[i] === values[i]) copy[k++] = values[i];
  const lower = select(copy, Math.floor((count - 1) / 3));
  return [lower, select(copy, Math.floor((2 * (count - 1)) / 3))];
}

/** Quickselect: rearranges a so that a[k] is the k-th smallest, smaller ones before it. O(n). */
export function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const middle = (left + right) >>> 1;
    // Median of three as the pivot keeps sorted and constant input linear.
    const x = a[left];
    const y = a[middle];
    const z = a[right];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}

// Linear scales and "nice" ticks for the charts drawn as plain SVG (the histogram and the
// group bars): a weight change then redraws a few paths, with no chart library's state
// machinery in between.

/** Maps [d0, d1] linearly onto [r0, r1]; a zero-width domain maps everything to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0;
  if (span === 0) return () => r0;
  const k = (r1 - r0) / span;
  return (value) => r0 + (value - d0) * k;
}

/**
 * Ticks from 0 to at least `max`, about `count` of them, on a 1-2-5 step of whole
 * numbers (counts are never split): [0, 200, 400, 600] for 523. The last tick is the top
 * of the axis. A max of 0 or less (an empty chart) gives [0, 1].
 */
export function countTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const step = Math.max(1, (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 && magnitude >= 10 ? 2.5 : residual <= 5 ? 5 : 10) * magnitude);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let k = 0; k * step <= top + step / 2; k++) ticks.push(Math.round(k * step));
  return ticks;
}

/**
 * The outline of a step histogram over bins [from, to) as an SVG path: up and across each
 * bin's count, closed along the baseline. Bins are one unit wide starting at 0; x and y
 * are the chart's scales. Empty when the range holds no bins.
 */
export function stepAreaPath(counts: ArrayLike<number>, from: number, to: number, x: (bin: number) => number, y: (count: number) => number): string {
  if (to <= from) return '';
  const base = y(0);
  let d = `M${px(x(from))},${px(base)}`;
  for (let bin = from; bin < to; bin++) {
    const top = px(y(counts[bin] ?? 0));
    d += `V${top}H${px(x(bin + 1))}`;
  }
  return `${d}V${px(base)}Z`;
}

/** The top edge of a step histogram over every bin, as a line (no baseline): a pinned distribution drawn over the current one. */
export function stepLinePath(counts: ArrayLike<number>, x: (bin: number) => number, y: (count: number) => number): string {
  let d = '';
  for (let bin = 0; bin < counts.length; bin++) {
    const top = px(y(counts[bin]));
    d += bin === 0 ? `M${px(x(0))},${top}` : `V${top}`;
    d += `H${px(x(bin + 1))}`;
  }
  return d;
}

/** Pixels to two decimals: short paths, no visible loss. */
function px(value: number): number {
  return Math.round(value * 100) / 100;
}

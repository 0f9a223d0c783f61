// The vertical layout of a two-column flow (Sankey) chart: the earlier snapshot's
// categories stacked on the left, the current ones on the right, and a ribbon for each
// pair of them with customers, in pixels. Pure: the chart component only draws it.

/** A node's bar: top and bottom in pixels (equal for a node without customers), and its customers. */
export interface FlowNodeBox {
  y0: number;
  y1: number;
  total: number;
}

/** The band of `count` customers from left node `source` to right node `target`: its edge on each side. */
export interface FlowRibbon {
  source: number;
  target: number;
  count: number;
  sourceY0: number;
  sourceY1: number;
  targetY0: number;
  targetY1: number;
}

export interface FlowLayout {
  from: FlowNodeBox[];
  to: FlowNodeBox[];
  /** Source by source, each source's ribbons in target order. */
  ribbons: FlowRibbon[];
  /** Pixels per customer, the same on both sides; 0 when there are no customers. */
  pixelsPerCustomer: number;
}

/** A count the chart can draw: finite and positive. NaN, negatives and Infinity draw nothing rather than poisoning the scale. */
function drawable(count: number): number {
  return Number.isFinite(count) && count > 0 ? count : 0;
}

/** Each left node's customers (row sums of counts) and each right node's (column sums); counts[i * toCount + j] moved from i to j. */
export function flowTotals(counts: ArrayLike<number>, fromCount: number, toCount: number): { fromTotals: Float64Array; toTotals: Float64Array } {
  const fromTotals = new Float64Array(fromCount);
  const toTotals = new Float64Array(toCount);
  for (let i = 0; i < fromCount; i++) {
    for (let j = 0; j < toCount; j++) {
      const count = drawable(counts[i * toCount + j] ?? 0);
      fromTotals[i] += count;
      toTotals[j] += count;
    }
  }
  return { fromTotals, toTotals };
}

function nonZero(totals: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < totals.length; i++) if (drawable(totals[i]) > 0) n++;
  return n;
}

/** Stacks one column's nodes top-down, `gap` apart, centred in [0, height]; nodes without customers take neither height nor gap. */
function stackColumn(totals: ArrayLike<number>, pixelsPerCustomer: number, height: number, gap: number): FlowNodeBox[] {
  let sum = 0;
  for (let i = 0; i < totals.length; i++) sum += drawable(totals[i]);
  const used = sum * pixelsPerCustomer + gap * Math.max(0, nonZero(totals) - 1);
  let cursor = Math.max(0, (height - used) / 2);
  let isFirst = true;
  const boxes: FlowNodeBox[] = [];
  for (let i = 0; i < totals.length; i++) {
    const total = drawable(totals[i]);
    if (total > 0 && !isFirst) cursor += gap;
    if (total > 0) isFirst = false;
    const y0 = cursor;
    cursor += total * pixelsPerCustomer;
    boxes.push({ y0, y1: cursor, total });
  }
  return boxes;
}

/**
 * Node bars and ribbons of a two-column flow in [0, height]. A node's height is its total ×
 * k, with k = min over the two sides of (height − gaps) / side total, so the fuller side
 * fills the height and the other is centred. Gaps shrink when there are so many nodes that
 * they would take over a third of the height. Within a source, ribbons leave in target
 * order, and enter each target in source order: ribbons of one node never cross each other.
 * A zero, negative or non-finite count gives no ribbon; all-zero input gives empty boxes at 0.
 */
export function flowLayout(fromTotals: ArrayLike<number>, toTotals: ArrayLike<number>, counts: ArrayLike<number>, height: number, gap: number): FlowLayout {
  const gaps = Math.max(nonZero(fromTotals), nonZero(toTotals)) - 1;
  const gapPx = gaps > 0 ? Math.min(gap, height / 3 / gaps) : 0;
  let pixelsPerCustomer = Infinity;
  for (const totals of [fromTotals, toTotals]) {
    let sum = 0;
    for (let i = 0; i < totals.length; i++) sum += drawable(totals[i]);
    if (sum > 0) pixelsPerCustomer = Math.min(pixelsPerCustomer, Math.max(0, height - gapPx * Math.max(0, nonZero(totals) - 1)) / sum);
  }
  if (!Number.isFinite(pixelsPerCustomer)) pixelsPerCustomer = 0;
  const from = stackColumn(fromTotals, pixelsPerCustomer, height, gapPx);
  const to = stackColumn(toTotals, pixelsPerCustomer, height, gapPx);
  const targetCursor = to.map((box) => box.y0);
  const ribbons: FlowRibbon[] = [];
  for (let i = 0; i < from.length; i++) {
    let sourceCursor = from[i].y0;
    for (let j = 0; j < to.length; j++) {
      const count = drawable(counts[i * to.length + j] ?? 0);
      if (count === 0) continue;
      const width = count * pixelsPerCustomer;
      ribbons.push({ source: i, target: j, count, sourceY0: sourceCursor, sourceY1: sourceCursor + width, targetY0: targetCursor[j], targetY1: targetCursor[j] + width });
      sourceCursor += width;
      targetCursor[j] += width;
    }
  }
  return { from, to, ribbons, pixelsPerCustomer };
}

function px(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A ribbon's outline from x0 (left nodes' right edge) to x1 (right nodes' left edge): two cubic Béziers with horizontal tangents at both ends, joined by straight edges. */
export function ribbonPath(ribbon: FlowRibbon, x0: number, x1: number, top = 0): string {
  const xm = px((x0 + x1) / 2);
  const [a, b] = [px(x0), px(x1)];
  const [s0, s1, t0, t1] = [ribbon.sourceY0, ribbon.sourceY1, ribbon.targetY0, ribbon.targetY1].map((y) => px(y + top));
  return `M${a},${s0}C${xm},${s0} ${xm},${t0} ${b},${t0}L${b},${t1}C${xm},${t1} ${xm},${s1} ${a},${s1}Z`;
}

/**
 * Label centres near `centres` that do not overlap: label i is `heights[i]` tall, `padding`
 * from its neighbours, inside [top, bottom]. Labels keep their order; one pass down pushes
 * each below the one before, one pass up pulls them back above `bottom`. When they cannot
 * all fit, they are spaced evenly over [top, bottom] (and overlap as little as they can).
 */
export function spreadLabels(centres: readonly number[], heights: readonly number[], padding: number, top: number, bottom: number): number[] {
  const n = centres.length;
  const y = centres.slice();
  for (let i = 0; i < n; i++) {
    const floor = i === 0 ? top + heights[i] / 2 : y[i - 1] + (heights[i - 1] + heights[i]) / 2 + padding;
    y[i] = Math.max(y[i], floor);
  }
  for (let i = n - 1; i >= 0; i--) {
    const ceiling = i === n - 1 ? bottom - heights[i] / 2 : y[i + 1] - (heights[i + 1] + heights[i]) / 2 - padding;
    y[i] = Math.min(y[i], ceiling);
  }
  if (n > 0 && y[0] - heights[0] / 2 < top - 0.5) {
    const first = top + heights[0] / 2;
    const last = bottom - heights[n - 1] / 2;
    return y.map((_, i) => (n === 1 ? (top + bottom) / 2 : first + ((last - first) * i) / (n - 1)));
  }
  return y;
}

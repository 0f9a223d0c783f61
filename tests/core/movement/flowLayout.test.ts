// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flowLayout, flowTotals, ribbonPath, spreadLabels, type FlowLayout } from '../../../src/core/movement/flowLayout';

/** The layout of a from × to count matrix, totals from the matrix as the chart does. */
function layoutOf(counts: number[], fromCount: number, toCount: number, height: number, gap: number): FlowLayout {
  const { fromTotals, toTotals } = flowTotals(counts, fromCount, toCount);
  return flowLayout(fromTotals, toTotals, counts, height, gap);
}

describe('flowLayout', () => {
  it('stacks nodes by their totals and ribbons by count, checked by hand', () => {
    // From A (3 customers: 2 to X, 1 to Y) and B (1 to Y); 100 px, 10 px gap: 90 px for 4 customers.
    const layout = layoutOf([2, 1, 0, 1], 2, 2, 100, 10);
    expect(layout.pixelsPerCustomer).toBe(22.5);
    expect(layout.from).toEqual([
      { y0: 0, y1: 67.5, total: 3 },
      { y0: 77.5, y1: 100, total: 1 },
    ]);
    expect(layout.to).toEqual([
      { y0: 0, y1: 45, total: 2 },
      { y0: 55, y1: 100, total: 2 },
    ]);
    expect(layout.ribbons).toEqual([
      { source: 0, target: 0, count: 2, sourceY0: 0, sourceY1: 45, targetY0: 0, targetY1: 45 },
      { source: 0, target: 1, count: 1, sourceY0: 45, sourceY1: 67.5, targetY0: 55, targetY1: 77.5 },
      { source: 1, target: 1, count: 1, sourceY0: 77.5, sourceY1: 100, targetY0: 77.5, targetY1: 100 },
    ]);
  });

  it('centres the side with fewer nodes: the fuller side sets the scale', () => {
    // Left: two nodes (one gap); right: one node of all 4 customers, 10 px shorter, centred.
    const layout = layoutOf([3, 1], 2, 1, 100, 10);
    expect(layout.to).toEqual([{ y0: 5, y1: 95, total: 4 }]);
  });

  it('gives a node without customers no height and no gap, and a zero count no ribbon', () => {
    const layout = layoutOf([5, 0, 0, 0, 0, 5], 3, 2, 110, 10);
    expect(layout.from[1]).toEqual({ y0: 50, y1: 50, total: 0 });
    expect(layout.from[2]).toEqual({ y0: 60, y1: 110, total: 5 });
    expect(layout.ribbons.map((r) => [r.source, r.target])).toEqual([
      [0, 0],
      [2, 1],
    ]);
  });

  it('draws nothing for all-zero input, without NaN', () => {
    const layout = layoutOf([0, 0, 0, 0, 0, 0], 2, 3, 200, 8);
    expect(layout.ribbons).toEqual([]);
    expect(layout.pixelsPerCustomer).toBe(0);
    for (const box of [...layout.from, ...layout.to]) {
      expect(Number.isFinite(box.y0)).toBe(true);
      expect(box.y1).toBe(box.y0);
    }
  });

  it('ignores negative, NaN and infinite counts rather than letting them break the scale', () => {
    const layout = layoutOf([4, -3, NaN, Infinity], 2, 2, 100, 0);
    expect(layout.ribbons).toHaveLength(1);
    expect(layout.from[0]).toEqual({ y0: 0, y1: 100, total: 4 });
    expect(layout.from[1].total).toBe(0);
  });

  it('shrinks the gaps when there are so many nodes they would take over a third of the height', () => {
    // 21 customers who each stayed in their own category.
    const many = layoutOf(
      Array.from({ length: 21 * 21 }, (_, k) => (Math.floor(k / 21) === k % 21 ? 1 : 0)),
      21,
      21,
      90,
      20,
    );
    // 20 gaps of at most 90 / 3 / 20 = 1.5 px: the bars keep 60 px for 21 customers.
    expect(many.pixelsPerCustomer).toBeCloseTo(60 / 21, 9);
    expect(many.from[20].y1).toBeCloseTo(90, 9);
  });

  it('properties: ribbons fill their nodes exactly, in order, inside the height, never NaN', () => {
    const matrix = fc.record({ fromCount: fc.integer({ min: 1, max: 6 }), toCount: fc.integer({ min: 1, max: 6 }) }).chain(({ fromCount, toCount }) =>
      fc.record({
        fromCount: fc.constant(fromCount),
        toCount: fc.constant(toCount),
        counts: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })), { minLength: fromCount * toCount, maxLength: fromCount * toCount }),
        height: fc.integer({ min: 20, max: 800 }),
        gap: fc.integer({ min: 0, max: 30 }),
      }),
    );
    fc.assert(
      fc.property(matrix, ({ fromCount, toCount, counts, height, gap }) => {
        const layout = layoutOf(counts, fromCount, toCount, height, gap);
        expect(layout.ribbons).toHaveLength(counts.filter((c) => c > 0).length);
        const edges = (side: 'source' | 'target', node: number) => layout.ribbons.filter((r) => r[side] === node).map((r) => (side === 'source' ? [r.sourceY0, r.sourceY1] : [r.targetY0, r.targetY1]));
        for (const [side, boxes] of [
          ['source', layout.from],
          ['target', layout.to],
        ] as const) {
          boxes.forEach((box, node) => {
            expect(Number.isFinite(box.y0) && Number.isFinite(box.y1)).toBe(true);
            expect(box.y0).toBeGreaterThanOrEqual(-1e-9);
            expect(box.y1).toBeLessThanOrEqual(height + 1e-9);
            // Ribbons leave (or enter) one after another from the node's top to its bottom: widths sum to its height, and none cross.
            let cursor = box.y0;
            for (const [y0, y1] of edges(side, node)) {
              expect(y0).toBeCloseTo(cursor, 6);
              cursor = y1;
            }
            expect(cursor).toBeCloseTo(box.y1, 6);
          });
        }
        // Within a source, ribbons go to targets in order; within a target, they come from sources in order.
        for (let i = 1; i < layout.ribbons.length; i++) {
          const [a, b] = [layout.ribbons[i - 1], layout.ribbons[i]];
          if (a.source === b.source) expect(b.target).toBeGreaterThan(a.target);
        }
      }),
    );
  });
});

describe('ribbonPath', () => {
  it('joins the two edges with horizontal-tangent cubic Béziers, shifted down by top', () => {
    const ribbon = { source: 0, target: 1, count: 1, sourceY0: 0, sourceY1: 10, targetY0: 40, targetY1: 50 };
    expect(ribbonPath(ribbon, 10, 110, 20)).toBe('M10,20C60,20 60,60 110,60L110,70C60,70 60,30 10,30Z');
  });
});

describe('spreadLabels', () => {
  it('leaves labels that do not touch where they are', () => {
    expect(spreadLabels([10, 40, 70], [14, 14, 14], 4, 0, 100)).toEqual([10, 40, 70]);
  });

  it('pushes overlapping labels apart, in order', () => {
    expect(spreadLabels([20, 22, 24], [14, 14, 14], 4, 0, 100)).toEqual([20, 38, 56]);
  });

  it('pulls labels pushed past the bottom back up', () => {
    expect(spreadLabels([90, 92, 95], [14, 14, 14], 4, 0, 100)).toEqual([57, 75, 93]);
  });

  it('spaces labels that cannot all fit evenly over the room', () => {
    expect(spreadLabels([10, 10, 10], [20, 20, 20], 10, 0, 40)).toEqual([10, 20, 30]);
  });
});

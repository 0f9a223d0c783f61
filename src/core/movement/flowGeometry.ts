// Everything the flow chart draws, in pixels, for a given width: where the two columns of
// bars stand, how tall the chart is, the ribbons' outlines and the labels ("Good 1,234")
// wrapped and spread so they neither leave the chart nor sit on each other.

import { formatCount } from '../display/format';
import { flowLayout, flowTotals, ribbonPath, spreadLabels, type FlowLayout } from './flowLayout';

/** A category of one snapshot: a band, a relationship group, "new" or "gone". */
export interface FlowCategory {
  key: string;
  label: string;
}

/** One line of a label: the name (or its part) and, on the label's last line, the count ("" where absent). */
export interface LabelText {
  text: string;
  count: string;
}

/** A label's line placed at height y. */
export interface FlowLabelLine extends LabelText {
  y: number;
}

export interface FlowLabel {
  node: number;
  lines: FlowLabelLine[];
}

export interface FlowGeometryRibbon {
  source: number;
  target: number;
  count: number;
  /** The same category on both sides: these customers stayed where they were. */
  isStay: boolean;
  /** "420 Average → Poor", for the ribbon's tooltip. */
  title: string;
  path: string;
}

export interface FlowGeometry {
  /** No customers on either side: nothing to draw but a note. */
  isEmpty: boolean;
  width: number;
  height: number;
  nodeWidth: number;
  /** Left edge of the left bars and of the right bars. */
  leftX: number;
  rightX: number;
  /** Where the left labels end and the right labels start. */
  fromLabelX: number;
  toLabelX: number;
  /** Baseline of the column headings ("Earlier", "Current"). */
  headingY: number;
  /** The layout's y = 0 in the chart: nodes are drawn at top + y. */
  top: number;
  layout: FlowLayout;
  /** Stays first, so the moves are drawn over them. */
  ribbons: FlowGeometryRibbon[];
  /** Labels of the nodes with customers (a node without any has no bar to label). */
  fromLabels: FlowLabel[];
  toLabels: FlowLabel[];
}

const NODE_WIDTH = 10;
/** A 12 px label character on average, a little generous so estimates err towards room. */
const CHAR_WIDTH = 7;
const LINE_HEIGHT = 14;
const LABEL_GAP = 6;
const LABEL_PADDING = 4;
const TOP = 24;
const BOTTOM = 6;
const MIN_BODY_HEIGHT = 220;
const EMPTY_BODY_HEIGHT = 40;
/** Room between a label and the chart's edge, for fonts wider than the estimate. */
const EDGE = 4;
const NODE_GAP = 8;

/** A word longer than maxChars, cut with an ellipsis. */
function cut(word: string, maxChars: number): string {
  return word.length <= maxChars ? word : `${word.slice(0, Math.max(1, maxChars - 1))}…`;
}

/**
 * A label as lines of at most maxChars: the name wrapped at spaces onto at most two lines
 * (the rest cut with an ellipsis), the count after it on the last line when it fits there,
 * else on a line of its own.
 */
export function labelLines(name: string, count: string, maxChars: number): LabelText[] {
  const lines: string[] = [];
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= maxChars) lines[last] += ` ${word}`;
    else lines.push(cut(word, maxChars));
  }
  if (lines.length > 2) lines.splice(1, Infinity, `${lines[1].slice(0, maxChars - 1).trimEnd()}…`);
  const last = lines.length - 1;
  if (last >= 0 && lines[last].length + 1 + count.length <= maxChars) return lines.map((text, k) => ({ text, count: k === last ? count : '' }));
  return [...lines.map((text) => ({ text, count: '' })), { text: '', count }];
}

function lineChars(line: LabelText): number {
  return line.text.length + (line.text && line.count ? 1 : 0) + line.count.length;
}

/** Each node's label lines (null for a node without customers), wrapped to maxChars. */
function sideLabels(categories: readonly FlowCategory[], totals: Float64Array, maxChars: number, locale?: string) {
  return categories.map((category, i) => (totals[i] > 0 ? labelLines(category.label, formatCount(totals[i], locale), maxChars) : null));
}

function widestLine(labels: readonly (LabelText[] | null)[]): number {
  let chars = 0;
  for (const lines of labels) for (const line of lines ?? []) chars = Math.max(chars, lineChars(line));
  return chars;
}

function labelsHeight(labels: readonly (unknown[] | null)[]): number {
  let height = 0;
  for (const lines of labels) if (lines) height += lines.length * LINE_HEIGHT + LABEL_PADDING;
  return height;
}

/** Places one side's labels beside their nodes' centres, spread apart, each line's y set. */
function placeLabels(labels: readonly (LabelText[] | null)[], layout: FlowLayout['from'], bodyHeight: number): FlowLabel[] {
  const nodes = labels.flatMap((lines, node) => (lines ? [{ node, lines }] : []));
  const heights = nodes.map(({ lines }) => lines.length * LINE_HEIGHT);
  const centres = spreadLabels(
    nodes.map(({ node }) => TOP + (layout[node].y0 + layout[node].y1) / 2),
    heights,
    LABEL_PADDING,
    TOP - 4,
    TOP + bodyHeight + BOTTOM,
  );
  return nodes.map(({ node, lines }, k) => ({ node, lines: lines.map((line, l) => ({ ...line, y: centres[k] + (l - (lines.length - 1) / 2) * LINE_HEIGHT })) }));
}

/**
 * The flow chart at `width` pixels. Labels get as many characters as fit beside a ribbon
 * area of at least 30 % of the width (80 px); longer names wrap onto a second line. The
 * chart is tall enough for the side with more label lines, and at least 220 px of bars.
 */
export function flowGeometry(from: readonly FlowCategory[], to: readonly FlowCategory[], counts: ArrayLike<number>, width: number, locale?: string): FlowGeometry {
  const { fromTotals, toTotals } = flowTotals(counts, from.length, to.length);
  const natural = Math.max(widestLine(sideLabels(from, fromTotals, Infinity, locale)), widestLine(sideLabels(to, toTotals, Infinity, locale)));
  const sidePx = (width - 2 * EDGE - 2 * NODE_WIDTH - 2 * LABEL_GAP - Math.max(80, width * 0.3)) / 2;
  const maxChars = Math.max(6, Math.min(natural, Math.floor(sidePx / CHAR_WIDTH)));
  const fromLines = sideLabels(from, fromTotals, maxChars, locale);
  const toLines = sideLabels(to, toTotals, maxChars, locale);
  const isEmpty = !fromTotals.some((total) => total > 0);
  const bodyHeight = isEmpty ? EMPTY_BODY_HEIGHT : Math.max(MIN_BODY_HEIGHT, Math.ceil(Math.max(labelsHeight(fromLines), labelsHeight(toLines)) * 1.25));
  const layout = flowLayout(fromTotals, toTotals, counts, bodyHeight, NODE_GAP);
  const leftX = EDGE + widestLine(fromLines) * CHAR_WIDTH + LABEL_GAP;
  const rightX = width - EDGE - widestLine(toLines) * CHAR_WIDTH - LABEL_GAP - NODE_WIDTH;
  const ribbons = layout.ribbons
    .map((ribbon) => ({
      source: ribbon.source,
      target: ribbon.target,
      count: ribbon.count,
      isStay: from[ribbon.source].key === to[ribbon.target].key,
      title: `${formatCount(ribbon.count, locale)} ${from[ribbon.source].label} → ${to[ribbon.target].label}`,
      path: ribbonPath(ribbon, leftX + NODE_WIDTH, rightX, TOP),
    }))
    .sort((a, b) => Number(b.isStay) - Number(a.isStay));
  return {
    isEmpty,
    width,
    height: TOP + bodyHeight + BOTTOM,
    nodeWidth: NODE_WIDTH,
    leftX,
    rightX,
    fromLabelX: leftX - LABEL_GAP,
    toLabelX: rightX + NODE_WIDTH + LABEL_GAP,
    headingY: TOP - 10,
    top: TOP,
    layout,
    ribbons,
    fromLabels: placeLabels(fromLines, layout.from, bodyHeight),
    toLabels: placeLabels(toLines, layout.to, bodyHeight),
  };
}

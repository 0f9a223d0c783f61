// The flow chart in words: its text alternative and its caption's figures (who stayed, the
// largest moves, who is new and who is gone), from the same counts the chart draws.

import { formatCount } from '../display/format';
import type { FlowCategory } from './flowGeometry';

/** The left node of customers only in the current snapshot, and the right node of those only in the earlier one. */
export const NEW_KEY = 'new';
export const GONE_KEY = 'gone';

/** How many moves the text alternative names; the rest are summed. */
const MOVES_NAMED = 5;

export interface FlowMove {
  source: number;
  target: number;
  count: number;
}

export interface FlowFigures {
  total: number;
  /** Same category on both sides. */
  stayed: number;
  /** From one category to another, new and gone customers aside. */
  moved: number;
  newCount: number;
  goneCount: number;
  /** Every move with customers, largest first (ties in source, then target order). */
  moves: FlowMove[];
}

/** Stayed, moved, new and gone customers of counts[i * to.length + j] (i in from, j in to); a non-finite or negative count counts as 0. */
export function flowFigures(from: readonly FlowCategory[], to: readonly FlowCategory[], counts: ArrayLike<number>): FlowFigures {
  const figures: FlowFigures = { total: 0, stayed: 0, moved: 0, newCount: 0, goneCount: 0, moves: [] };
  for (let i = 0; i < from.length; i++) {
    for (let j = 0; j < to.length; j++) {
      const raw = counts[i * to.length + j] ?? 0;
      const count = Number.isFinite(raw) && raw > 0 ? raw : 0;
      if (count === 0) continue;
      figures.total += count;
      if (from[i].key === NEW_KEY) figures.newCount += count;
      else if (to[j].key === GONE_KEY) figures.goneCount += count;
      else if (from[i].key === to[j].key) figures.stayed += count;
      else {
        figures.moved += count;
        figures.moves.push({ source: i, target: j, count });
      }
    }
  }
  figures.moves.sort((a, b) => b.count - a.count || a.source - b.source || a.target - b.target);
  return figures;
}

/** The caption's figures: "3,100 stayed", "1,240 moved", then "120 new" and "80 gone" when the chart has those nodes. */
export function flowCaption(from: readonly FlowCategory[], to: readonly FlowCategory[], figures: FlowFigures, locale?: string): string[] {
  const parts = [`${formatCount(figures.stayed, locale)} stayed`, `${formatCount(figures.moved, locale)} moved`];
  if (from.some((category) => category.key === NEW_KEY)) parts.push(`${formatCount(figures.newCount, locale)} new`);
  if (to.some((category) => category.key === GONE_KEY)) parts.push(`${formatCount(figures.goneCount, locale)} gone`);
  return parts;
}

function columnTotals(categories: readonly FlowCategory[], total: (index: number) => number, locale?: string): string {
  return categories.map((category, k) => `${category.label} ${formatCount(total(k), locale)}`).join(', ');
}

/**
 * "Band movement flow of 5,000 customers. Earlier: Poor 1,000, …, New 120. Current: …,
 * Gone 80. 3,100 stayed; largest moves: 420 Average → Poor, …, and 40 more in 3 other
 * moves; 120 new, 80 gone." Every category is named with its total, those without
 * customers too, so the text says what the chart cannot draw.
 */
export function flowSummary(title: string, from: readonly FlowCategory[], to: readonly FlowCategory[], counts: ArrayLike<number>, locale?: string): string {
  const figures = flowFigures(from, to, counts);
  if (figures.total === 0) return `${title}: no customers in either snapshot.`;
  const cell = (i: number, j: number) => {
    const count = counts[i * to.length + j] ?? 0;
    return Number.isFinite(count) && count > 0 ? count : 0;
  };
  const rowTotal = (i: number) => to.reduce((sum, _, j) => sum + cell(i, j), 0);
  const columnTotal = (j: number) => from.reduce((sum, _, i) => sum + cell(i, j), 0);
  // A single move left over is named rather than summed: "and 40 more in 1 other move" says less in as many words.
  const namedCount = figures.moves.length === MOVES_NAMED + 1 ? MOVES_NAMED + 1 : MOVES_NAMED;
  const named = figures.moves.slice(0, namedCount).map((move) => `${formatCount(move.count, locale)} ${from[move.source].label} → ${to[move.target].label}`);
  const rest = figures.moves.slice(namedCount);
  if (rest.length > 0) {
    const restCount = rest.reduce((sum, move) => sum + move.count, 0);
    named.push(`and ${formatCount(restCount, locale)} more in ${formatCount(rest.length, locale)} other moves`);
  }
  const moves = named.length > 0 ? `largest moves: ${named.join(', ')}` : 'no one moved';
  const arrivals = flowCaption(from, to, figures, locale).slice(2);
  return (
    `${title} of ${formatCount(figures.total, locale)} customers. ` +
    `Earlier: ${columnTotals(from, rowTotal, locale)}. Current: ${columnTotals(to, columnTotal, locale)}. ` +
    `${formatCount(figures.stayed, locale)} stayed; ${moves}${arrivals.length > 0 ? `; ${arrivals.join(', ')}` : ''}.`
  );
}

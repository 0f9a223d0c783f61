// Relationship groups: profitability × loyalty. In the 2×2 grid each axis splits once
// (low < split ≤ high); in the 3×3 grid twice (low < lower ≤ middle < upper ≤ high).
// The four corner cells are the classic groups in both; the 3×3 grid adds five between.

/** The 2×2 grid's groups in code order: code = profit level + 2 · loyalty level. */
export const GROUPS = ['strangers', 'butterflies', 'barnacles', 'trueFriends'] as const;
/** The 3×3 grid's cells in code order: code = profit level + 3 · loyalty level. */
export const GROUPS_3 = ['strangers', 'occasional', 'butterflies', 'drifters', 'core', 'rising', 'barnacles', 'regulars', 'trueFriends'] as const;
export type Group = (typeof GROUPS_3)[number];

export const GRID_SIZES = [2, 3] as const;
export type GridSize = (typeof GRID_SIZES)[number];
/** Cells of the largest grid: group aggregates keep this many slots, then one for no group. */
export const MAX_GROUPS = GROUPS_3.length;
/** Code for a customer missing a value on either axis. */
export const NO_GROUP = 255;
/** The aggregates' slot of customers in no group. */
export const NO_GROUP_SLOT = MAX_GROUPS;

/** The groups of a grid, in code order. */
export function gridGroups(size: GridSize): readonly Group[] {
  return size === 3 ? GROUPS_3 : GROUPS;
}

/** A group's code in a grid (-1 when the grid has no such group). */
export function groupCode(size: GridSize, group: Group): number {
  return gridGroups(size).indexOf(group);
}

/** Profit level (0 = low) and loyalty level (0 = short) of a code. */
export function groupLevels(size: GridSize, code: number): { profit: number; loyalty: number } {
  return { profit: code % size, loyalty: Math.floor(code / size) };
}

/** Reading order: high profitability on top, long-term loyalty on the right. */
export function gridOrder(size: GridSize): Group[] {
  const groups = gridGroups(size);
  const order: Group[] = [];
  for (let profit = size - 1; profit >= 0; profit--) for (let loyalty = 0; loyalty < size; loyalty++) order.push(groups[profit + size * loyalty]);
  return order;
}

export const GROUP_LABELS: Record<Group, string> = {
  strangers: 'Strangers',
  butterflies: 'Butterflies',
  barnacles: 'Barnacles',
  trueFriends: 'True friends',
  occasional: 'Occasional buyers',
  drifters: 'Drifters',
  core: 'Core customers',
  rising: 'Rising friends',
  regulars: 'Steady regulars',
};

export const GROUP_EXPORT_NAMES: Record<Group, string> = {
  strangers: 'strangers',
  butterflies: 'butterflies',
  barnacles: 'barnacles',
  trueFriends: 'true friends',
  occasional: 'occasional buyers',
  drifters: 'drifters',
  core: 'core customers',
  rising: 'rising friends',
  regulars: 'steady regulars',
};

export const GROUP_STRATEGIES: Record<Group, string> = {
  trueFriends: 'Invest and nurture: communicate often, reward loyalty, delight them.',
  butterflies: 'Harvest while they last: enjoy the margin, no loyalty spend.',
  barnacles: 'Raise share of wallet or cut the cost to serve.',
  strangers: 'Do not invest: serve profitably at the lowest cost.',
  occasional: 'Win the next order: timely offers, little loyalty spend.',
  drifters: 'Serve at low cost; watch for lapse and move them to self-service.',
  core: 'Develop: targeted cross-sell and regular contact to move them up.',
  rising: 'Deepen the bond now: personal contact and loyalty benefits.',
  regulars: 'Reward their loyalty and grow spend with relevant add-ons.',
};

const PROFIT_WORDS = ['Low', 'Medium', 'High'];
const LOYALTY_WORDS = ['short-term', 'medium-term', 'long-term'];

/** "High profitability, short-term": the cell's place in its grid. */
export function groupDescription(size: GridSize, group: Group): string {
  const { profit, loyalty } = groupLevels(size, groupCode(size, group));
  const p = size === 2 ? profit * 2 : profit;
  const l = size === 2 ? loyalty * 2 : loyalty;
  return `${PROFIT_WORDS[p]} profitability, ${LOYALTY_WORDS[l]}`;
}

/** 1 where codes[i] is `code`, else 0: the mask of one segment (a relationship group, an RFM segment). */
export function codeMask(codes: Uint8Array, code: number): Uint8Array {
  const mask = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) mask[i] = codes[i] === code ? 1 : 0;
  return mask;
}

/** Level 0..splits.length of a value against ascending split points (value ≥ split moves up); -1 when missing. */
function levelOf(value: number, splits: readonly number[]): number {
  if (value !== value) return -1;
  let level = 0;
  for (let k = 0; k < splits.length; k++) if (value >= splits[k]) level = k + 1;
  return level;
}

/** One split (2×2) or the list of them (3×3). */
function asSplits(splits: number | readonly number[]): readonly number[] {
  return typeof splits === 'number' ? [splits] : splits;
}

/** Group code of one customer: 2×2 with one split per axis, 3×3 with two; NO_GROUP when a value is missing. */
export function relationshipGroupOf(profitability: number, loyalty: number, profitSplits: number | readonly number[], loyaltySplits: number | readonly number[]): number {
  const ps = asSplits(profitSplits);
  const ls = asSplits(loyaltySplits);
  const p = levelOf(profitability, ps);
  const l = levelOf(loyalty, ls);
  if (p < 0 || l < 0) return NO_GROUP;
  return p + (ps.length + 1) * l;
}

/** Fills out with each customer's group code; NO_GROUP when an axis is unmapped, a split unknown or a value missing. */
export function relationshipGroups(profitability: Float64Array | null, loyalty: Float64Array | null, profitSplits: number | readonly number[], loyaltySplits: number | readonly number[], out: Uint8Array): void {
  const ps = asSplits(profitSplits);
  const ls = asSplits(loyaltySplits);
  if (!profitability || !loyalty || ps.some((s) => s !== s) || ls.some((s) => s !== s)) {
    out.fill(NO_GROUP);
    return;
  }
  const size = ps.length + 1;
  if (size === 2) {
    // The common case, without the level loop.
    const p0 = ps[0];
    const l0 = ls[0];
    for (let i = 0; i < out.length; i++) {
      const p = profitability[i];
      const l = loyalty[i];
      out[i] = p !== p || l !== l ? NO_GROUP : (p >= p0 ? 1 : 0) | (l >= l0 ? 2 : 0);
    }
    return;
  }
  for (let i = 0; i < out.length; i++) {
    const p = levelOf(profitability[i], ps);
    const l = levelOf(loyalty[i], ls);
    out[i] = p < 0 || l < 0 ? NO_GROUP : p + size * l;
  }
}

// Relationship groups: profitability × loyalty, each split into high (≥ split) and low.

export const GROUPS = ['strangers', 'butterflies', 'barnacles', 'trueFriends'] as const;
export type Group = (typeof GROUPS)[number];
/** Code for a customer missing a value on either axis. */
export const NO_GROUP = 255;

export const GROUP_LABELS: Record<Group, string> = {
  strangers: 'Strangers',
  butterflies: 'Butterflies',
  barnacles: 'Barnacles',
  trueFriends: 'True friends',
};

export const GROUP_EXPORT_NAMES: Record<Group, string> = {
  strangers: 'strangers',
  butterflies: 'butterflies',
  barnacles: 'barnacles',
  trueFriends: 'true friends',
};

export const GROUP_STRATEGIES: Record<Group, string> = {
  trueFriends: 'Invest and nurture: communicate often, reward loyalty, delight them.',
  butterflies: 'Harvest while they last: enjoy the margin, no loyalty spend.',
  barnacles: 'Raise share of wallet or cut the cost to serve.',
  strangers: 'Do not invest: serve profitably at the lowest cost.',
};

export const GROUP_DESCRIPTIONS: Record<Group, string> = {
  strangers: 'Low profitability, short-term',
  butterflies: 'High profitability, short-term',
  barnacles: 'Low profitability, long-term',
  trueFriends: 'High profitability, long-term',
};

/** Group code 0..3 (index into GROUPS): bit 0 = high profitability, bit 1 = long loyalty. */
export function relationshipGroupOf(profitability: number, loyalty: number, profitSplit: number, loyaltySplit: number): number {
  if (profitability !== profitability || loyalty !== loyalty) return NO_GROUP;
  return (profitability >= profitSplit ? 1 : 0) | (loyalty >= loyaltySplit ? 2 : 0);
}

/** Fills out with each customer's group code; NO_GROUP when an axis is unmapped or missing. */
export function relationshipGroups(profitability: Float64Array | null, loyalty: Float64Array | null, profitSplit: number, loyaltySplit: number, out: Uint8Array): void {
  if (!profitability || !loyalty || profitSplit !== profitSplit || loyaltySplit !== loyaltySplit) {
    out.fill(NO_GROUP);
    return;
  }
  for (let i = 0; i < out.length; i++) out[i] = relationshipGroupOf(profitability[i], loyalty[i], profitSplit, loyaltySplit);
}

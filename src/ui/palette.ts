// Series colours as literal hex, so charts drawn into a standalone SVG or PNG keep them
// (CSS variables do not survive export). One place for every chart that draws bands or groups.

/** Poor, average, good (BANDS order). */
export const BAND_FILLS = ['#d64545', '#e0a526', '#2f9e6b'] as const;

import type { Group } from '../core/groups/segment';

/** Each relationship group's colour (the corners are the same in the 2×2 and 3×3 grids). */
export const GROUP_FILLS: Record<Group, string> = {
  strangers: '#8a93a6',
  butterflies: '#7a5cf0',
  barnacles: '#e0a526',
  trueFriends: '#2f9e6b',
  occasional: '#b49af7',
  drifters: '#c9a97a',
  core: '#3f86d1',
  rising: '#1fa3a3',
  regulars: '#86b34a',
};

/** Customers in no group (a missing axis value). */
export const NO_GROUP_FILL = '#8a93a6';

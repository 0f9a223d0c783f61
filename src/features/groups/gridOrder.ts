import type { Group } from '../../core/segment';

/** The 2×2 grid's reading order: high profitability on top, long-term loyalty on the right. */
export const GRID_ORDER: readonly Group[] = ['butterflies', 'trueFriends', 'strangers', 'barnacles'];

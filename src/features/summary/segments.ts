import type { BreakdownBy } from '../../core/breakdown';
import { BANDS, BAND_LABELS } from '../../core/model';
import { GROUPS, GROUP_LABELS } from '../../core/segment';

/** Names of the segments a breakdown lists, in its order. */
export function segmentLabels(by: BreakdownBy): string[] {
  return by === 'group' ? GROUPS.map((group) => GROUP_LABELS[group]) : BANDS.map((band) => BAND_LABELS[band]);
}

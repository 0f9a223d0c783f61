import type { BreakdownBy } from '../../core/kpis/breakdown';
import { BANDS, BAND_LABELS } from '../../core/model/model';
import { gridGroups, GROUP_LABELS, type GridSize } from '../../core/groups/segment';

/** Names of the segments a breakdown lists, in its order (a grid's groups in code order). */
export function segmentLabels(by: BreakdownBy, gridSize: GridSize): string[] {
  return by === 'group' ? gridGroups(gridSize).map((group) => GROUP_LABELS[group]) : BANDS.map((band) => BAND_LABELS[band]);
}

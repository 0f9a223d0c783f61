import { useShallow } from 'zustand/react/shallow';
import { BAND_LABELS } from '../../core/model/model';
import { GROUP_LABELS } from '../../core/groups/segment';
import { bandMovementLabels, groupMovementLabels } from '../../core/movement/movement';
import { RFM_SEGMENTS, RFM_SEGMENT_LABELS } from '../../core/rfm/rfmSpec';
import { useAppStore } from '../../state/store';

/** One chip per filter in force (search, group, band, at risk, movement cell, RFM segment); a chip's click clears its filter. */
export function ViewChips() {
  const { search, group, band, atRisk } = useAppStore(useShallow((s) => ({ search: s.tableView.search.trim(), group: s.tableView.group, band: s.tableView.band, atRisk: s.tableView.atRisk === true })));
  const rfmSegment = useAppStore((s) => RFM_SEGMENTS.find((segment) => segment === s.tableView.rfmSegment) ?? null);
  const setTableView = useAppStore((s) => s.setTableView);
  const movement = useAppStore((s) => s.tableView.movement ?? null);
  const size = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const moved = movement ? (movement.table === 'band' ? bandMovementLabels() : groupMovementLabels(size)) : null;
  const movedText = movement && moved ? `${moved.from[movement.from]} → ${moved.to[movement.to]}` : '';
  return (
    <>
      {search !== '' ? (
        <button type="button" className="chip" onClick={() => setTableView({ search: '' })} aria-label={`Clear search: ${search}`}>
          Search: {search} ✕
        </button>
      ) : null}
      {group ? (
        <button type="button" className="chip" onClick={() => setTableView({ group: null })} aria-label={`Clear filter: ${GROUP_LABELS[group]}`}>
          Filter: {GROUP_LABELS[group]} ✕
        </button>
      ) : null}
      {band ? (
        <button type="button" className="chip" onClick={() => setTableView({ band: null })} aria-label={`Clear filter: ${BAND_LABELS[band]}`}>
          Filter: {BAND_LABELS[band]} ✕
        </button>
      ) : null}
      {atRisk ? (
        <button type="button" className="chip" onClick={() => setTableView({ atRisk: false })} aria-label="Clear filter: revenue above the median (at risk)">
          Revenue above median (at risk) ✕
        </button>
      ) : null}
      {movement ? (
        <button type="button" className="chip" onClick={() => setTableView({ movement: null })} aria-label={`Clear filter: moved ${movedText}`}>
          Moved: {movedText} ✕
        </button>
      ) : null}
      {rfmSegment ? (
        <button type="button" className="chip" onClick={() => setTableView({ rfmSegment: null })} aria-label={`Clear filter: ${RFM_SEGMENT_LABELS[rfmSegment]}`}>
          RFM: {RFM_SEGMENT_LABELS[rfmSegment]} ✕
        </button>
      ) : null}
    </>
  );
}

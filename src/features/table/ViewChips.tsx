import { useShallow } from 'zustand/react/shallow';
import { BAND_LABELS } from '../../core/model';
import { GROUP_LABELS } from '../../core/segment';
import { useAppStore } from '../../state/store';

/** One chip per filter in force (search, group, band); a chip's click clears its filter. */
export function ViewChips() {
  const { search, group, band } = useAppStore(useShallow((s) => ({ search: s.tableView.search.trim(), group: s.tableView.group, band: s.tableView.band })));
  const setTableView = useAppStore((s) => s.setTableView);
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
    </>
  );
}

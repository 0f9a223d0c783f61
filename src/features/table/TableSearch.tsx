import { useEffect, useRef, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../../state/store';

/** Typing pauses this long before the engine scans the file, so a word costs one scan. */
const SEARCH_DELAY_MS = 150;

/** The table's global search box: any cell containing the text, ASCII letters in any case. */
export function TableSearch() {
  const search = useAppStore((s) => s.tableView.search);
  const setTableView = useAppStore((s) => s.setTableView);
  const store = useAppStoreApi();
  const [draft, setDraft] = useState(search);
  const [seen, setSeen] = useState(search);
  const timer = useRef<number | undefined>(undefined);
  // The search changed elsewhere (its chip cleared it): show that, as React's docs adjust state to a prop.
  if (search !== seen) {
    setSeen(search);
    setDraft(search);
  }
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const commit = (text: string) => {
    window.clearTimeout(timer.current);
    // Enter after the pause would otherwise ask for the same rows again, back at the top.
    if (store.getState().tableView.search !== text) setTableView({ search: text });
  };
  return (
    <label className="table-search">
      <span>Search customers</span>
      <input
        type="search"
        value={draft}
        placeholder="Name, id, any cell…"
        onChange={(event) => {
          const text = event.currentTarget.value;
          setDraft(text);
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => commit(text), SEARCH_DELAY_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(draft);
        }}
      />
    </label>
  );
}

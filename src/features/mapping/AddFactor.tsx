import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MAX_FACTORS } from '../../core/scoring/score';
import { useAppStore } from '../../state/store';
import { ColumnPicker } from '../../ui/ColumnPicker';

/** Any numeric, categorical or date column can become a factor: choose it, then "Add factor". */
export function AddFactor() {
  const columns = useAppStore(useShallow((s) => (s.dataset?.columns ?? []).filter((c) => c.kind === 'number' || c.kind === 'date' || c.categories !== undefined).map((c) => c.name)));
  const isFull = useAppStore((s) => s.model.factors.length >= MAX_FACTORS);
  const addFactor = useAppStore((s) => s.addFactor);
  const [column, setColumn] = useState('');
  const chosen = columns.includes(column) ? column : '';
  return (
    <fieldset className="mapping-row">
      <legend>New factor</legend>
      <ColumnPicker label="Add a factor" value={chosen || null} columns={columns} onChange={(name) => setColumn(name ?? '')} none="— choose a column —" />
      <button
        type="button"
        className="button small"
        disabled={chosen === '' || isFull}
        onClick={() => {
          addFactor(chosen);
          setColumn('');
        }}
      >
        Add factor
      </button>
      <p className="muted mapping-note">{isFull ? `A model can use at most ${MAX_FACTORS} factors.` : 'It starts at weight 10, linear; set it like any other.'}</p>
    </fieldset>
  );
}

import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store';
import { ColumnPicker } from '../../ui/ColumnPicker';

interface ColumnSelectProps {
  label: string;
  value: string | null;
  onChange: (column: string | null) => void;
  /** Yes/no columns can be chosen too (outcomes and rates). */
  allowFlags?: boolean;
  /** Categorical text columns can be chosen too (factors, scored by points per value). */
  allowCategories?: boolean;
  /** Date columns can be chosen too (factors, scored by recency). */
  allowDates?: boolean;
}

/** A labelled choice among the file's numeric (and, if allowed, yes/no, categorical or date) columns, or none. */
export function ColumnSelect({ label, value, onChange, allowFlags = false, allowCategories = false, allowDates = false }: ColumnSelectProps) {
  const numericColumns = useAppStore(
    useShallow((s) =>
      (s.dataset?.columns ?? [])
        .filter((c) => c.kind === 'number' || (allowFlags && c.kind === 'flag') || (allowCategories && c.categories !== undefined) || (allowDates && c.kind === 'date'))
        .map((c) => c.name),
    ),
  );
  return <ColumnPicker label={label} value={value} columns={numericColumns} onChange={onChange} none="— not mapped —" />;
}

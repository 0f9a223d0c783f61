/** A labelled choice of one of the given columns, or none (value null). Which columns fit is the caller's call. */
export function ColumnPicker({
  label,
  value,
  columns,
  onChange,
  none = '— none —',
}: {
  label: string;
  value: string | null;
  columns: readonly string[];
  onChange: (column: string | null) => void;
  none?: string;
}) {
  return (
    <label>
      <span>{label}</span>
      <select value={value ?? ''} onChange={(event) => onChange(event.currentTarget.value || null)}>
        <option value="">{none}</option>
        {columns.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

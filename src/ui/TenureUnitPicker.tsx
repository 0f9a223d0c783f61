import { TENURE_UNITS, type TenureUnit } from '../core/groups/tenure';

/** The unit a date column's tenure is counted in on the loyalty axis (days, months, years). */
export function TenureUnitPicker({ label, value, onChange }: { label: string; value: TenureUnit; onChange: (unit: TenureUnit) => void }) {
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(TENURE_UNITS.find((unit) => unit === event.currentTarget.value) ?? 'months')}>
        {TENURE_UNITS.map((unit) => (
          <option key={unit} value={unit}>
            {unit}
          </option>
        ))}
      </select>
    </label>
  );
}

import { NumberField } from './NumberField';

interface CategoryPointsEditorProps {
  label: string;
  /** The column's values, in the dataset's order. */
  categories: readonly string[];
  points: Readonly<Record<string, number>>;
  onChange: (points: Record<string, number>) => void;
}

/** Points per value of a categorical column: one labelled 0–100 input per value. */
export function CategoryPointsEditor({ label, categories, points, onChange }: CategoryPointsEditorProps) {
  return (
    <fieldset className="points-table">
      <legend>{label} points per value</legend>
      {categories.map((category) => (
        <div className="points-step" key={category}>
          <NumberField
            label={`${label}: points for ${category}`}
            visibleLabel={category}
            value={points[category] ?? NaN}
            min={0}
            max={100}
            isValid={(v) => v >= 0 && v <= 100}
            onChange={(value) => onChange({ ...points, [category]: value })}
          />
        </div>
      ))}
      <p className="muted mapping-note">A value without points counts as missing for {label}.</p>
    </fieldset>
  );
}

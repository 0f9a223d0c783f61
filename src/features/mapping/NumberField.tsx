import { useState } from 'react';

interface NumberFieldProps {
  label: string;
  value: number;
  /** Called with each valid number typed; blank or invalid text waits (and is marked invalid). */
  onChange: (value: number) => void;
  isValid?: (value: number) => boolean;
  min?: number;
  max?: number;
  /** Called when focus leaves the field (the points table sorts its steps then). */
  onBlur?: () => void;
  /** Visible text when it differs from the accessible label ("from" beside "Tickets step 2 from"). */
  visibleLabel?: string;
}

/**
 * A labelled number input that keeps what is being typed ("", "-", "1.") and passes on
 * only numbers, so a half-typed value never reaches the model.
 */
export function NumberField({ label, value, onChange, isValid = Number.isFinite, min, max, onBlur, visibleLabel }: NumberFieldProps) {
  const [draft, setDraft] = useState(String(value));
  const [applied, setApplied] = useState(value);
  // The model changed from elsewhere (a sort, a new shape): show its value.
  if (!Object.is(value, applied)) {
    setApplied(value);
    setDraft(String(value));
  }
  const parsed = draft.trim() === '' ? NaN : Number(draft);
  const valid = Number.isFinite(parsed) && isValid(parsed);
  return (
    <label>
      <span aria-hidden={visibleLabel ? true : undefined}>{visibleLabel ?? label}</span>
      <input
        type="number"
        step="any"
        min={min}
        max={max}
        value={draft}
        aria-label={visibleLabel ? label : undefined}
        aria-invalid={valid ? undefined : true}
        onBlur={onBlur}
        onChange={(event) => {
          const text = event.currentTarget.value;
          setDraft(text);
          const next = text.trim() === '' ? NaN : Number(text);
          if (Number.isFinite(next) && isValid(next)) {
            setApplied(next);
            onChange(next);
          }
        }}
      />
    </label>
  );
}

import { useAppStore } from '../../state/store';

/** Forgets the dataset and model, here and in this browser's storage, back to the empty state. */
export function ClearDataButton() {
  const clearData = useAppStore((s) => s.clearData);
  return (
    <button type="button" className="button" onClick={clearData}>
      Clear data
    </button>
  );
}

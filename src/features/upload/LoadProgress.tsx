import { useAppStore } from '../../state/store';

const PHASE_LABELS = { reading: 'Reading', parsing: 'Scoring' } as const;

/** Progress of the load in flight, with a cancel button. */
export function LoadProgress() {
  const loading = useAppStore((s) => s.loading);
  const cancelLoad = useAppStore((s) => s.cancelLoad);
  if (!loading) return null;
  const percent = Math.round(loading.fraction * 100);
  return (
    <div className="progress">
      <label htmlFor="load-progress">
        {PHASE_LABELS[loading.phase]} {loading.fileName}… {percent} %
      </label>
      <progress id="load-progress" max={100} value={percent} />
      <button type="button" className="button small" onClick={cancelLoad}>
        Cancel loading
      </button>
    </div>
  );
}

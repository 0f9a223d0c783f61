import { useAppStore } from '../../state/store';

/** Notes that are not failures: what became of an imported model, and what this browser could not store. */
export function ModelNotice() {
  const modelNotice = useAppStore((s) => s.modelNotice);
  const storageNotice = useAppStore((s) => s.storageNotice);
  const dismissModelNotice = useAppStore((s) => s.dismissModelNotice);
  const dismissStorageNotice = useAppStore((s) => s.dismissStorageNotice);
  return (
    <div className="model-notices" aria-live="polite">
      {modelNotice ? <Note text={modelNotice} onDismiss={dismissModelNotice} /> : null}
      {storageNotice ? <Note text={storageNotice} onDismiss={dismissStorageNotice} /> : null}
    </div>
  );
}

function Note({ text, onDismiss }: { text: string; onDismiss: () => void }) {
  return (
    <p className="model-notice">
      {text}{' '}
      <button type="button" className="ghost" onClick={onDismiss} aria-label={`Dismiss: ${text}`}>
        ✕
      </button>
    </p>
  );
}

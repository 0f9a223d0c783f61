import { useAppStore } from '../state/store';

/** The one problem the user must see, in role="alert"; dismissable. */
export function Alert() {
  const alert = useAppStore((s) => s.alert);
  const dismissAlert = useAppStore((s) => s.dismissAlert);
  return (
    <div className="alert-slot" role="alert">
      {alert ? (
        <div className="alert">
          <span className="alert-icon" aria-hidden="true">!</span>
          <p>{alert}</p>
          <button type="button" className="ghost" onClick={dismissAlert} aria-label="Dismiss message">
            ✕
          </button>
        </div>
      ) : null}
    </div>
  );
}

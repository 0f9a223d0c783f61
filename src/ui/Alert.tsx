interface AlertProps {
  /** The message, or null: the role="alert" region stays in the page either way, so a message put in it is announced. */
  message: string | null;
  onDismiss: () => void;
}

/** The one problem the user must see, in role="alert"; dismissable. */
export function Alert({ message, onDismiss }: AlertProps) {
  return (
    <div className="alert-slot" role="alert">
      {message ? (
        <div className="alert">
          <span className="alert-icon" aria-hidden="true">
            !
          </span>
          <p>{message}</p>
          <button type="button" className="ghost" onClick={onDismiss} aria-label="Dismiss message">
            ✕
          </button>
        </div>
      ) : null}
    </div>
  );
}

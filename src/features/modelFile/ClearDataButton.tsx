import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../state/store';

/**
 * Forgets the dataset and model, here and in this browser's storage, back to the empty
 * state: after a second, explicit click, since the weights, mapping and rules go with it.
 */
export function ClearDataButton() {
  const clearData = useAppStore((s) => s.clearData);
  const [isAsking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    // Focus goes to Cancel when asked, and back to the button when not cleared.
    if (isAsking) cancel.current?.focus();
    else if (wasAsking.current) ask.current?.focus();
    wasAsking.current = isAsking;
  }, [isAsking]);
  return (
    <div className="clear-data">
      <button ref={ask} type="button" className="button" aria-expanded={isAsking} onClick={() => setAsking(!isAsking)}>
        Clear data
      </button>
      {isAsking ? (
        <div className="confirm-clear" role="group" aria-label="Confirm clearing the data" onKeyDown={(event) => event.key === 'Escape' && setAsking(false)}>
          <p className="small">Remove the file, model and settings from this browser?</p>
          <div className="confirm-actions">
            <button ref={cancel} type="button" className="button" onClick={() => setAsking(false)}>
              Cancel
            </button>
            <button type="button" className="button danger" onClick={clearData}>
              Yes, clear
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

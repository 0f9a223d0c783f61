import { useState } from 'react';
import { shareUrlOf } from '../../core/model/shareLink';
import { useAppStoreApi } from '../../state/store';

/** Copies a link carrying the model (never the data); shows the link to copy by hand if the clipboard is refused. */
export function ShareLinkButton() {
  const store = useAppStoreApi();
  const [result, setResult] = useState<{ copied: true } | { copied: false; link: string; reason: string } | null>(null);

  const copy = async () => {
    const link = shareUrlOf(window.location.href, store.getState().model);
    try {
      if (!navigator.clipboard) throw new Error('this page has no clipboard access');
      await navigator.clipboard.writeText(link);
      setResult({ copied: true });
    } catch (error) {
      setResult({ copied: false, link, reason: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={copy}>
        Copy share link
      </button>
      <span className="share-result" aria-live="polite">
        {result?.copied ? <span className="muted">Link copied: it holds the model only, never your data.</span> : null}
        {result && !result.copied ? (
          <label className="share-fallback" title={`The browser did not allow copying (${result.reason}).`}>
            <span>Share link (copy it by hand)</span>
            <input type="text" readOnly value={result.link} onFocus={(event) => event.currentTarget.select()} />
          </label>
        ) : null}
      </span>
    </>
  );
}

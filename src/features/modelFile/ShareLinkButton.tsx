import { useState } from 'react';
import { shareLinkContents, shareUrlOf, withoutCategoryValues } from '../../core/model/shareLink';
import { useAppStore, useAppStoreApi } from '../../state/store';

/**
 * Copies a link carrying the model (never the data), saying first what it holds — column
 * names, category values, split values — and offering one without the category values;
 * shows the link to copy by hand if the clipboard is refused.
 */
export function ShareLinkButton() {
  const store = useAppStoreApi();
  const contents = useAppStore((s) => shareLinkContents(s.model));
  const hasCategories = useAppStore((s) => s.model.factors.some((factor) => factor.shape.kind === 'categories' && Object.keys(factor.shape.points).length > 0));
  const [result, setResult] = useState<{ copied: true; withoutCategories: boolean } | { copied: false; link: string; reason: string } | null>(null);

  const copy = async (withoutCategories: boolean) => {
    const model = store.getState().model;
    const link = shareUrlOf(window.location.href, withoutCategories ? withoutCategoryValues(model) : model);
    try {
      if (!navigator.clipboard) throw new Error('this page has no clipboard access');
      await navigator.clipboard.writeText(link);
      setResult({ copied: true, withoutCategories });
    } catch (error) {
      setResult({ copied: false, link, reason: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <>
      <p className="muted small share-contents">{contents}</p>
      <button type="button" className="button" onClick={() => copy(false)}>
        Copy share link
      </button>
      {hasCategories ? (
        <button type="button" className="button" onClick={() => copy(true)}>
          Copy share link without category values
        </button>
      ) : null}
      <span className="share-result" aria-live="polite">
        {result?.copied ? <span className="muted">Link copied{result.withoutCategories ? ' without category values' : ''}: it holds the model only, never your data.</span> : null}
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

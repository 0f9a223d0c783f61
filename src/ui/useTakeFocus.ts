import { useEffect, type RefObject } from 'react';

/** Marks a control whose focus a new view may take over when it appears (the upload controls). */
export const FOCUS_HANDOFF = { 'data-focus-handoff': '' } as const;

/**
 * Moves focus to `target` each time `key` changes to a non-null value, if focus was lost (the
 * control the user last used has left the page, so focus fell to the body) or is on a control
 * marked with FOCUS_HANDOFF. Focus a user has put anywhere else stays where it is.
 */
export function useTakeFocus(target: RefObject<HTMLElement | null>, key: string | null) {
  useEffect(() => {
    if (key === null) return;
    const active = document.activeElement;
    if (active === null || active === document.body || active.closest('[data-focus-handoff]') !== null) target.current?.focus();
  }, [key, target]);
}

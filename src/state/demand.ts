// Views ask for the parts of the analysis they show, only while they are on screen or about
// to be: an IntersectionObserver on the view's root. Off screen a view asks for nothing and
// keeps showing what it last showed (useAppStore's selections freeze inside it), so a weight change neither
// computes nor re-renders it; scrolled back, it asks again and says it is catching up until
// its parts arrive. Without IntersectionObserver (jsdom) every mounted view asks.
import { createElement, useCallback, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import type { AnalysisPart } from '../workers/protocol';
import { ShownContext, useAppStore, useAppStoreApi } from './store';

/** How far outside the viewport a view counts as about to be shown: a few wheel steps of scrolling. */
const AHEAD = '150px 0px';

/** Asks for `parts` while the element given to `ref` is on screen or near it; `isShown` tells whether it is. */
export function useDemand(parts: readonly AnalysisPart[]): { ref: (node: Element | null) => void; isShown: boolean } {
  const store = useAppStoreApi();
  const [node, setNode] = useState<Element | null>(null);
  const [isShown, setShown] = useState(() => typeof IntersectionObserver === 'undefined');
  const key = parts.join(' ');
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') {
      store.getState().showParts(parts);
      return () => store.getState().hideParts(parts);
    }
    if (!node) return;
    let shown = false;
    const observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.some((entry) => entry.isIntersecting);
        if (visible === shown) return;
        shown = visible;
        setShown(visible);
        if (visible) store.getState().showParts(parts);
        else store.getState().hideParts(parts);
      },
      { rootMargin: AHEAD },
    );
    observer.observe(node);
    return () => {
      observer.disconnect();
      if (shown) store.getState().hideParts(parts);
    };
    // parts are compared by their names (key): a new array of the same parts is the same demand.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [node, key, store]);
  const ref = useCallback((next: Element | null) => setNode(next), []);
  return { ref, isShown };
}

/** Marks the subtree as one view that is on screen or not: useAppStore below it freezes while it is not. */
export function ShownScope({ isShown, children }: { isShown: boolean; children: ReactNode }) {
  return createElement(ShownContext.Provider, { value: isShown }, children);
}

/** True while any of the parts a view shows is of an earlier model or filter. */
export function useCatchingUp(parts: readonly AnalysisPart[]): boolean {
  return useAppStore((s) => parts.some((part) => s.stale[part] === true));
}

/** What a view's Panel takes to be watched and to say it is catching up. */
export interface ViewProps {
  sectionRef: (node: Element | null) => void;
  isCatchingUp: boolean;
  isShown: boolean;
}

/**
 * A view that asks for `parts` only while on screen: Body renders inside a ShownScope (its
 * useAppStore selections freeze off screen) and passes `view` to its Panel.
 */
export function withDemand<P extends object>(parts: readonly AnalysisPart[], Body: ComponentType<P & { view: ViewProps }>): ComponentType<P> {
  function View(props: P) {
    const demand = useDemand(parts);
    const isCatchingUp = useCatchingUp(parts) && demand.isShown;
    const body = createElement(Body, { ...props, view: { sectionRef: demand.ref, isCatchingUp, isShown: demand.isShown } });
    return createElement(ShownScope, { isShown: demand.isShown, children: body });
  }
  View.displayName = `withDemand(${Body.displayName ?? Body.name})`;
  return View;
}

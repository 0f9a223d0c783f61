import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { contentOffset, rowsInView, scrollScale, scrollTopShowing } from '../../core/table/scrollScale';

/**
 * The virtualiser of the customer table, a scaled virtual scroll (core/scrollScale): which
 * rows are in view at the scroller's position and where each is drawn in the spacer. A row
 * sits where it is laid out while the list fits under the cap; past it, the content at the
 * mapped offset is drawn at the scroll position, so every row of 1M or 10M can be shown.
 */
export function useRowWindow(total: number, rowPx: number) {
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportPx, setViewportPx] = useState(0);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // The rows scroll under the sticky header: the view is the scroller less the header.
    const measure = () => setViewportPx(Math.max(0, element.clientHeight - (head.current?.offsetHeight ?? 0)));
    const onScroll = () => setScrollTop(element.scrollTop);
    measure();
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(element);
    if (head.current) observer?.observe(head.current);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, []);
  const scale = scrollScale(total * rowPx, viewportPx);
  const { first, last } = rowsInView(scale, scrollTop, rowPx, total);
  const shift = scale.ratio === 1 ? 0 : scrollTop - contentOffset(scale, scrollTop);
  /** Scrolls, and takes the position the element kept: a browser may round it, jsdom sends no scroll event. */
  const scrollTo = useCallback((top: number) => {
    const element = scroller.current;
    if (!element) return;
    element.scrollTop = top;
    setScrollTop(element.scrollTop);
  }, []);
  return {
    scroller,
    head,
    first,
    last,
    /** The rows wholly in view, which a page key moves by. */
    pageRows: Math.max(1, Math.floor(scale.viewportPx / rowPx)),
    spacerPx: scale.spacerPx,
    /** Where row `index` is drawn in the spacer. */
    topOf: (index: number) => index * rowPx + shift,
    scrollTo,
    /** Scrolls the least that shows row `index` wholly. */
    showRow: (index: number) => scrollTo(scrollTopShowing(scale, scrollTop, index, rowPx)),
  };
}

import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The width in CSS pixels of the element `ref` is put on, kept up to date as the layout
 * changes (ResizeObserver). Charts drawn as plain SVG read it to draw in real pixels, so
 * text keeps its size whatever the panel's width. `fallback` until the element is laid
 * out (and where there is no layout, as in jsdom).
 */
export function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.round(element.clientWidth));
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);
  return { ref, width: width > 0 ? width : fallback };
}

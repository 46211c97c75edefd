'use client';

import { useLayoutEffect, useState, type RefObject } from 'react';

export interface BoxSize {
  width: number;
  height: number;
}

/**
 * The element's size in whole CSS px, measured before the first paint and on every resize;
 * the height only when `withHeight` (otherwise 0, so height changes cause no render).
 */
export function useBoxSize(ref: RefObject<HTMLElement | null>, withHeight: boolean): BoxSize {
  const [size, setSize] = useState<BoxSize>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const set = (w: number, h: number) => {
      const next = { width: Math.floor(w), height: withHeight ? Math.floor(h) : 0 };
      setSize((prev) => (prev.width === next.width && prev.height === next.height ? prev : next));
    };
    const r = el.getBoundingClientRect();
    set(r.width, r.height);
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) set(box.width, box.height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, withHeight]);
  return size;
}

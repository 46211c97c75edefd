'use client';

import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/** A dot to draw: position in CSS px and a colour (a CSS colour or `var(--name, fallback)`). */
export interface Dot {
  x: number;
  y: number;
  color: string;
}

const DOT_RADIUS = 4;

/** Counts theme changes (<html data-theme>, or the system's colour scheme), so canvases can redraw. */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      mq.removeEventListener('change', bump);
    };
  }, []);
  return version;
}

/** `var(--name, fallback)` → the variable's value on `el` (or the fallback); other colours as given. */
export function resolveColor(el: Element, color: string): string {
  const m = /^var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$/.exec(color.trim());
  if (!m) return color;
  const value = getComputedStyle(el).getPropertyValue(m[1] ?? '').trim();
  return value !== '' ? value : (m[2]?.trim() ?? '#888');
}

/**
 * Draws `dots` on the canvas, sized `width` × `height` CSS px at the device's pixel ratio,
 * before the frame is painted; again when the theme changes. Once drawn the canvas carries
 * `data-drawn` (how many points the chart shows: `drawn`) and `data-for` (`drawKey`).
 */
export function usePointCanvas(ref: RefObject<HTMLCanvasElement | null>, opts: { dots: readonly Dot[]; width: number; height: number; drawn: number; drawKey: string }): void {
  const theme = useThemeVersion();
  const { dots, width, height, drawn, drawKey } = opts;
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (width <= 0) {
      delete canvas.dataset.drawn;
      return;
    }
    // one path per colour
    const byColor = new Map<string, Dot[]>();
    for (const d of dots) {
      const list = byColor.get(d.color);
      if (list) list.push(d);
      else byColor.set(d.color, [d]);
    }
    for (const [color, list] of byColor) {
      ctx.fillStyle = resolveColor(canvas, color);
      ctx.beginPath();
      for (const d of list) {
        ctx.moveTo(d.x + DOT_RADIUS, d.y);
        ctx.arc(d.x, d.y, DOT_RADIUS, 0, Math.PI * 2);
      }
      ctx.fill();
    }
    canvas.dataset.drawn = String(drawn);
    canvas.dataset.for = drawKey;
  }, [ref, dots, width, height, drawn, drawKey, theme]);
}

/** The element's width in CSS px, measured before the first paint and on every resize. */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    setWidth(Math.floor(el.getBoundingClientRect().width));
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(Math.floor(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

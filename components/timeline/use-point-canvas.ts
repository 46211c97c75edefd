'use client';

import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { useBoxSize } from '@/components/ui/use-box-size';

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

/** A dot of `color` on a small canvas, `DOT_RADIUS` + 1 px each side (CSS px) at `dpr`. */
function dotStamp(color: string, dpr: number): HTMLCanvasElement {
  const half = DOT_RADIUS + 1;
  const stamp = document.createElement('canvas');
  stamp.width = stamp.height = Math.ceil(half * 2 * dpr);
  const ctx = stamp.getContext('2d');
  if (ctx) {
    ctx.scale(stamp.width / (half * 2), stamp.height / (half * 2));
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(half, half, DOT_RADIUS, 0, Math.PI * 2);
    ctx.fill();
  }
  return stamp;
}

/** Resolved colours of the current theme: reading them forces a style pass, so once per theme. */
const resolved = new Map<string, string>();
let resolvedFor = '';
function colors(el: Element, color: string): string {
  const root = document.documentElement;
  const theme = `${root.dataset.theme ?? ''}|${root.className}|${window.matchMedia('(prefers-color-scheme: dark)').matches}`;
  if (theme !== resolvedFor) {
    resolved.clear();
    resolvedFor = theme;
  }
  let value = resolved.get(color);
  if (value === undefined) {
    value = resolveColor(el, color);
    resolved.set(color, value);
  }
  return value;
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
    // one stamp per colour, copied to each point: far cheaper than filling thousands of arcs
    // (software rasterising) and the same look
    const stamps = new Map<string, HTMLCanvasElement>();
    const half = DOT_RADIUS + 1;
    for (const d of dots) {
      let stamp = stamps.get(d.color);
      if (!stamp) {
        stamp = dotStamp(colors(canvas, d.color), dpr);
        stamps.set(d.color, stamp);
      }
      // whole pixels: a plain copy, no resampling
      ctx.drawImage(stamp, Math.round(d.x - half), Math.round(d.y - half), half * 2, half * 2);
    }
    canvas.dataset.drawn = String(drawn);
    canvas.dataset.for = drawKey;
  }, [ref, dots, width, height, drawn, drawKey, theme]);
}

/** The element's width in CSS px, measured before the first paint and on every resize. */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  return useBoxSize(ref, false).width;
}

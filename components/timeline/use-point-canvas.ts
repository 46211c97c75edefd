'use client';

import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { useBoxSize } from '@/components/ui/use-box-size';
import { dotMask, paintDots, touchedBands, type DotMask, type Rgba } from './dot-raster';

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

/** A CSS colour (resolved: no `var()`) as the canvas paints it. */
function rgbaOf(color: string): Rgba {
  const probe = document.createElement('canvas');
  probe.width = probe.height = 1;
  const ctx = probe.getContext('2d', { willReadFrequently: true });
  if (!ctx) return { r: 136, g: 136, b: 136, a: 1 };
  ctx.fillStyle = '#888';
  ctx.fillStyle = color; // an invalid colour leaves the grey
  ctx.fillRect(0, 0, 1, 1);
  const [r = 136, g = 136, b = 136, a = 255] = ctx.getImageData(0, 0, 1, 1).data;
  return { r, g, b, a: a / 255 };
}

/** Colours of the current theme: reading them forces a style pass, so once per theme. */
const resolved = new Map<string, Rgba>();
let resolvedFor = '';
/** The colours of the theme now in force, looked up on `el` (the theme is checked once per call of this, i.e. once per draw). */
function themeColors(el: Element): (color: string) => Rgba {
  const root = document.documentElement;
  const theme = `${root.dataset.theme ?? ''}|${root.className}|${window.matchMedia('(prefers-color-scheme: dark)').matches}`;
  if (theme !== resolvedFor) {
    resolved.clear();
    resolvedFor = theme;
  }
  return (color) => {
    let value = resolved.get(color);
    if (value === undefined) {
      value = rgbaOf(resolveColor(el, color));
      resolved.set(color, value);
    }
    return value;
  };
}

/** Dot masks by device pixel ratio. */
const masks = new Map<number, DotMask>();
function maskFor(dpr: number): DotMask {
  let mask = masks.get(dpr);
  if (!mask) {
    mask = dotMask(DOT_RADIUS * dpr, (DOT_RADIUS + 1) * 2 * dpr);
    masks.set(dpr, mask);
  }
  return mask;
}

/** Each canvas's pixel buffer, kept between draws of the same size (megabytes: not allocated again each time; the caller clears what it uses). */
const buffers = new WeakMap<HTMLCanvasElement, ImageData>();
function pixelsFor(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D): ImageData {
  let img = buffers.get(canvas);
  if (!img || img.width !== canvas.width || img.height !== canvas.height) {
    img = ctx.createImageData(canvas.width, canvas.height);
    buffers.set(canvas, img);
  }
  return img;
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
    const cw = Math.round(width * dpr);
    const ch = Math.round(height * dpr);
    // a new size reallocates (and clears) the canvas; the same size is only cleared
    if (canvas.width !== cw || canvas.height !== ch) {
      canvas.width = cw;
      canvas.height = ch;
    } else ctx.clearRect(0, 0, cw, ch);
    if (width <= 0 || cw === 0 || ch === 0) {
      delete canvas.dataset.drawn;
      return;
    }
    // the dots written into one pixel buffer and put on the canvas band by band: only the rows
    // of pixels they touch are cleared and put (a drawImage per dot took ~40 ms for 5,000 in
    // Chromium's software canvas; putting the whole plot's pixels took ~15)
    const mask = maskFor(dpr);
    const half = mask.size / 2;
    const lefts = new Int32Array(dots.length);
    const tops = new Int32Array(dots.length);
    const rgba = new Array<Rgba>(dots.length);
    const colorOf = themeColors(canvas);
    dots.forEach((d, i) => {
      // whole device pixels, as the stamp copies were
      lefts[i] = Math.round(d.x * dpr - half);
      tops[i] = Math.round(d.y * dpr - half);
      rgba[i] = colorOf(d.color);
    });
    const bands = touchedBands(tops, mask.size, ch);
    const img = pixelsFor(canvas, ctx);
    for (const [from, to] of bands) img.data.fill(0, from * cw * 4, to * cw * 4);
    paintDots(img, mask, lefts, tops, rgba);
    for (const [from, to] of bands) ctx.putImageData(img, 0, 0, 0, from, cw, to - from);
    canvas.dataset.drawn = String(drawn);
    canvas.dataset.for = drawKey;
  }, [ref, dots, width, height, drawn, drawKey, theme]);
}

/** The element's width in CSS px, measured before the first paint and on every resize. */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  return useBoxSize(ref, false).width;
}

import { describe, expect, it } from 'vitest';
import { dotMask, paintDot, paintDots, pixelWords, touchedBands, type PixelBuffer } from './dot-raster';

const buffer = (width: number, height: number): PixelBuffer => ({ data: new Uint8ClampedArray(width * height * 4), width, height });
const pixel = (buf: PixelBuffer, x: number, y: number) => Array.from(buf.data.subarray((y * buf.width + x) * 4, (y * buf.width + x) * 4 + 4));
const BLUE = { r: 31, g: 119, b: 180, a: 1 };
const RED = { r: 214, g: 39, b: 40, a: 1 };

describe('dotMask', () => {
  it('covers the middle fully, the corners not at all, and about πr² in all', () => {
    const m = dotMask(4, 10);
    expect(m.size).toBe(10);
    expect(m.cover[5 * 10 + 5]).toBe(1);
    expect(m.cover[0]).toBe(0);
    expect(m.cover[9 * 10 + 9]).toBe(0);
    const area = m.cover.reduce((s, c) => s + c, 0);
    expect(area).toBeGreaterThan(Math.PI * 16 * 0.95);
    expect(area).toBeLessThan(Math.PI * 16 * 1.05);
  });

  it('is symmetric and anti-aliased at the edge', () => {
    const m = dotMask(4, 10);
    for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) expect(m.cover[y * 10 + x]).toBe(m.cover[(9 - y) * 10 + (9 - x)]);
    expect(m.cover.some((c) => c > 0 && c < 1)).toBe(true);
  });

  it('scales with the pixel ratio', () => {
    const m = dotMask(8, 20);
    expect(m.size).toBe(20);
    expect(m.cover.reduce((s, c) => s + c, 0)).toBeGreaterThan(Math.PI * 64 * 0.95);
  });
});

describe('paintDot', () => {
  it('paints the dot in its colour around its box middle and leaves the rest transparent', () => {
    const buf = buffer(30, 20);
    paintDot(buf, dotMask(4, 10), 10, 5, BLUE);
    expect(pixel(buf, 15, 10)).toEqual([31, 119, 180, 255]);
    expect(pixel(buf, 10, 5)).toEqual([0, 0, 0, 0]);
    expect(pixel(buf, 2, 2)).toEqual([0, 0, 0, 0]);
    expect(pixel(buf, 25, 10)).toEqual([0, 0, 0, 0]);
    // an edge pixel: the colour, partly transparent
    const box = Array.from({ length: 100 }, (_, k) => pixel(buf, 10 + (k % 10), 5 + Math.floor(k / 10)));
    const edge = box.find((p) => p[3] !== undefined && p[3] > 0 && p[3] < 255);
    expect(edge?.slice(0, 3)).toEqual([31, 119, 180]);
  });

  it('clips a dot that is partly or wholly off the buffer', () => {
    const buf = buffer(8, 8);
    paintDot(buf, dotMask(4, 10), -5, -5, BLUE);
    expect(pixel(buf, 0, 0)).toEqual([31, 119, 180, 255]);
    expect(pixel(buf, 7, 7)).toEqual([0, 0, 0, 0]);
    const before = buf.data.slice();
    paintDot(buf, dotMask(4, 10), 100, 100, RED);
    paintDot(buf, dotMask(4, 10), -100, 3, RED);
    expect(buf.data).toEqual(before);
  });

  it('puts a later dot over an earlier one, blending only at its edge', () => {
    const buf = buffer(20, 10);
    const m = dotMask(4, 10);
    paintDot(buf, m, 4, 0, BLUE);
    paintDot(buf, m, 6, 0, RED);
    expect(pixel(buf, 11, 5)).toEqual([214, 39, 40, 255]);
    // where red's edge covers blue's solid middle, the pixel stays opaque and lies between the two
    const mixed = Array.from({ length: 10 }, (_, y) => pixel(buf, 7, y)).find((p) => p[0] !== 31 && p[0] !== 214 && p[0] !== 0);
    expect(mixed?.[3]).toBe(255);
    expect(mixed?.[0]).toBeGreaterThan(31);
    expect(mixed?.[0]).toBeLessThan(214);
  });

  it('paints the same pixels with whole-word writes as byte by byte', () => {
    const bytes = buffer(40, 20);
    const words = buffer(40, 20);
    const w = pixelWords(words);
    expect(w).not.toBeNull();
    const m = dotMask(4, 10);
    for (const [x, y, c] of [[3, 2, BLUE], [8, 4, RED], [30, 12, { ...RED, a: 0.4 }], [33, 14, BLUE], [-4, 15, RED]] as const) {
      paintDot(bytes, m, x, y, c);
      paintDot(words, m, x, y, c, w);
    }
    expect(words.data).toEqual(bytes.data);
    expect(pixel(words, 8, 7)).toEqual([31, 119, 180, 255]);
  });

  it('paints an opaque dot wholly inside (the fast path) exactly as the general loop does', () => {
    const m = dotMask(4, 10);
    for (let trial = 0; trial < 30; trial++) {
      const fast = buffer(50, 40);
      const slow = buffer(50, 40);
      const w = pixelWords(fast);
      for (let i = 0; i < 12; i++) {
        const x = (trial * 7 + i * 11) % 41;
        const y = (trial * 5 + i * 13) % 31;
        const c = i % 3 === 0 ? RED : BLUE;
        paintDot(fast, m, x, y, c, w);
        paintDot(slow, m, x, y, c);
      }
      expect(fast.data).toEqual(slow.data);
    }
  });

  it('paints a list of dots in order, as one call per dot would', () => {
    const m = dotMask(4, 10);
    const lefts = Int32Array.from([3, 8, 30, 33, -4, 44]);
    const tops = Int32Array.from([2, 4, 12, 14, 15, 35]);
    const colors = [BLUE, RED, { ...RED, a: 0.4 }, BLUE, RED, BLUE];
    const all = buffer(40, 40);
    paintDots(all, m, lefts, tops, colors);
    const one = buffer(40, 40);
    lefts.forEach((x, i) => paintDot(one, m, x, tops[i] ?? 0, colors[i] ?? BLUE));
    expect(all.data).toEqual(one.data);
    expect(pixel(all, 13, 9)).toEqual([214, 39, 40, 255]);
  });

  it('composites a translucent colour over what is there', () => {
    const buf = buffer(10, 10);
    const m = dotMask(4, 10);
    paintDot(buf, m, 0, 0, { ...RED, a: 0.5 });
    expect(pixel(buf, 5, 5)).toEqual([214, 39, 40, 128]);
    paintDot(buf, m, 0, 0, { ...BLUE, a: 0.5 });
    const [r, g, b, a] = pixel(buf, 5, 5);
    // source over: alpha 0.5 + 0.5 × 0.5 (the stored 128/255 rounds it up), colour weighted 2:1 towards the later dot
    expect(a).toBeGreaterThanOrEqual(191);
    expect(a).toBeLessThanOrEqual(192);
    expect(r).toBeCloseTo((31 * 0.5 + 214 * 0.25) / 0.75, -0.5);
    expect(g).toBeCloseTo((119 * 0.5 + 39 * 0.25) / 0.75, -0.5);
    expect(b).toBeCloseTo((180 * 0.5 + 40 * 0.25) / 0.75, -0.5);
  });
});

describe('touchedBands', () => {
  it('merges the rows dots cover into bands, clipped to the height', () => {
    expect(touchedBands([5, 5, 5], 10, 100)).toEqual([[5, 15]]);
    expect(touchedBands([40, 5, 12, 90], 10, 95)).toEqual([
      [5, 22],
      [40, 50],
      [90, 95],
    ]);
    expect(touchedBands([-4, 200], 10, 50)).toEqual([[0, 6]]);
    expect(touchedBands([], 10, 50)).toEqual([]);
  });

  it('covers every pixel a dot paints (random dots)', () => {
    const m = dotMask(4, 10);
    for (let trial = 0; trial < 20; trial++) {
      const buf = buffer(60, 80);
      const tops = Array.from({ length: 1 + (trial % 7) }, (_, i) => ((i * 37 + trial * 11) % 90) - 10);
      tops.forEach((t, i) => paintDot(buf, m, (i * 13) % 50, t, BLUE));
      const bands = touchedBands(tops, m.size, buf.height);
      for (let y = 0; y < buf.height; y++) {
        const inBand = bands.some(([a, b]) => y >= a && y < b);
        const painted = Array.from({ length: buf.width }, (_, x) => pixel(buf, x, y)[3] ?? 0).some((a) => a > 0);
        if (painted) expect(inBand).toBe(true);
      }
    }
  });
});

/**
 * Round dots written straight into an RGBA pixel buffer (an ImageData's), composited "source
 * over" as a canvas would. Thousands of points are drawn this way in a few ms: copying a stamp
 * per point with drawImage cost ~8 µs a point in Chromium's software canvas (40 ms for 5,000).
 * Pure: no DOM, testable anywhere.
 */

/** A dot's coverage of each device pixel of its `size` × `size` box (0…1), its centre in the box's middle. */
export interface DotMask {
  size: number;
  cover: Float32Array;
  /** the box's fully covered pixels (indices into `cover`), then the partly covered ones */
  solid: Int32Array;
  edge: Int32Array;
}

/** Samples per pixel side when measuring coverage (anti-aliased edges, as a canvas arc's). */
const SUB = 4;

/** The coverage of a dot of `radius` device px, in a box of `size` device px (at least the dot's diameter). */
export function dotMask(radius: number, size: number): DotMask {
  const n = Math.max(1, Math.ceil(size));
  const cover = new Float32Array(n * n);
  const c = n / 2;
  const r2 = radius * radius;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      let inside = 0;
      for (let sy = 0; sy < SUB; sy++) {
        const dy = y + (sy + 0.5) / SUB - c;
        for (let sx = 0; sx < SUB; sx++) {
          const dx = x + (sx + 0.5) / SUB - c;
          if (dx * dx + dy * dy <= r2) inside++;
        }
      }
      cover[y * n + x] = inside / (SUB * SUB);
    }
  }
  const covered = (keep: (c: number) => boolean) => Int32Array.from(cover.keys()).filter((k) => keep(cover[k] ?? 0));
  return { size: n, cover, solid: covered((c) => c >= 1), edge: covered((c) => c > 0 && c < 1) };
}

/** An RGBA pixel buffer: width × height pixels, 4 bytes each, not premultiplied (ImageData's layout). */
export interface PixelBuffer {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The buffer's pixels as 32-bit words when the platform is little-endian (R in the low byte), for one write per solid pixel. */
export function pixelWords(buf: PixelBuffer): Uint32Array | null {
  return LITTLE_ENDIAN ? new Uint32Array(buf.data.buffer, buf.data.byteOffset, buf.data.byteLength >> 2) : null;
}

/** An opaque or translucent colour: r, g, b 0…255, a 0…1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/**
 * Paints one dot with its box's top left at (`left`, `top`) device px, clipped to the buffer,
 * over what is there already (later dots over earlier ones). `words`: the buffer's `pixelWords`,
 * when there are (solid pixels are then written whole).
 */
export function paintDot(buf: PixelBuffer, mask: DotMask, left: number, top: number, color: Rgba, words: Uint32Array | null = null): void {
  const { data, width, height } = buf;
  const solid = ((255 << 24) | (color.b << 16) | (color.g << 8) | color.r) >>> 0;
  const { size, cover } = mask;
  if (words && color.a >= 1 && left >= 0 && top >= 0 && left + size <= width && top + size <= height) {
    // the usual case, an opaque dot wholly inside: only the covered pixels are visited, the
    // solid ones written whole (the same result as the loop below, in a fraction of the time)
    paintInside(data, words, width, mask, top * width + left, solid, color);
    return;
  }
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(width, left + size);
  const y1 = Math.min(height, top + size);
  const { r, g, b, a } = color;
  for (let y = y0; y < y1; y++) {
    const maskRow = (y - top) * size - left;
    let i = (y * width + x0) * 4;
    for (let x = x0; x < x1; x++, i += 4) {
      const sa = (cover[maskRow + x] ?? 0) * a;
      if (sa <= 0) continue;
      if (sa >= 1) {
        if (words) {
          words[i >> 2] = solid;
          continue;
        }
        data[i] = r;
        data[i + 1] = g;
        data[i + 2] = b;
        data[i + 3] = 255;
        continue;
      }
      blend(data, i, r, g, b, sa);
    }
  }
}

/** Source over: colour r, g, b at alpha `sa` (0…1) over the pixel at byte `i`. */
function blend(data: Uint8ClampedArray, i: number, r: number, g: number, b: number, sa: number): void {
  const da = (data[i + 3] ?? 0) / 255;
  const keep = da * (1 - sa);
  const oa = sa + keep;
  data[i] = (r * sa + (data[i] ?? 0) * keep) / oa;
  data[i + 1] = (g * sa + (data[i + 1] ?? 0) * keep) / oa;
  data[i + 2] = (b * sa + (data[i + 2] ?? 0) * keep) / oa;
  data[i + 3] = oa * 255;
}

function paintInside(data: Uint8ClampedArray, words: Uint32Array, width: number, mask: DotMask, base: number, packed: number, color: Rgba): void {
  const { size, cover, solid, edge } = mask;
  for (let j = 0; j < solid.length; j++) {
    const k = solid[j] as number;
    const row = (k / size) | 0;
    words[base + row * width + (k - row * size)] = packed;
  }
  const { r, g, b } = color;
  for (let j = 0; j < edge.length; j++) {
    const k = edge[j] as number;
    const row = (k / size) | 0;
    const i = (base + row * width + (k - row * size)) * 4;
    blend(data, i, r, g, b, cover[k] ?? 0);
  }
}

/**
 * Paints dot `i` at (`lefts[i]`, `tops[i]`) in `colors[i]`, in order (one loop at module level,
 * so the engine keeps it optimised from one draw to the next).
 */
export function paintDots(buf: PixelBuffer, mask: DotMask, lefts: Int32Array, tops: Int32Array, colors: readonly Rgba[]): void {
  const words = pixelWords(buf);
  for (let i = 0; i < lefts.length; i++) {
    const color = colors[i];
    if (color) paintDot(buf, mask, lefts[i] as number, tops[i] as number, color, words);
  }
}

/**
 * The bands of pixel rows (`[from, to)`, top to bottom) that dots of `size` px with their boxes'
 * tops at `tops` touch, within `height`: only these need clearing and putting on the canvas
 * (a timeline's dots lie on a few domain rows, a third of the plot or less).
 */
export function touchedBands(tops: ArrayLike<number>, size: number, height: number): [number, number][] {
  const touched = new Uint8Array(height);
  for (let i = 0; i < tops.length; i++) {
    const top = tops[i] as number;
    touched.fill(1, Math.max(0, top), Math.min(height, top + size));
  }
  const bands: [number, number][] = [];
  for (let y = 0; y < height; y++) {
    if (touched[y] === 0) continue;
    const from = y;
    while (y < height && touched[y] === 1) y++;
    bands.push([from, y]);
  }
  return bands;
}

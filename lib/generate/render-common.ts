/** Pieces shared by the renderers: the format ids, the renderer contract, fast UTC text. */
import type { GenEvent } from './model';

export const HUNT_FORMATS = ['splunk-csv', 'sysmon-json', 'zeek-tsv'] as const;
export type HuntFormat = (typeof HUNT_FORMATS)[number];

export function isHuntFormat(text: string): text is HuntFormat {
  return (HUNT_FORMATS as readonly string[]).includes(text);
}

/** Turns logical events into the lines of one export format, written as UTF-8 bytes. */
export interface Renderer {
  /** Text before the first row (a CSV header, Zeek's `#` header block), ending in a newline. */
  header(startMs: number): string;
  /**
   * Writes one line (with its newline) to `out`; false (nothing written) when this format has
   * no record of the event.
   */
  row(ev: GenEvent, out: ByteSink): boolean;
  /** Text after the last row. */
  footer(lastMs: number): string;
}

const encoder = new TextEncoder();

/**
 * A growing UTF-8 byte buffer. Renderers write the pieces of a line straight into it instead of
 * concatenating strings: flattening millions of small string ropes costs more than the rest of
 * the generator together.
 */
export class ByteSink {
  private buf: Uint8Array;
  pos = 0;

  constructor(private readonly initial = 1 << 20) {
    this.buf = new Uint8Array(initial);
  }

  private grow(extra: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + extra));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Appends a string (ASCII fast path, UTF-8 for anything else). */
  str(s: string): void {
    const n = s.length;
    if (this.pos + 3 * n > this.buf.length) this.grow(3 * n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        this.pos = p;
        this.pos += encoder.encodeInto(s.slice(i), buf.subarray(p)).written;
        return;
      }
      buf[p++] = c;
    }
    this.pos = p;
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    if (this.pos + n > this.buf.length) this.grow(n);
    if (n > 16) this.buf.set(b, this.pos);
    else {
      // TypedArray#set has a fixed cost that dominates for short pieces
      const buf = this.buf;
      const p = this.pos;
      for (let i = 0; i < n; i++) buf[p + i] = b[i] as number;
    }
    this.pos += n;
  }

  /** Appends one byte (an ASCII character code). */
  byte(c: number): void {
    if (this.pos >= this.buf.length) this.grow(1);
    this.buf[this.pos++] = c;
  }

  /** Appends a non-negative integer (< 2^53) in decimal. */
  int(n: number): void {
    let digits = 1;
    for (let v = n; v >= 10; v = Math.floor(v / 10)) digits++;
    this.fixed(n, digits);
  }

  /** Appends a non-negative integer as exactly `width` decimal digits (zero-padded, or cut on the left). */
  fixed(n: number, width: number): void {
    if (this.pos + width > this.buf.length) this.grow(width);
    const buf = this.buf;
    let v = n;
    for (let i = this.pos + width - 1; i >= this.pos; i--) {
      const q = Math.floor(v / 10);
      buf[i] = 48 + (v - q * 10);
      v = q;
    }
    this.pos += width;
  }

  /**
   * The bytes written so far; the sink starts over. With `reuse`, the returned view shares the
   * sink's buffer and is valid only until the next write (no allocation, no page faults for a
   * fresh buffer); otherwise the sink moves on to a fresh buffer.
   */
  take(reuse = false): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    if (!reuse) this.buf = new Uint8Array(Math.max(this.initial, this.pos));
    this.pos = 0;
    return out;
  }
}

/** UTF-8 bytes of a constant piece of text (encode once, copy with `ByteSink.bytes`). */
export function lit(text: string): Uint8Array {
  return encoder.encode(text);
}

/** UTF-8 bytes of a string, memoised per object (see {@link memo}). */
export function memoBytes<K extends object>(fn: (k: K) => string): (k: K) => Uint8Array {
  return memo((k: K) => encoder.encode(fn(k)));
}

/**
 * UTC calendar fields of ms timestamps, with the date's bytes cached per day: formatting by
 * arithmetic instead of `toISOString` per row.
 */
export class UtcClock {
  private day = Number.NaN;
  /** `YYYY-MM-DD` */
  date: Uint8Array = new Uint8Array(0);
  hour = 0;
  minute = 0;
  second = 0;
  millis = 0;

  set(ms: number): this {
    const day = Math.floor(ms / 86_400_000);
    if (day !== this.day) {
      this.day = day;
      this.date = encoder.encode(new Date(day * 86_400_000).toISOString().slice(0, 10));
    }
    let rest = ms - day * 86_400_000;
    this.hour = Math.floor(rest / 3_600_000);
    rest -= this.hour * 3_600_000;
    this.minute = Math.floor(rest / 60_000);
    rest -= this.minute * 60_000;
    this.second = Math.floor(rest / 1000);
    this.millis = rest - this.second * 1000;
    return this;
  }

  /** Writes `YYYY-MM-DD<sep>HH:MM:SS.mmm` (sep: a character code, `T` or a space). */
  write(o: ByteSink, sep: number): void {
    o.bytes(this.date);
    o.byte(sep);
    o.fixed(this.hour, 2);
    o.byte(58);
    o.fixed(this.minute, 2);
    o.byte(58);
    o.fixed(this.second, 2);
    o.byte(46);
    o.fixed(this.millis, 3);
  }
}

/** `YYYY-MM-DD-HH-MM-SS` (Zeek's #open/#close). */
export function zeekStamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 13)}-${iso.slice(14, 16)}-${iso.slice(17, 19)}`;
}

/** Entries a memo keeps before it starts over (keeps memory flat when keys are one-offs). */
const MEMO_LIMIT = 50_000;

/**
 * Memoises a function of an object (host, process, answer list) in a Map that is cleared when
 * it reaches {@link MEMO_LIMIT} entries: catalog objects stay cached, one-off answer lists
 * (reputation lookups, attack answers) cannot make it grow without bound.
 */
export function memo<K extends object, V>(fn: (k: K) => V): (k: K) => V {
  const cache = new Map<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined) {
      v = fn(k);
      if (cache.size >= MEMO_LIMIT) cache.clear();
      cache.set(k, v);
    }
    return v;
  };
}

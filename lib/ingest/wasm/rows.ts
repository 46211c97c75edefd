/**
 * The WebAssembly row cutter (wasm/rows.ts, bundled as base64 in rows-wasm.ts): cuts delimited
 * rows from UTF-8 bytes and interns their cells, so a value repeated on a million rows is one
 * string made once. See the source for the output layout; this wraps one instance per input.
 */
import { ROWS_WASM_BASE64 } from './rows-wasm';

/** What the cutter does with a column's cells. */
export const CELL_KEY = 0;
export const CELL_RAW = 1;
export const CELL_SKIP = 2;
/** read as a timestamp by the cutter when it has the common ISO shape, else as RAW */
export const CELL_TIME = 3;
/** read as epoch seconds (`\d{9,11}(\.\d{1,6})?`, the number Number() reads) by the cutter, else as RAW */
export const CELL_EPOCH = 4;
export type CellMode = typeof CELL_KEY | typeof CELL_RAW | typeof CELL_SKIP | typeof CELL_TIME | typeof CELL_EPOCH;

/**
 * Output values from this on are timestamps read by the cutter: ((v - TIME_TAG) >> 1) indexes
 * {@link RowsWasm.times} (TIME: ms, bit 0 a zone; EPOCH: seconds).
 */
export const TIME_TAG = 0x40000000;

/** The timestamp an output value from {@link TIME_TAG} on stands for, in `times` (the scan's {@link RowsWasm.times}). */
export function taggedTime(times: Float64Array, v: number): number {
  return times[(v - TIME_TAG) >> 1] as number;
}

/** Why {@link RowsWasm.scan} stopped. */
export const SCAN_MORE = 0;
export const SCAN_FULL = 1;
export const SCAN_NEEDS_JS = 2;

/** Most cells per row the cutter handles (a wider row is left to JavaScript). */
export const MAX_WASM_CELLS = 256;

interface Exports {
  memory: WebAssembly.Memory;
  status: WebAssembly.Global;
  outLen: WebAssembly.Global;
  outRows: WebAssembly.Global;
  rawLen: WebAssembly.Global;
  rawCells: WebAssembly.Global;
  rawAscii: WebAssembly.Global;
  timesLen: WebAssembly.Global;
  init(delim: number, stop: number, comment: number, maxRowBytes: number): void;
  setMode(col: number, mode: number): void;
  input(n: number): number;
  output(): number;
  rawBuffer(): number;
  timesBuffer(): number;
  entries(): number;
  entryOffsets(): number;
  entryLengths(): number;
  arena(): number;
  entriesAscii(): number;
  scan(pos: number, end: number, last: number, maxRows: number): number;
}

let compiled: WebAssembly.Module | null | undefined;

function wasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bin = atob(ROWS_WASM_BASE64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      compiled = new WebAssembly.Module(bytes);
    } catch {
      compiled = null; // no WebAssembly (or no SIMD): readers keep to the text path
    }
  }
  return compiled;
}

const utf8 = new TextDecoder();

/**
 * One input's cutter. After each {@link scan}: `rows` (cells, key, values per row), the strings
 * of its raw cells in order ({@link nextRaw}), the timestamps it read ({@link times}), and every
 * cell value seen so far ({@link values}).
 */
export class RowsWasm {
  /** every interned cell value so far, by entry id */
  readonly values: string[] = [];
  /** the last scan's output: per row [cells, start, v0 … v(cells-1)] (see wasm/rows.ts) */
  out = new Int32Array(0);
  /** the last scan's timestamps of TIME (ms, UTC) and EPOCH (seconds) cells */
  times = new Float64Array(0);
  rows = 0;
  /** the last scan copied out some raw cells, empty ones included (read in order by {@link nextRaw}) */
  hasRaw = false;
  private rawText = '';
  private rawAt = 0;
  private rawBytes: Uint8Array | null = null;

  private constructor(private readonly x: Exports) {}

  /**
   * A cutter for `delimiter`; rows with a `stop` byte, starting with a `comment` byte (0: none)
   * or longer than `maxRowBytes` are left to JavaScript. Null without WebAssembly.
   */
  static create(delimiter: number, stop: number, comment = 0, maxRowBytes = 0x7fffffff): RowsWasm | null {
    const mod = wasmModule();
    if (!mod) return null;
    try {
      const inst = new WebAssembly.Instance(mod, {
        env: {
          abort: () => {
            throw new Error('row cutter aborted');
          },
        },
      });
      const x = inst.exports as unknown as Exports;
      x.init(delimiter, stop, comment, maxRowBytes);
      return new RowsWasm(x);
    } catch {
      return null;
    }
  }

  setMode(col: number, mode: CellMode): void {
    this.x.setMode(col, mode);
  }

  /** Bytes of the input loaded last. */
  loaded = 0;

  /** Copies `parts` (in order) into the cutter's input; returns the input's length. */
  load(parts: readonly Uint8Array[]): number {
    let n = 0;
    for (const p of parts) n += p.length;
    this.loaded = n;
    const ptr = this.x.input(n);
    const into = new Uint8Array(this.x.memory.buffer, ptr, n);
    let off = 0;
    for (const p of parts) {
      into.set(p, off);
      off += p.length;
    }
    return n;
  }

  /** The loaded input's bytes [from, to) (a view: valid until the next call into the cutter). */
  inputView(from: number, to: number): Uint8Array {
    return new Uint8Array(this.x.memory.buffer, this.x.input(0) + from, to - from);
  }

  /**
   * Cuts whole rows from the loaded input [pos, end), at most `maxRows`. Returns the position
   * after them and why it stopped ({@link SCAN_MORE}: the rest is an incomplete row, or nothing).
   */
  scan(pos: number, end: number, last: boolean, maxRows: number): { next: number; status: number } {
    const x = this.x;
    const next = x.scan(pos, end, last ? 1 : 0, maxRows);
    const mem = x.memory.buffer;
    this.materialize(mem);
    this.out = new Int32Array(mem, x.output(), x.outLen.value as number);
    this.rows = x.outRows.value as number;
    this.times = new Float64Array(mem, x.timesBuffer(), x.timesLen.value as number);
    const rawLen = x.rawLen.value as number;
    const rawPtr = x.rawBuffer();
    this.rawAt = 0;
    this.hasRaw = (x.rawCells.value as number) > 0;
    if (rawLen === 0) {
      this.rawText = '';
      this.rawBytes = null;
    } else if ((x.rawAscii.value as number) !== 0) {
      // ASCII: one string for every raw cell of the scan, cut by byte lengths
      this.rawText = utf8.decode(new Uint8Array(mem, rawPtr, rawLen));
      this.rawBytes = null;
    } else {
      this.rawText = '';
      this.rawBytes = new Uint8Array(mem, rawPtr, rawLen);
    }
    return { next, status: x.status.value as number };
  }

  /** The next raw cell of the last scan, `bytes` long. */
  nextRaw(bytes: number): string {
    const at = this.rawAt;
    this.rawAt = at + bytes;
    if (this.rawBytes) return utf8.decode(this.rawBytes.subarray(at, at + bytes));
    return this.rawText.slice(at, at + bytes);
  }

  /** Makes the strings of the cell values the last scan added. */
  private materialize(mem: ArrayBuffer): void {
    const x = this.x;
    const total = x.entries();
    const from = this.values.length;
    if (total === from) return;
    const offs = new Uint32Array(mem, x.entryOffsets(), total);
    const lens = new Uint32Array(mem, x.entryLengths(), total);
    const arena = x.arena();
    if (x.entriesAscii() !== 0) {
      // added in order, end to end in the arena: one decode, cut by byte lengths
      const start = offs[from] as number;
      const last = total - 1;
      const text = utf8.decode(new Uint8Array(mem, arena + start, (offs[last] as number) + (lens[last] as number) - start));
      let at = 0;
      for (let id = from; id < total; id++) {
        const len = lens[id] as number;
        this.values.push(text.slice(at, at + len));
        at += len;
      }
    } else {
      for (let id = from; id < total; id++) {
        const off = arena + (offs[id] as number);
        this.values.push(utf8.decode(new Uint8Array(mem, off, lens[id] as number)));
      }
    }
  }
}

import { MAX_WASM_CELLS, SCAN_FULL, taggedTime, TIME_TAG, type CellMode, type RowsWasm } from './wasm/rows';

/**
 * What the cutter knows of the cells of the row being handed over, by column (reused from row
 * to row): `ids[c]` the interned id of a KEY cell (equal values of a column have equal ids
 * throughout an input; its string is one object, made once), -1 for any other cell; and for
 * the TIME and EPOCH cells it read (whose text is then '') `ms[c]`: ms since the epoch, UTC,
 * for TIME, seconds for EPOCH (NaN: the cell is text to read), and `zoned[c]`, 1 when it had a
 * zone.
 */
export interface CellFacts {
  readonly ids: Int32Array;
  readonly ms: Float64Array;
  readonly zoned: Uint8Array;
}

/**
 * A row the cutter cut, offered before anything of it is made into strings: the reader may map
 * it straight from the cutter's output, `out[k + c]` being the value of cell c of its `count`
 * (wasm/rows.ts: an id as in {@link CellFacts.ids}, whose string is `values[id]`; a timestamp
 * tag into `times`; -1 skipped) and return true; on false the row is made into cells and handed
 * over as ever. A row with a raw cell, even an empty one, is never offered (raw cells are read
 * in order, by the rows handed over).
 */
export type CutHandler = (out: Int32Array, k: number, count: number, times: Float64Array, values: readonly string[], line: number) => boolean;

/** The text framer a bytes input falls back to: it takes text and counts lines on from `line`. */
export interface TextFramer {
  line: number;
  push(text: string): void;
  end(): void;
}

/**
 * What the bytes readers share (`CsvBytes`, `LineBytes`): an input's UTF-8 bytes through the
 * row cutter in WebAssembly, with the rows it leaves (and the lines it may not take) handed to
 * the format's text framer by the subclass, and after {@link toText} the rest of the input
 * decoded and given to that framer for good.
 */
export abstract class RowsInput<F extends TextFramer> {
  private carry: Uint8Array | null = null;
  protected lineNo = 1;
  /** for the rows handed to the text path one at a time */
  protected readonly utf8 = new TextDecoder();
  private text: TextDecoder | null = null;
  /** the framer has been given the rest of the input (toText) */
  private handedOver = false;
  private readonly cells: string[] = [];
  protected readonly facts: CellFacts = {
    ids: new Int32Array(MAX_WASM_CELLS),
    ms: new Float64Array(MAX_WASM_CELLS).fill(NaN),
    zoned: new Uint8Array(MAX_WASM_CELLS),
  };
  /** rows cut per scan (CsvBytes: 1 until the reader has read its header) */
  protected maxRows = 1 << 30;

  protected constructor(
    protected readonly rows: RowsWasm,
    protected readonly framer: F,
  ) {}

  /** Sets what the cutter does with each column (from the header). */
  configure(modes: readonly CellMode[]): void {
    modes.forEach((m, i) => this.rows.setMode(i, m));
    this.maxRows = 1 << 30;
  }

  /** From the next row on, the input is decoded and given to the text framer. */
  toText(): void {
    this.text ??= new TextDecoder();
  }

  push(bytes: Uint8Array): void {
    if (this.text) this.toFramer(bytes);
    else this.run(bytes, false);
  }

  end(): void {
    if (!this.text) this.run(new Uint8Array(0), true);
    if (this.text) {
      this.toFramer(new Uint8Array(0));
      this.framer.push(this.text.decode());
    }
    this.framer.end();
  }

  /**
   * Before a scan at `pos` (e.g. the rest of a line being skipped): the bytes it used, or -1
   * when the whole input is used up.
   */
  protected before(_pos: number, _n: number): number {
    return 0;
  }

  /**
   * After a scan stopped at `pos` short of the input's end (status: why): lets the text path
   * take what is there. Returns the bytes used, 0 to wait for more input.
   */
  protected abstract viaText(status: number, pos: number, n: number, final: boolean): number;

  /** A row the cutter cut (cells reused; '' for SKIP cells), with its line and its offset in the input. */
  protected abstract row(cells: string[], line: number, start: number): void;

  /** Rows the cutter cut are offered to this first (see {@link CutHandler}); null: none. */
  onCut: CutHandler | null = null;

  /** A line with nothing on it. */
  protected abstract emptyLine(line: number): void;

  /** Called once, before the framer gets its first text (after toText). */
  protected beforeHandOver(): void {}

  private run(bytes: Uint8Array, final: boolean): void {
    const rows = this.rows;
    const n = rows.load(this.carry ? [this.carry, bytes] : [bytes]);
    this.carry = null;
    let pos = 0;
    while (pos < n && !this.text) {
      const skipped = this.before(pos, n);
      if (skipped < 0) return;
      if (skipped > 0) {
        pos += skipped;
        continue;
      }
      const { next, status } = rows.scan(pos, n, final, this.maxRows);
      this.emit();
      pos = next;
      if (status === SCAN_FULL) continue;
      if (pos >= n) break;
      const used = this.viaText(status, pos, n, final);
      if (used === 0) break; // an incomplete row: wait for more bytes
      pos += used;
    }
    if (pos >= n) return;
    // switched to text (by the reader, on a row of this input): the rest goes to the framer
    if (this.text) this.toFramer(rows.inputView(pos, n));
    else this.carry = rows.inputView(pos, n).slice();
  }

  /** Decodes bytes for the framer (after toText); the framer counts lines on from the cutter's. */
  private toFramer(bytes: Uint8Array): void {
    const text = this.text as TextDecoder;
    if (!this.handedOver) {
      this.handedOver = true;
      this.framer.line = this.lineNo;
      this.beforeHandOver();
      const carry = this.carry;
      this.carry = null;
      if (carry) this.framer.push(text.decode(carry, { stream: true }));
    }
    this.framer.push(text.decode(bytes, { stream: true }));
  }

  /** Hands the rows of the last scan to the reader. */
  private emit(): void {
    const rows = this.rows;
    const out = rows.out;
    const values = rows.values;
    const cells = this.cells;
    const times = rows.times;
    const { ids, ms, zoned } = this.facts;
    const hasRaw = rows.hasRaw;
    const cut = this.onCut;
    let k = 0;
    for (let r = rows.rows; r > 0; r--) {
      const count = out[k] as number;
      const start = out[k + 1] as number;
      k += 2;
      const line = this.lineNo++;
      if (count === 0) {
        this.emptyLine(line);
        continue;
      }
      if (cut !== null && (!hasRaw || !anyRaw(out, k, count)) && cut(out, k, count, times, values, line)) {
        k += count;
        continue;
      }
      cells.length = count;
      for (let c = 0; c < count; c++) {
        const v = out[k++] as number;
        if (v >= TIME_TAG) {
          cells[c] = '';
          ids[c] = -1;
          ms[c] = taggedTime(times, v);
          zoned[c] = v & 1;
        } else {
          cells[c] = v >= 0 ? (values[v] as string) : v === -1 ? '' : rows.nextRaw(-v - 2);
          ids[c] = v >= 0 ? v : -1;
          ms[c] = NaN;
        }
      }
      this.row(cells, line, start);
    }
  }
}

/** Whether a cut row (its `count` cells from `out[k]`) has a raw cell. */
function anyRaw(out: Int32Array, k: number, count: number): boolean {
  for (let c = k; c < k + count; c++) if ((out[c] as number) <= -2) return true;
  return false;
}

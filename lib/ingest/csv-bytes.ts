import type { CsvFramer, CsvRowHandler } from './csv-framer';
import { RowsWasm, SCAN_FULL, SCAN_NEEDS_JS, type CellMode } from './wasm/rows';

const LF = 10;
const QUOTE = 34;
/** Bytes first decoded for a row the cutter leaves to the text framer (doubled until a row fits). */
const FALLBACK_WINDOW = 16 * 1024;

/**
 * Feeds a CSV input's UTF-8 bytes to the row cutter in WebAssembly, and the rows it leaves to
 * JavaScript (any row with a quote) to the text framer, so quoted cells, multi-line records and
 * every leniency of {@link CsvFramer} are kept exactly: each such row is decoded on its own
 * (with the rows after it in a small window) and the cutter resumes after it. {@link toText}
 * hands the rest of the input to the framer for good (a reader that has nothing to gain from
 * the cutter, e.g. a table of event XML).
 */
export class CsvBytes {
  private carry: Uint8Array | null = null;
  private lineNo = 1;
  private text: TextDecoder | null = null;
  /** the framer has been given the rest of the input (toText) */
  private handedOver = false;
  private readonly cells: string[] = [];
  /** rows cut per scan: 1 until the reader has seen its header and set the column modes */
  private maxRows = 1;

  private constructor(
    private readonly rows: RowsWasm,
    private readonly framer: CsvFramer,
    private readonly onRow: CsvRowHandler,
  ) {}

  /**
   * Null when WebAssembly is not available (the caller keeps to text). `onRow` gets the rows the
   * cutter cuts, as the framer's handler does (cells of SKIP columns are '').
   */
  static create(framer: CsvFramer, onRow: CsvRowHandler, delimiter = 44): CsvBytes | null {
    const rows = RowsWasm.create(delimiter, QUOTE);
    return rows ? new CsvBytes(rows, framer, onRow) : null;
  }

  /** Sets what the cutter does with each column (from the header) and lets it cut rows in bulk. */
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

  private run(bytes: Uint8Array, final: boolean): void {
    const rows = this.rows;
    const n = rows.load(this.carry ? [this.carry, bytes] : [bytes]);
    this.carry = null;
    let pos = 0;
    while (pos < n && !this.text) {
      const { next, status } = rows.scan(pos, n, final, this.maxRows);
      this.emit();
      pos = next;
      if (status === SCAN_FULL) continue;
      // a row with a quote; or an incomplete row longer in bytes than a record may be in
      // characters, which the framer reports and skips once it is so in characters too
      const long = status !== SCAN_NEEDS_JS && n - pos > this.framer.maxChars;
      if (status === SCAN_NEEDS_JS || long) {
        const used = this.viaFramer(pos, n, final);
        if (used === 0) break; // an incomplete row: wait for more bytes
        pos += used;
        continue;
      }
      break; // SCAN_MORE: what is left is an incomplete row
    }
    if (pos >= n) return;
    // switched to text (by the reader, on a row of this input): the rest goes to the framer
    if (this.text) this.toFramer(rows.inputView(pos, n));
    else this.carry = rows.inputView(pos, n).slice();
  }

  /** Decodes bytes for the framer (after toText); the framer counts lines on from the cutter's. */
  private toFramer(bytes: Uint8Array): void {
    if (!this.handedOver) {
      this.framer.line = this.lineNo;
      this.handedOver = true;
      const carry = this.carry;
      this.carry = null;
      if (carry) this.framer.push((this.text as TextDecoder).decode(carry, { stream: true }));
    }
    this.framer.push((this.text as TextDecoder).decode(bytes, { stream: true }));
  }

  /** Hands the rows of the last scan to the reader. */
  private emit(): void {
    const rows = this.rows;
    const out = rows.out;
    const values = rows.values;
    const cells = this.cells;
    let k = 0;
    for (let r = rows.rows; r > 0; r--) {
      const count = out[k] as number;
      k += 2; // and the row's start
      const line = this.lineNo++;
      if (count === 0) continue; // an empty line
      cells.length = count;
      for (let c = 0; c < count; c++) {
        const v = out[k++] as number;
        cells[c] = v >= 0 ? (values[v] as string) : v === -1 ? '' : rows.nextRaw(-v - 2);
      }
      this.onRow(cells, line);
    }
  }

  /**
   * Lets the text framer cut the row at `pos` (and the whole rows after it in the window).
   * Returns the bytes used: 0 when the row is not complete in the input yet.
   */
  private viaFramer(pos: number, n: number, final: boolean): number {
    const utf8 = new TextDecoder();
    for (let win = FALLBACK_WINDOW; ; win *= 2) {
      let end = Math.min(n, pos + win);
      const view = this.rows.inputView(pos, n);
      // end the window on a character boundary (never inside a UTF-8 sequence)
      while (end < n && end > pos && ((view[end - pos] as number) & 0xc0) === 0x80) end--;
      const whole = end === n;
      const text = utf8.decode(view.subarray(0, end - pos));
      this.framer.line = this.lineNo;
      const used = this.framer.take(text, final && whole);
      this.lineNo = this.framer.line;
      if (used === text.length) return end - pos;
      if (used > 0) return afterLineFeeds(view, countLineFeeds(text, used));
      if (whole) return 0;
    }
  }
}

function countLineFeeds(text: string, end: number): number {
  let k = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) k++;
  return k;
}

/** The offset after the `k`-th line feed of `bytes` (k ≥ 1): a line feed is one byte and one character, so counts carry over. */
function afterLineFeeds(bytes: Uint8Array, k: number): number {
  let at = -1;
  for (let i = 0; i < k; i++) at = bytes.indexOf(LF, at + 1);
  return at + 1;
}

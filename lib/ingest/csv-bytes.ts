import type { CsvFramer } from './csv-framer';
import { RowsInput, type CellFacts } from './rows-input';
import { RowsWasm, SCAN_NEEDS_JS } from './wasm/rows';

/** A row the cutter cut: its cells (reused), its line, and what the cutter knows of them (see CellFacts). */
export type CutRowHandler = (row: string[], line: number, facts: CellFacts) => void;

const LF = 10;
const QUOTE = 34;
/** Bytes first decoded for a row the cutter leaves to the text framer (doubled until a row fits). */
const FALLBACK_WINDOW = 16 * 1024;
/** The same for one row. */
const ONE_ROW_WINDOW = 2 * 1024;

/**
 * Feeds a CSV input's UTF-8 bytes to the row cutter in WebAssembly, and the rows it leaves to
 * JavaScript (any row with a quote) to the text framer, so quoted cells, multi-line records and
 * every leniency of {@link CsvFramer} are kept exactly: each such row is decoded on its own
 * (with the rows after it in a small window) and the cutter resumes after it. {@link toText}
 * hands the rest of the input to the framer for good (a reader that has nothing to gain from
 * the cutter, e.g. a table of event XML).
 */
export class CsvBytes extends RowsInput<CsvFramer> {
  private constructor(
    rows: RowsWasm,
    framer: CsvFramer,
    private readonly onRow: CutRowHandler,
  ) {
    super(rows, framer);
    this.maxRows = 1; // until the reader has read its header (configure)
  }

  /**
   * Null when WebAssembly is not available (the caller keeps to text). `onRow` gets the rows the
   * cutter cuts, as the framer's handler does (cells of SKIP columns are '', and so are TIME
   * cells the cutter read: their timestamps are in `facts`).
   */
  static create(framer: CsvFramer, onRow: CutRowHandler, delimiter = 44): CsvBytes | null {
    const rows = RowsWasm.create(delimiter, QUOTE);
    return rows ? new CsvBytes(rows, framer, onRow) : null;
  }

  protected row(cells: string[], line: number): void {
    this.onRow(cells, line, this.facts);
  }

  protected emptyLine(): void {}

  /**
   * A row with a quote; or an incomplete row longer in bytes than a record may be in characters,
   * which the framer reports and skips once it is so in characters too.
   */
  protected viaText(status: number, pos: number, n: number, final: boolean): number {
    if (n - pos > this.framer.maxChars) return this.viaFramer(pos, n, final, Infinity);
    // only that row: the cutter takes the rows after it (in a window of the framer's, a quoted
    // row took ~55 plain rows with it down the slower text path: 2.7 % of the bench's 1M CSV)
    return status === SCAN_NEEDS_JS ? this.viaFramer(pos, n, final, 1) : 0;
  }

  /**
   * Lets the text framer cut the row at `pos` (and, up to `maxRows` in all, the whole rows after
   * it in the window). Returns the bytes used: 0 when the row is not complete in the input yet.
   */
  private viaFramer(pos: number, n: number, final: boolean, maxRows: number): number {
    for (let win = maxRows === 1 ? ONE_ROW_WINDOW : FALLBACK_WINDOW; ; win *= 2) {
      let end = Math.min(n, pos + win);
      const view = this.rows.inputView(pos, n);
      // end the window on a character boundary (never inside a UTF-8 sequence)
      while (end < n && end > pos && ((view[end - pos] as number) & 0xc0) === 0x80) end--;
      const whole = end === n;
      const text = this.utf8.decode(view.subarray(0, end - pos));
      this.framer.line = this.lineNo;
      const used = this.framer.take(text, final && whole, maxRows);
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

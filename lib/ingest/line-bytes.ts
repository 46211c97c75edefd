import type { LineFramer } from './line-framer';
import { MAX_RECORD_CHARS } from './types';
import { RowsInput } from './rows-input';
import { RowsWasm, SCAN_NEEDS_JS } from './wasm/rows';

const LF = 10;
const CR = 13;

/**
 * A line cut by the row cutter: its cells (the array is reused; cells of SKIP columns are ''),
 * its number, and its text, decoded on demand.
 */
export type CellsHandler = (cells: string[], lineNo: number, text: () => string) => void;

/**
 * Feeds the UTF-8 bytes of a log with one record per line (Zeek TSV) to the row cutter in
 * WebAssembly, and hands every other line as text to `onLine` exactly as {@link LineFramer}
 * would: lines starting with the comment byte, lines the cutter does not take, and lines longer
 * than `maxChars` characters (reported to `onOversize` and skipped, as the framer does).
 * {@link RowsInput.toText} gives the rest of the input to the framer for good.
 */
export class LineBytes extends RowsInput<LineFramer> {
  /** inside a line found too long: everything up to its line end is dropped */
  private skipping = false;
  private readonly utf8 = new TextDecoder();

  private constructor(
    rows: RowsWasm,
    framer: LineFramer,
    private readonly onCells: CellsHandler,
    private readonly onLine: (line: string, lineNo: number) => void,
    private readonly onOversize: (lineNo: number) => void,
    private readonly maxChars: number,
  ) {
    super(rows, framer);
  }

  /** Null without WebAssembly (the caller keeps to text). `delimiter` and `comment` are bytes. */
  static create(
    framer: LineFramer,
    delimiter: number,
    comment: number,
    handlers: { onCells: CellsHandler; onLine: (line: string, lineNo: number) => void; onOversize: (lineNo: number) => void },
    maxChars = MAX_RECORD_CHARS,
  ): LineBytes | null {
    // a line of at most maxChars bytes has at most maxChars characters: the cutter may take it
    const rows = RowsWasm.create(delimiter, 0, comment, maxChars);
    return rows ? new LineBytes(rows, framer, handlers.onCells, handlers.onLine, handlers.onOversize, maxChars) : null;
  }

  protected row(cells: string[], line: number, start: number): void {
    this.onCells(cells, line, () => this.textAt(start));
  }

  protected emptyLine(line: number): void {
    this.onLine('', line);
  }

  /** The rest of a line found too long is dropped up to its line end. */
  protected override before(pos: number, n: number): number {
    if (!this.skipping) return 0;
    const nl = this.rows.inputView(pos, n).indexOf(LF);
    if (nl === -1) return -1; // all of it is the long line
    this.skipping = false;
    this.lineNo++;
    return nl + 1;
  }

  /** A comment line, a line the cutter may not take, or an incomplete one that may be too long. */
  protected viaText(status: number, pos: number, n: number, final: boolean): number {
    return status === SCAN_NEEDS_JS || n - pos > this.maxChars || final ? this.lineHere(pos, n, final) : 0;
  }

  protected override beforeHandOver(): void {
    if (this.skipping) this.framer.skipLine();
  }

  /** The line starting at input offset `at` (without its line end). */
  private textAt(at: number): string {
    const view = this.rows.inputView(at, this.rows.loaded);
    let end = view.indexOf(LF);
    if (end === -1) end = view.length;
    if (end > 0 && view[end - 1] === CR) end--;
    return this.utf8.decode(view.subarray(0, end));
  }

  /**
   * The line at `pos` as LineFramer would hand it: to onLine, or to onOversize (and skipped
   * to its end) when longer than maxChars characters. Returns the bytes used: 0 when the line is
   * incomplete and may still be short enough.
   */
  private lineHere(pos: number, n: number, final: boolean): number {
    const view = this.rows.inputView(pos, n);
    const nl = view.indexOf(LF);
    const line = this.lineNo;
    if (nl === -1) {
      const text = this.utf8.decode(view);
      if (!final) {
        if (text.length <= this.maxChars) return 0;
        this.onOversize(line);
        this.skipping = true;
        return view.length;
      }
      // the last line, without a line end (LineFramer.end)
      this.lineNo++;
      const last = text.charCodeAt(text.length - 1) === CR ? text.slice(0, -1) : text;
      if (text.length > this.maxChars) this.onOversize(line);
      else if (text !== '') this.onLine(last, line);
      return view.length;
    }
    let text = this.utf8.decode(view.subarray(0, nl));
    if (text.charCodeAt(text.length - 1) === CR) text = text.slice(0, -1);
    this.lineNo++;
    if (text.length > this.maxChars) this.onOversize(line);
    else this.onLine(text, line);
    return nl + 1;
  }
}

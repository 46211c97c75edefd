import type { LineFramer } from './line-framer';
import { RowsInput, type CellFacts } from './rows-input';
import { RowsWasm, SCAN_NEEDS_JS } from './wasm/rows';

const LF = 10;
const CR = 13;

/**
 * A line cut by the row cutter: its cells (the array is reused; cells of SKIP columns are '',
 * and so are the TIME/EPOCH cells it read), its number, its offset in the loaded input (its text:
 * {@link LineBytes.lineAt}, while the handler runs), and what the cutter knows of its cells.
 */
export type CellsHandler = (cells: string[], lineNo: number, start: number, facts: CellFacts) => void;

/**
 * Feeds the UTF-8 bytes of a log with one record per line (Zeek TSV) to the row cutter in
 * WebAssembly, and hands every other line to the {@link LineFramer} as it would hand it over:
 * lines starting with the comment byte, lines the cutter does not take, and lines longer than
 * the framer's `maxChars` characters (reported and skipped). {@link RowsInput.toText} gives the
 * rest of the input to the framer for good.
 */
export class LineBytes extends RowsInput<LineFramer> {
  /** inside a line found too long: everything up to its line end is dropped */
  private skipping = false;

  private constructor(
    rows: RowsWasm,
    framer: LineFramer,
    private readonly onCells: CellsHandler,
  ) {
    super(rows, framer);
  }

  /** Null without WebAssembly (the caller keeps to text). `delimiter` and `comment` are bytes. */
  static create(framer: LineFramer, delimiter: number, comment: number, onCells: CellsHandler): LineBytes | null {
    // a line of at most maxChars bytes has at most maxChars characters: the cutter may take it
    const rows = RowsWasm.create(delimiter, 0, comment, framer.maxChars);
    return rows ? new LineBytes(rows, framer, onCells) : null;
  }

  protected row(cells: string[], line: number, start: number): void {
    this.onCells(cells, line, start, this.facts);
  }

  protected emptyLine(line: number): void {
    this.framer.deliver('', line);
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
    return status === SCAN_NEEDS_JS || n - pos > this.framer.maxChars || final ? this.lineHere(pos, n, final) : 0;
  }

  protected override beforeHandOver(): void {
    if (this.skipping) this.framer.skipLine();
  }

  /** The text of the line starting at input offset `at` (without its line end): valid for a line being handed over. */
  lineAt(at: number): string {
    const view = this.rows.inputView(at, this.rows.loaded);
    let end = view.indexOf(LF);
    if (end === -1) end = view.length;
    if (end > 0 && view[end - 1] === CR) end--;
    return this.utf8.decode(view.subarray(0, end));
  }

  /**
   * The line at `pos`, handed over as the framer would. Returns the bytes used: 0 when the line
   * is incomplete and may still be short enough.
   */
  private lineHere(pos: number, n: number, final: boolean): number {
    const view = this.rows.inputView(pos, n);
    const nl = view.indexOf(LF);
    const line = this.lineNo;
    const text = this.utf8.decode(nl === -1 ? view : view.subarray(0, nl));
    if (nl === -1) {
      if (text.length > this.framer.maxChars) {
        // too long already, as LineFramer.push finds it: the rest of it is skipped
        this.framer.onOversize(line);
        this.skipping = !final;
        return view.length;
      }
      if (!final) return 0; // wait for its end
    }
    this.lineNo++;
    // the last line without a line end: as LineFramer.end, nothing when empty
    if (nl !== -1 || text !== '') this.framer.deliver(text, line);
    return nl === -1 ? view.length : nl + 1;
  }
}

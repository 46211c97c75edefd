import { MAX_WASM_CELLS, SCAN_FULL, taggedTime, TIME_TAG, type CellMode, type RowsWasm } from './wasm/rows';
import { RemoteRows, type CutBatch, type CutRows, type PrecutLink } from './precut';

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
  /** the longest record it keeps, in characters */
  readonly maxChars: number;
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
  /** the columns' modes, once configured */
  private modes: CellMode[] | null = null;
  /** the thread that reads the input, which may cut its rows (see precut.ts) */
  private link: PrecutLink | null = null;
  /** the reader cuts the rows: the input comes as batches */
  private remote = false;
  /** the link the rows were handed over on */
  private handedTo: PrecutLink | null = null;
  /** the batch being read (its input is what {@link view} shows) */
  private batch: CutBatch | null = null;
  /** while remote: the input's bytes not taken yet, were the reader to stop cutting now */
  private resume: Uint8Array = new Uint8Array(0);
  private remoteFinal = false;
  /** configured again while remote (e.g. a new header): the rows after it are cut here */
  private reconfigured = false;
  private readonly remoteRows = new RemoteRows();
  /** how the text path takes the rows the cutter leaves ('csv' or 'lines', see precut.ts) */
  protected abstract readonly cutKind: 'csv' | 'lines';

  protected constructor(
    protected readonly rows: RowsWasm,
    protected readonly framer: F,
  ) {}

  /** Sets what the cutter does with each column (from the header). */
  configure(modes: readonly CellMode[]): void {
    modes.forEach((m, i) => this.rows.setMode(i, m));
    this.maxRows = 1 << 30;
    if (this.modes !== null) this.reconfigured = true;
    this.modes = [...modes];
  }

  /**
   * Lets the thread that reads the input cut its rows from the row after the header on (see
   * precut.ts); `onCellsReset` is then called whenever cell ids start again (the cutter changes).
   */
  useLink(link: PrecutLink | null): void {
    this.link = link;
  }

  /** Cell ids start again from here (the rows are cut by another cutter): nothing keyed by them carries over. */
  onCellsReset: (() => void) | null = null;

  /** From the next row on, the input is decoded and given to the text framer. */
  toText(): void {
    this.text ??= new TextDecoder();
  }

  push(bytes: Uint8Array): void {
    // plain bytes while the reader cuts: it stopped (e.g. it failed and the rest is read here)
    if (this.remote) this.fallBack(this.resume, false);
    this.pushPlain(bytes, false);
  }

  private pushPlain(bytes: Uint8Array, final: boolean): void {
    if (this.text) this.toFramer(bytes);
    else this.run(bytes, final);
  }

  /**
   * A batch of rows the reader cut (see precut.ts), read as the rows cut here would be: each
   * row the cutter left to the text path is checked to take the bytes the reader counted; at
   * the first that does not (or a header that changes the columns, or a switch to text) the
   * rest is cut here, this batch's bytes from there and the bytes of those still coming.
   */
  pushBatch(b: CutBatch): void {
    if (!this.remote) {
      this.pushPlain(b.input.subarray(b.input.length - b.fresh), b.final);
      return;
    }
    const values = this.remoteRows.values;
    for (const v of b.values) values.push(v);
    this.batch = b;
    for (const step of b.steps) {
      let at: number;
      if ('out' in step) {
        this.remoteRows.set(step);
        this.emit(this.remoteRows);
        at = step.next;
      } else if ('stall' in step) {
        this.fallBack(b.input.subarray(step.stall), b.final);
        return;
      } else {
        const used = this.viaText(step.status, step.pos, b.input.length, b.final);
        at = step.pos + used;
        if (used !== step.used) {
          this.fallBack(b.input.subarray(at), b.final);
          return;
        }
      }
      if (this.text || this.reconfigured) {
        this.fallBack(b.input.subarray(at), b.final);
        return;
      }
    }
    this.batch = null;
    // a copy: the batch's buffers go back to the reader once the next is asked for
    this.resume = b.input.slice(b.end);
    this.remoteFinal = b.final;
  }

  /** The rest is cut here, from `rest` on (the bytes of batches still coming are taken as they are). */
  private fallBack(rest: Uint8Array, final: boolean): void {
    this.remote = false;
    this.batch = null;
    this.handedTo?.raw();
    this.onCellsReset?.();
    this.pushPlain(rest, final);
  }

  end(): void {
    if (this.remote) {
      if (this.remoteFinal) {
        this.framer.end();
        return;
      }
      this.fallBack(this.resume, false);
    }
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

  /** Whether the reader may cut from here on (LineBytes: not inside a line being skipped). */
  protected mayHandOver(): boolean {
    return true;
  }

  /** The input's bytes [from, to): of the batch being read, or of the input loaded here (a view, valid while the row is read). */
  protected view(from: number, to: number): Uint8Array {
    return this.batch ? this.batch.input.subarray(from, to) : this.rows.inputView(from, to);
  }

  /** The length of the input {@link view} shows. */
  protected get loaded(): number {
    return this.batch ? this.batch.input.length : this.rows.loaded;
  }

  private run(bytes: Uint8Array, final: boolean): void {
    const rows = this.rows;
    const n = rows.load(this.carry ? [this.carry, bytes] : [bytes]);
    this.carry = null;
    let pos = 0;
    while (pos < n && !this.text) {
      const link = this.link;
      if (link !== null && link.open && this.modes !== null && !this.reconfigured && this.mayHandOver()) {
        // the header is read: the reader cuts the rest, from the rows of this chunk not taken yet
        this.link = null;
        const tail = rows.inputView(pos, n).slice();
        link.cut(
          { kind: this.cutKind, delimiter: rows.delimiter, stop: rows.stop, comment: rows.comment, maxRowBytes: rows.maxRowBytes, maxChars: this.framer.maxChars, modes: this.modes },
          tail,
        );
        this.remote = true;
        this.handedTo = link;
        this.resume = tail;
        this.onCellsReset?.();
        return;
      }
      const skipped = this.before(pos, n);
      if (skipped < 0) return;
      if (skipped > 0) {
        pos += skipped;
        continue;
      }
      const { next, status } = rows.scan(pos, n, final, this.maxRows);
      this.emit(rows);
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

  /** Hands the rows of a scan (here or in the reader) to the reader. */
  private emit(rows: CutRows): void {
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

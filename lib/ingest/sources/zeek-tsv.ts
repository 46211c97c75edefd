/**
 * Zeek dns.log, ASCII (TSV) writer (log-formats.md §3.1). The `#` header gives the separator,
 * set separator, empty and unset markers and the column order (`#fields`); a later header block
 * (rotated or concatenated logs) replaces them. `#close` may be missing (log still open).
 */
import { SNIFF_CHARS, type SourceAdapter } from '../types';
import { ZeekLineReader } from './zeek-reader-base';
import { unescapeAll, unescapeZeek } from './zeek-answers';
import { F_ANSWERS, F_ORIG, F_QTYPE, F_QTYPE_NAME, F_QUERY, F_RCODE, F_RCODE_NAME, F_RESP, F_TS, F_TTLS, quote, ZEEK_FIELD_NAMES, ZEEK_FIELDS } from './zeek-record';
import { zeekPrelude } from '../split';
import { LineBytes } from '../line-bytes';
import { CELL_EPOCH, CELL_KEY, CELL_SKIP, MAX_WASM_CELLS, taggedTime, TIME_TAG, type CellMode } from '../wasm/rows';
import type { CellFacts, CutHandler } from '../rows-input';

/** Per field read by the mapping (by index, see ZEEK_FIELD_NAMES): whether its text is a Zeek string (escaped with `\xNN`). */
const IS_STRING = Uint8Array.from(ZEEK_FIELD_NAMES, (f) => (f === 'id.orig_h' || f === 'id.resp_h' || f === 'query' || f === 'qtype_name' || f === 'rcode_name' ? 1 : 0));

/** Column of each field (by index) in the current `#fields` order, -1 when absent. */
function columnsOf(fields: readonly string[]): Int32Array {
  return Int32Array.from(ZEEK_FIELD_NAMES, (f) => fields.indexOf(f));
}

class ZeekTsvReader extends ZeekLineReader {
  private sep = '\t';
  private setSep = ',';
  private emptyField = '(empty)';
  private unsetField = '-';
  private fields: string[] | null = null;
  private column: Int32Array = columnsOf([]);
  /** per column of `#fields`: whether the mapping reads it (the others are never cut out) */
  private wanted = new Uint8Array(0);
  private cols: string[] = [];
  /**
   * per column: 1 when the mapping reads it only as a fallback (`qtype_name` when `qtype` is
   * unset, `rcode_name` when `rcode` is): the cutter skips it and a row that needs it is split
   * from its text
   */
  private lazy = new Uint8Array(0);
  /** what the cutter knows of the cells of the row being read (null: a row read as text) */
  private facts: CellFacts | null = null;
  /** the input offset of the cut row being read, and its cells once split from its text (lazy columns) */
  private rowStart = -1;
  private rowCells: string[] | null = null;
  private readonly cellId = (f: number): number => {
    const i = this.column[f] as number;
    return i < 0 || this.facts === null ? -1 : (this.facts.ids[i] as number);
  };
  private readonly get = (f: number): unknown => this.field(f);
  /** the bytes path, once the pipeline chose it */
  private bytes: LineBytes | null = null;

  startBytes(): boolean {
    this.bytes = LineBytes.create(this.framer, 9, 35, (cells, n, start, facts) => this.cellsRow(cells, n, start, facts));
    return this.bytes !== null;
  }

  pushBytes(bytes: Uint8Array): void {
    (this.bytes as LineBytes).push(bytes);
  }

  override end(): void {
    if (this.bytes) this.bytes.end();
    else super.end();
  }

  /**
   * A data line the row cutter cut (tab-separated, not a header line). A line that may be blank
   * (no column the mapping reads has text), the first line, or one before `#fields` is read as
   * text: the cells cannot tell those apart from what the text path does with them.
   */
  private cellsRow(cells: string[], n: number, start: number, facts: CellFacts): void {
    const fields = this.fields;
    if (n === 1 || fields === null || !this.anyWanted(cells, facts)) {
      this.lineOf(this.lineAt(start), n);
      return;
    }
    const wanted = this.wanted;
    for (let i = 0; i < cells.length; i++) if (wanted[i] === 1) this.cols[i] = cells[i] as string;
    this.facts = facts;
    this.rowStart = start;
    try {
      this.emitRow(cells.length, fields.length, n);
    } catch (e) {
      this.unreadable(n, e);
    } finally {
      this.facts = null;
      this.rowCells = null;
    }
  }

  private lineAt(start: number): string {
    return (this.bytes as LineBytes).lineAt(start);
  }

  /** Some column the mapping reads has more than white space (a timestamp the cutter read counts). */
  private anyWanted(cells: readonly string[], facts: CellFacts): boolean {
    const wanted = this.wanted;
    for (let i = 0; i < cells.length && i < wanted.length; i++) {
      if (wanted[i] === 1 && ((cells[i] as string).trim() !== '' || !Number.isNaN(facts.ms[i]))) return true;
    }
    return false;
  }

  /**
   * What the row cutter does per column: intern what the mapping reads (TTL lists too: a few
   * distinct values; a column with a new value on most rows is copied instead), read `ts` as
   * epoch seconds, skip the rest and the fallback names (see `lazy`).
   */
  private chooseCells(): void {
    const bytes = this.bytes;
    const fields = this.fields;
    if (!bytes || !fields) return;
    if (this.sep !== '\t' || fields.length > MAX_WASM_CELLS) {
      bytes.toText();
      return;
    }
    const modes: CellMode[] = fields.map((_, i) => (this.wanted[i] === 1 ? CELL_KEY : CELL_SKIP));
    const ts = this.column[F_TS] as number;
    if (ts >= 0) modes[ts] = CELL_EPOCH;
    this.lazy = new Uint8Array(fields.length);
    for (const f of [F_QTYPE_NAME, F_RCODE_NAME]) {
      const i = this.column[f] as number;
      if (i < 0) continue;
      modes[i] = CELL_SKIP;
      this.lazy[i] = 1;
    }
    bytes.configure(modes);
    bytes.onCut = this.cutHandler(fields.length);
  }

  /**
   * Rows of the usual shape (a ts the cutter read, and every cell the mapping reads but the query
   * name worked out on an earlier row) are mapped from their cells' ids (ZeekEmitter.emitCut);
   * anything else goes by cellsRow. Null when the header lacks a column the mapping reads.
   */
  private cutHandler(count: number): CutHandler | null {
    const col = this.column;
    const at = (f: number) => col[f] as number;
    const [ts, orig, resp, query, qtype, rcode, answers, ttls] = [F_TS, F_ORIG, F_RESP, F_QUERY, F_QTYPE, F_RCODE, F_ANSWERS, F_TTLS].map(at) as [number, number, number, number, number, number, number, number];
    if (Math.min(ts, orig, resp, query, qtype, rcode, answers, ttls) < 0) return null;
    const emitter = this.emitter;
    return (out, k, n, times, values, line) => {
      if (n !== count) return false;
      const t = out[k + ts] as number;
      if (t < TIME_TAG) return false;
      // a query name new to its cell: its text as field() reads it (unset and empty markers aside)
      const q = out[k + query] as number;
      const cells = emitter.cells;
      if (cells.knownString(q) === undefined) {
        const v = values[q];
        if (v === undefined || v === this.unsetField || v === this.emptyField) return false;
        cells.string(q, v, unescapeZeek);
      }
      return emitter.emitCut(
        line,
        taggedTime(times, t),
        out[k + orig] as number,
        out[k + resp] as number,
        q,
        out[k + qtype] as number,
        out[k + rcode] as number,
        out[k + answers] as number,
        out[k + ttls] as number,
      );
    };
  }

  protected line(line: string, n: number): void {
    try {
      if (line.charCodeAt(0) === 35 /* # */) this.header(line, n);
      else this.row(line, n);
    } catch (e) {
      this.unreadable(n, e);
    }
  }

  /** What reading line `n` threw, as its problem. */
  private unreadable(n: number, e: unknown): void {
    this.sink.problem(n, `unreadable row: ${e instanceof Error ? e.message : String(e)}`);
  }

  /** The row whose wanted columns are in `cols`, once it has as many columns as `#fields`. */
  private emitRow(count: number, expected: number, n: number): void {
    if (count !== expected) {
      this.sink.problem(n, `expected ${expected} columns (from #fields), found ${count}`);
      return;
    }
    this.emitter.emit(n, this.get, this.cellId);
  }

  private header(line: string, n: number): void {
    // a header may change how cells read (separators, empty and unset markers): nothing worked out per cell value carries over
    this.emitter.forgetCells();
    if (line.startsWith('#separator')) {
      // The separator is not known yet on this line: `#separator \x09` (one blank, then escapes).
      const sep = unescapeAll(line.slice(10).replace(/^[ \t]/, ''));
      if (sep === '') this.sink.problem(n, `bad #separator line ${quote(line)}`);
      else this.sep = sep;
      if (this.sep !== '\t') this.bytes?.toText();
      return;
    }
    const parts = line.split(this.sep);
    const key = parts[0];
    const value = parts[1] === undefined ? undefined : unescapeAll(parts[1]);
    switch (key) {
      case '#set_separator':
        if (value) this.setSep = value;
        break;
      case '#empty_field':
        if (value !== undefined) this.emptyField = value;
        break;
      case '#unset_field':
        if (value !== undefined) this.unsetField = value;
        break;
      case '#fields':
        this.fields = parts.slice(1);
        this.column = columnsOf(this.fields);
        this.wanted = new Uint8Array(this.fields.length);
        for (const i of this.column) if (i >= 0) this.wanted[i] = 1;
        this.chooseCells();
        break;
      default:
        // #path, #open, #close, #types and unknown comment lines carry nothing we need
        break;
    }
  }

  private row(line: string, n: number): void {
    if (line === '' || line.trim() === '') return;
    const fields = this.fields;
    if (fields === null) {
      this.sink.problem(n, 'data row before the #fields header');
      return;
    }
    // cut out only the columns the mapping reads; count them all
    const sep = this.sep;
    const wanted = this.wanted;
    const cols = this.cols;
    let start = 0;
    let col = 0;
    for (;;) {
      const end = line.indexOf(sep, start);
      const stop = end === -1 ? line.length : end;
      if (wanted[col] === 1) cols[col] = line.slice(start, stop);
      col++;
      if (end === -1) break;
      start = end + sep.length;
    }
    this.emitRow(col, fields.length, n);
  }

  private field(f: number): unknown {
    const i = this.column[f] as number;
    if (i < 0) return undefined;
    const facts = this.facts;
    if (facts !== null) {
      // epoch seconds the cutter read: the number the text path reads from the text
      const t = facts.ms[i] as number;
      if (t === t) return t;
    }
    const v = facts !== null && this.lazy[i] === 1 ? (this.rowCells ??= this.lineAt(this.rowStart).split(this.sep))[i] : this.cols[i];
    if (v === undefined || v === this.unsetField) return undefined;
    if (v === this.emptyField) return '';
    if (IS_STRING[f] === 1) return facts === null ? unescapeZeek(v) : this.emitter.cells.string(facts.ids[i] as number, v, unescapeZeek);
    if (this.setSep !== ',') {
      if (f === F_TTLS) return v.split(this.setSep).join(',');
      // canonical answers text: elements joined by `,`, literal commas as `\x2c`
      if (f === F_ANSWERS) return v.split(this.setSep).map((e) => e.replace(/,/g, '\\x2c')).join(',');
    }
    return v;
  }
}

/** `#separator` first, and a dns log: `#path dns` or a `query` column. */
function sniff(head: string): number {
  const h = head.slice(0, SNIFF_CHARS).replace(/^\uFEFF/, '').trimStart();
  if (!h.startsWith('#separator')) return 0;
  if (/^#path[ \t]+dns[ \t]*\r?$/m.test(h)) return 1;
  const fields = /^#fields(.*)$/m.exec(h);
  if (fields && /(?:^|[^\w.])query(?:[^\w.]|$)/.test(fields[1] ?? '')) return 1;
  return 0;
}

export const zeekTsv: SourceAdapter = {
  id: 'zeek-tsv',
  label: 'Zeek dns.log (TSV)',
  fields: ZEEK_FIELDS,
  sniff,
  split: { prelude: zeekPrelude, guard: 'no-header-lines' },
  open: (sink) => new ZeekTsvReader(sink),
};

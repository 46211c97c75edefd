/**
 * Field access shared by the Sysmon adapters: a record is a bag of named string fields, read
 * case-insensitively and through aliases (log-formats.md §1.6).
 */

import type { CellFacts } from '../rows-input';

/** Read-only view of one record's fields. */
export interface FieldSource {
  /** The value of the first alias that is present and non-empty. */
  getAny(names: AliasList): string | undefined;
  /**
   * The timestamp (ms, UTC) of the first alias present and non-empty when the reader has read
   * it already (the row cutter's TIME cells), with {@link parsedZoned} set; NaN when there is
   * none or it is text (then read {@link getAny}).
   */
  parsedTime(names: AliasList): number;
  /** Whether the timestamp {@link parsedTime} returned last had a zone. */
  readonly parsedZoned: boolean;
  /**
   * The row cutter's id of the value {@link getAny} returned last (see CellFacts): the same id
   * for the same value of that column throughout an input, and the value is then a string made
   * once for the input, never a slice of a larger text (it may be kept as it is). -1 when it has
   * none (a row read as text, a cell copied per row, no value).
   */
  lastId(): number;
}

/** Alias names with their lower-case forms, computed once. */
export interface AliasList {
  /** small and unique per list (see {@link aliases}): ColumnFields keeps what a list resolves to at this index */
  readonly id: number;
  readonly names: readonly string[];
  readonly lower: readonly string[];
}

let nextAliasId = 0;

/** An alias list. Make lists once (module constants): each gets the next id. */
export function aliases(...names: string[]): AliasList {
  return { id: nextAliasId++, names, lower: names.map((n) => n.toLowerCase()) };
}

/** Prefixes under which exporters nest the Sysmon EventData fields; `winlog.event_data.X` counts as X. */
const NESTED_PREFIXES = ['winlog.event_data.', 'event_data.', 'EventData.'];
/** A hostile record cannot make one field map grow without bound. */
export const MAX_FIELDS = 4096;

/**
 * Fields of one record. The first value set for a name wins, so callers add the most faithful
 * source first (event XML, then the rendered message, then table columns). Lookups try the exact
 * name, then any case. Backed by prototype-less objects (recreated per record, which is much
 * cheaper than clearing a Map), so keys like `__proto__` are plain data.
 */
export class FieldMap implements FieldSource {
  private exact = Object.create(null) as Record<string, string>;
  private lower = Object.create(null) as Record<string, string>;
  private count = 0;

  clear(): void {
    if (this.count === 0) return;
    this.exact = Object.create(null) as Record<string, string>;
    this.lower = Object.create(null) as Record<string, string>;
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  /** True when a field of exactly this name is present. */
  has(name: string): boolean {
    return this.exact[name] !== undefined;
  }

  set(name: string, value: string): void {
    if (this.count >= MAX_FIELDS || this.exact[name] !== undefined) return;
    this.exact[name] = value;
    this.count++;
    const lc = name.toLowerCase();
    if (this.lower[lc] === undefined) this.lower[lc] = value;
    if (name.indexOf('.') > 0) {
      for (const p of NESTED_PREFIXES) {
        if (name.length > p.length && name.startsWith(p)) {
          this.set(name.slice(p.length), value);
          break;
        }
      }
    }
  }

  get(name: string): string | undefined {
    return this.exact[name] ?? this.lower[name.toLowerCase()];
  }

  /** The value under alias `i` of `list` (exact name, else any case), present or not. */
  alias(list: AliasList, i: number): string | undefined {
    return this.exact[list.names[i] as string] ?? this.lower[list.lower[i] as string];
  }

  parsedTime(): number {
    return NaN;
  }

  readonly parsedZoned = false;

  lastId(): number {
    return -1;
  }

  getAny(list: AliasList): string | undefined {
    const { names, lower } = list;
    const exact = this.exact;
    const low = this.lower;
    for (let i = 0; i < names.length; i++) {
      const v = exact[names[i] as string] ?? low[lower[i] as string];
      if (v !== undefined && v !== '') return v;
    }
    return undefined;
  }
}

/**
 * Fields of a table row read straight from its columns: each alias list is resolved to column
 * indexes once per header, exactly as a {@link FieldMap} filled from the header would resolve
 * it (first column of a name wins, exact name before any case, nested prefixes stripped), so a
 * row costs no map at all.
 */
export class ColumnFields implements FieldSource {
  private readonly byName = new FieldMap();
  /**
   * per alias list id, the columns it reads: an array read per lookup, not a Map keyed by the
   * list; read directly by getAny and parsedTime ({@link columnsOf} only fills it: a call per
   * field and row cost 75 ms of the 1M-row CSV ingest)
   */
  private readonly resolved: (readonly number[] | undefined)[] = [];
  private row: readonly string[] = [];
  private facts: CellFacts | null = null;
  /** the column of the value getAny returned last, -1 none */
  private lastColumn = -1;
  parsedZoned = false;

  constructor(names: readonly string[]) {
    names.forEach((n, i) => this.byName.set(n, String(i)));
  }

  /** Points the view at the next row (same header), with what the cutter knows of its cells (a row it cut). */
  setRow(row: readonly string[], facts: CellFacts | null = null): void {
    this.row = row;
    this.facts = facts;
  }

  /** The columns `list` reads in this header, in alias order (only the aliases it has). */
  columnsOf(list: AliasList): readonly number[] {
    let cols = this.resolved[list.id];
    if (cols === undefined) {
      // the columns of the aliases this header has, in alias order (most lists name one)
      cols = list.names.map((_, i) => Number(this.byName.alias(list, i) ?? -1)).filter((c) => c >= 0);
      this.resolved[list.id] = cols;
    }
    return cols;
  }

  getAny(list: AliasList): string | undefined {
    const cols = this.resolved[list.id] ?? this.columnsOf(list);
    const row = this.row;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i] as number;
      const v = row[c];
      if (v !== undefined && v !== '') {
        this.lastColumn = c;
        return v;
      }
      // a timestamp the cutter read has no text: the same instant in ISO form (parsedTime is the way to read it)
      const t = this.facts?.ms[c] ?? NaN;
      if (t === t) {
        this.lastColumn = -1;
        return new Date(t).toISOString();
      }
    }
    this.lastColumn = -1;
    return undefined;
  }

  lastId(): number {
    const c = this.lastColumn;
    return c < 0 || this.facts === null ? -1 : (this.facts.ids[c] as number);
  }

  parsedTime(list: AliasList): number {
    const facts = this.facts;
    if (facts === null) return NaN;
    const cols = this.resolved[list.id] ?? this.columnsOf(list);
    const row = this.row;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i] as number;
      const t = facts.ms[c] as number;
      if (t === t) {
        this.parsedZoned = facts.zoned[c] === 1;
        return t;
      }
      const v = row[c];
      if (v !== undefined && v !== '') return NaN;
    }
    return NaN;
  }
}

const MESSAGE_LINE_RE = /^(\w+): ?(.*)$/;

/**
 * Adds the `Key: value` lines of a rendered Windows event message (`Dns query:\r\nRuleName: -\r\n…`)
 * to `into`. The title line (`Dns query:`) and continuation lines are ignored.
 */
export function addMessageFields(into: FieldMap, message: string): void {
  let start = 0;
  const n = message.length;
  while (start < n) {
    let end = message.indexOf('\n', start);
    if (end === -1) end = n;
    let line = message.slice(start, end);
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    const m = MESSAGE_LINE_RE.exec(line);
    if (m) into.set(m[1] as string, m[2] as string);
    start = end + 1;
  }
}

const KEY_VALUE_LINE_RE = /^(\w+)=(.*)$/;

/** Adds the `Key=value` lines of a classic Splunk `WinEventLog` `_raw` text, and its message lines. */
export function addKeyValueLines(into: FieldMap, raw: string): void {
  for (const rawLine of raw.split('\n')) {
    const line = rawLine.charCodeAt(rawLine.length - 1) === 13 ? rawLine.slice(0, -1) : rawLine;
    const kv = KEY_VALUE_LINE_RE.exec(line);
    if (kv) {
      into.set(kv[1] as string, kv[2] as string);
      continue;
    }
    const m = MESSAGE_LINE_RE.exec(line);
    if (m) into.set(m[1] as string, m[2] as string);
  }
}

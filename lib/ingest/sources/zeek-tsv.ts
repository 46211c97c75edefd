/**
 * Zeek dns.log, ASCII (TSV) writer (log-formats.md §3.1). The `#` header gives the separator,
 * set separator, empty and unset markers and the column order (`#fields`); a later header block
 * (rotated or concatenated logs) replaces them. `#close` may be missing (log still open).
 */
import { SNIFF_CHARS, type SourceAdapter } from '../types';
import { ZeekLineReader } from './zeek-reader-base';
import { unescapeAll, unescapeZeek } from './zeek-answers';
import { quote, ZEEK_FIELDS, type ZeekField } from './zeek-record';

/** Fields whose text is a Zeek string (escaped with `\xNN`). */
const STRING_FIELDS: ReadonlySet<ZeekField> = new Set<ZeekField>([
  'query', 'qtype_name', 'rcode_name', 'id.orig_h', 'id.resp_h',
]);

class ZeekTsvReader extends ZeekLineReader {
  private sep = '\t';
  private setSep = ',';
  private emptyField = '(empty)';
  private unsetField = '-';
  private fields: string[] | null = null;
  private index = new Map<string, number>();
  private cols: string[] = [];
  private readonly get = (f: ZeekField): unknown => this.field(f);

  protected line(line: string, n: number): void {
    try {
      if (line.charCodeAt(0) === 35 /* # */) this.header(line, n);
      else this.row(line, n);
    } catch (e) {
      this.sink.problem(n, `unreadable row: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private header(line: string, n: number): void {
    if (line.startsWith('#separator')) {
      // The separator is not known yet on this line: `#separator \x09` (one blank, then escapes).
      const sep = unescapeAll(line.slice(10).replace(/^[ \t]/, ''));
      if (sep === '') this.sink.problem(n, `bad #separator line ${quote(line)}`);
      else this.sep = sep;
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
        this.index = new Map(this.fields.map((f, i) => [f, i]));
        break;
      default:
        // #path, #open, #close, #types and unknown comment lines carry nothing we need
        break;
    }
  }

  private row(line: string, n: number): void {
    if (line.trim() === '') return;
    const fields = this.fields;
    if (fields === null) {
      this.sink.problem(n, 'data row before the #fields header');
      return;
    }
    const cols = line.split(this.sep);
    if (cols.length !== fields.length) {
      this.sink.problem(n, `expected ${fields.length} columns (from #fields), found ${cols.length}`);
      return;
    }
    this.cols = cols;
    this.emitter.emit(n, this.get);
  }

  private field(f: ZeekField): unknown {
    const i = this.index.get(f);
    if (i === undefined) return undefined;
    const v = this.cols[i];
    if (v === undefined || v === this.unsetField) return undefined;
    if (v === this.emptyField) return '';
    if (STRING_FIELDS.has(f)) return unescapeZeek(v);
    if (this.setSep !== ',') {
      if (f === 'TTLs') return v.split(this.setSep).join(',');
      // canonical answers text: elements joined by `,`, literal commas as `\x2c`
      if (f === 'answers') return v.split(this.setSep).map((e) => e.replace(/,/g, '\\x2c')).join(',');
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
  open: (sink) => new ZeekTsvReader(sink),
};

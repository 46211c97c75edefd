/**
 * Sysmon in a CSV table (log-formats.md §1.5, §1.6): Splunk exports with any column order and
 * the CIM/ECS aliases, `_raw` holding the event XML (or classic `WinEventLog` key=value text),
 * newline-joined multivalue cells, and PowerShell `Get-WinEvent | Export-Csv` (optional `#TYPE`
 * line, fields from the `Message` text). The most faithful source wins: `_raw` XML, then the
 * message, then the columns.
 */
import type { SourceAdapter } from '../types';
import { SysmonCsvReaderBase } from './sysmon-csv-base';
import { addKeyValueLines, addMessageFields, ColumnFields, type AliasList } from './sysmon-fields';
import { addEventXmlFields } from './sysmon-xml';
import { csvPrelude } from '../split';
import { CsvBytes } from '../csv-bytes';
import { CELL_KEY, CELL_SKIP, CELL_TIME, MAX_WASM_CELLS, type CellMode } from '../wasm/rows';
import type { CellFacts, CutHandler } from '../rows-input';
import { F, SYSMON_READ_LISTS, SYSMON_TIME_LISTS, type SysmonCutColumns } from './sysmon-record';

export const EVENT_VIEWER_HEADER = 'Level,Date and Time,Source,Event ID,Task Category';

interface Header {
  names: string[];
  raw: number;
  message: number;
  /** set when the table has neither `_raw` nor `Message`: rows are read from their columns */
  columns: ColumnFields | null;
}

class SysmonCsvReader extends SysmonCsvReaderBase {
  private header: Header | null = null;
  /** the bytes path, once the pipeline chose it */
  private bytes: CsvBytes | null = null;

  startBytes(): boolean {
    this.bytes = CsvBytes.create(this.framer, (row, line, facts) => this.row(row, line, facts));
    return this.bytes !== null;
  }

  pushBytes(bytes: Uint8Array): void {
    (this.bytes as CsvBytes).push(bytes);
  }

  override end(): void {
    if (this.bytes) this.bytes.end();
    else super.end();
  }

  /**
   * Once the header is known, what the row cutter does per column: the columns the mapper reads
   * are interned (KEY), those it reads only as times are read as timestamps by the cutter (TIME:
   * a new value on nearly every row; a shape it does not read is copied as text), the others are
   * not read at all (SKIP). Tables of event XML or messages are decoded and read as text: each
   * row is a document of its own.
   */
  private chooseCells(h: Header): void {
    const bytes = this.bytes;
    if (!bytes) return;
    const columns = h.columns;
    if (!columns || h.names.length > MAX_WASM_CELLS) {
      bytes.toText();
      return;
    }
    const modes: CellMode[] = h.names.map(() => CELL_SKIP);
    for (const list of SYSMON_TIME_LISTS) for (const c of columns.columnsOf(list)) modes[c] = CELL_TIME;
    const times = new Set(SYSMON_TIME_LISTS);
    for (const list of SYSMON_READ_LISTS) if (!times.has(list)) for (const c of columns.columnsOf(list)) modes[c] = CELL_KEY;
    bytes.configure(modes);
    bytes.onCut = this.cutHandler(columns, h.names.length);
  }

  /**
   * Rows of the usual shape (a DNS record whose UtcTime the cutter read, and every cell the
   * mapping reads but the query name worked out on an earlier row) are mapped from their cells' ids
   * (SysmonMapper.dnsCut); anything else goes by {@link row}. Null unless each field has one
   * column at most, the time, name and process fields one each, and no provider or channel
   * column (whose text decides whether a record is Sysmon's).
   */
  private cutHandler(columns: ColumnFields, count: number): CutHandler | null {
    const one = (list: AliasList) => {
      // (two aliases may name one column: `User` and `user`)
      const cols = new Set(columns.columnsOf(list));
      return cols.size === 0 ? -1 : cols.size === 1 ? ([...cols][0] as number) : NaN;
    };
    const c: SysmonCutColumns = {
      eventId: one(F.eventId), utcTime: one(F.utcTime), qname: one(F.qname), host: one(F.host), user: one(F.user),
      image: one(F.image), pid: one(F.pid), guid: one(F.guid), results: one(F.results), status: one(F.status),
    };
    if (Object.values(c).some((col) => col !== col) || Math.min(c.utcTime, c.qname, c.host, c.user, c.image, c.pid, c.guid) < 0) return null;
    if (one(F.provider) !== -1 || one(F.channel) !== -1) return null;
    const mapper = this.mapper;
    return (out, k, n, times, values, line) => n === count && mapper.dnsCut(out, k, times, values, line, c);
  }

  /** A row of the table: from the text framer, or from the row cutter with what it knows of the cells. */
  protected row(row: string[], line: number, facts: CellFacts | null = null): boolean {
    if (!this.header) {
      const first = (row[0] ?? '').replace(/^\uFEFF/, '');
      if (row.length === 1 && first.startsWith('#TYPE')) return true;
      const names = row.map((c, i) => (i === 0 ? first : c).trim());
      const lower = names.map((n) => n.toLowerCase());
      // PowerShell's ProcessId column is the pid that wrote the event (the Sysmon service), not
      // the querying process: keep it out of the ProcessId field.
      if (lower.includes('message') && lower.includes('id') && lower.includes('providername')) {
        const pid = lower.indexOf('processid');
        if (pid >= 0) names[pid] = 'ExecutionProcessId';
      }
      const raw = lower.indexOf('_raw');
      const message = lower.indexOf('message');
      this.header = { names, raw, message, columns: raw < 0 && message < 0 ? new ColumnFields(names) : null };
      this.chooseCells(this.header);
      return true;
    }
    const h = this.header;
    if (row.length !== h.names.length) {
      this.sink.problem(line, `expected ${h.names.length} fields as in the header, found ${row.length}`);
      return false;
    }
    if (h.columns) {
      h.columns.setRow(row, facts);
      this.mapper.handle(h.columns, line);
      return true;
    }
    const f = this.fields;
    f.clear();
    try {
      const raw = h.raw >= 0 ? row[h.raw] : undefined;
      if (raw !== undefined && raw !== '') {
        if (raw.includes('<Event')) addEventXmlFields(f, raw);
        else if (raw.includes('=')) addKeyValueLines(f, raw);
      }
      const message = h.message >= 0 ? row[h.message] : undefined;
      if (message !== undefined && message !== '') addMessageFields(f, message);
      for (let i = 0; i < h.names.length; i++) {
        const v = row[i];
        if (v !== undefined && i !== h.raw) f.set(h.names[i] as string, v);
      }
    } catch (e) {
      this.sink.problem(line, `could not read the row: ${e instanceof Error ? e.message : String(e)}`);
      return true;
    }
    this.mapper.handle(f, line);
    return true;
  }
}

/** The header line (after an optional PowerShell `#TYPE` line), split on commas, unquoted, lower-case. */
function headerColumns(head: string): string[] | null {
  const lines = head.replace(/^\uFEFF/, '').split('\n', 3);
  let header = lines[0] ?? '';
  if (header.startsWith('#TYPE')) header = lines[1] ?? '';
  header = header.replace(/\r$/, '');
  if (header === '' || /^[{[<#]/.test(header) || header.startsWith(EVENT_VIEWER_HEADER)) return null;
  const cols = header.split(',').map((c) => c.trim().replace(/^"|"$/g, '').trim().toLowerCase());
  return cols.length >= 2 ? cols : null;
}

function sniff(head: string): number {
  const cols = headerColumns(head);
  if (!cols) return 0;
  const has = (...names: string[]) => names.some((n) => cols.includes(n));
  if (has('queryname', 'dns.question.name')) return 0.9;
  const sysmonText = /Microsoft-Windows-Sysmon|Dns query:|<EventID>22<\/EventID>/.test(head);
  if (has('_raw') && sysmonText) return 0.85;
  if (has('message') && has('id', 'eventid', 'eventcode', 'providername') && sysmonText) return 0.85;
  if (has('query') && has('image', 'process_path', 'process.executable')) return 0.6;
  if (has('eventcode', 'eventid') && has('image', 'process_path')) return 0.5;
  return 0;
}

export const sysmonSplunkCsv: SourceAdapter = {
  id: 'sysmon-splunk-csv',
  label: 'Sysmon DNS (Splunk CSV)',
  fields: ['time', 'host', 'user', 'process', 'qname', 'qtype', 'status', 'answers'],
  sniff,
  split: { prelude: csvPrelude, guard: 'csv-quotes' },
  open: (sink) => new SysmonCsvReader(sink),
};

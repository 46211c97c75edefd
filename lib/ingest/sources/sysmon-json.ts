/**
 * Sysmon as JSON (log-formats.md §1.7, §1.8): OTRF/NXLog flat objects, Winlogbeat/Elastic ECS
 * (nested or dotted keys, `_source` hits), Sentinel `WindowsEvent` (EventData as a JSON string)
 * and the older Sentinel `Event` table (EventData as `<DataItem>` XML). NDJSON is read line by
 * line; a file that starts with `[` or with a pretty-printed object is cut into objects by
 * structure instead.
 */
import { JsonObjectFramer } from '../json-object-framer';
import { LineFramer } from '../line-framer';
import { MAX_RECORD_CHARS, type IngestSink, type RecordReader, type SourceAdapter } from '../types';
import { ecsAnswersToResults } from './sysmon-answers';
import { addMessageFields, FieldMap, MAX_FIELDS } from './sysmon-fields';
import { SysmonMapper } from './sysmon-record';
import { addXmlDataFields } from './sysmon-xml';

const MAX_DEPTH = 8;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `EventData` given as a string: JSON (Sentinel WindowsEvent) or `<DataItem>` XML (Sentinel Event). */
function addEmbeddedEventData(into: FieldMap, text: string, depth: number): boolean {
  const t = text.trimStart();
  if (t.charCodeAt(0) === 123 /* { */) {
    let inner: unknown;
    try {
      inner = JSON.parse(t);
    } catch {
      return false;
    }
    if (!isPlainObject(inner)) return false;
    flatten(into, inner, '', depth + 1);
    return true;
  }
  if (t.charCodeAt(0) === 60 /* < */) {
    addXmlDataFields(into, t);
    return true;
  }
  return false;
}

/**
 * Flattens nested objects to dotted keys (`winlog.event_data.QueryName`), bounded in depth and
 * field count. Arrays of scalars become newline-joined values; ECS `dns.answers` objects become a
 * QueryResults-style string; `_source` at the top is unwrapped.
 */
export function flatten(into: FieldMap, obj: Record<string, unknown>, prefix: string, depth: number): void {
  for (const key of Object.keys(obj)) {
    if (into.size >= MAX_FIELDS) return;
    const v = obj[key];
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof v === 'string') {
      if (key === 'EventData' && depth < MAX_DEPTH && addEmbeddedEventData(into, v, depth)) continue;
      into.set(name, v);
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      into.set(name, String(v));
    } else if (Array.isArray(v)) {
      if (name === 'dns.answers') {
        into.set(name, ecsAnswersToResults(v));
      } else {
        const scalars = v.filter((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean');
        if (scalars.length > 0) into.set(name, scalars.map(String).join('\n'));
      }
    } else if (isPlainObject(v) && depth < MAX_DEPTH) {
      flatten(into, v, key === '_source' && prefix === '' ? '' : name, depth + 1);
    }
  }
}

type Mode = 'undecided' | 'lines' | 'objects';

class SysmonJsonReader implements RecordReader {
  private readonly fields = new FieldMap();
  private readonly mapper: SysmonMapper;
  private mode: Mode = 'undecided';
  private pending = '';
  private lines: LineFramer | null = null;
  private objects: JsonObjectFramer | null = null;

  constructor(private readonly sink: IngestSink) {
    this.mapper = new SysmonMapper(sink);
  }

  push(text: string): void {
    if (this.mode === 'undecided') {
      this.pending += text;
      if (!this.decide(false)) return;
      text = this.pending;
      this.pending = '';
    }
    this.feed(text);
  }

  end(): void {
    if (this.mode === 'undecided') {
      this.decide(true);
      this.feed(this.pending);
      this.pending = '';
    }
    this.lines?.end();
    this.objects?.end();
  }

  private feed(text: string): void {
    if (this.lines) this.lines.push(text);
    else this.objects?.push(text);
  }

  /**
   * NDJSON when the first non-blank line is a whole object (or is not JSON at all: its problems
   * are then reported line by line); structural cutting when the text starts with `[` or with a
   * `{` line that does not close.
   */
  private decide(final: boolean): boolean {
    const p = this.pending;
    const i = p.search(/[^\s\uFEFF]/);
    if (i === -1 && !final && p.length < MAX_RECORD_CHARS) return false;
    let objects = false;
    if (i !== -1 && p.charCodeAt(i) === 91 /* [ */) objects = true;
    else if (i !== -1 && p.charCodeAt(i) === 123 /* { */) {
      const nl = p.indexOf('\n', i);
      if (nl === -1 && !final && p.length < MAX_RECORD_CHARS) return false;
      const first = p.slice(i, nl === -1 ? p.length : nl).trim();
      objects = !/\}\s*,?$/.test(first);
    }
    this.mode = objects ? 'objects' : 'lines';
    if (objects) {
      this.objects = new JsonObjectFramer(
        (json, line) => this.record(json, line),
        (line, reason) => this.sink.problem(line, reason),
      );
    } else {
      this.lines = new LineFramer(
        (line, n) => this.line(line, n),
        (n) => this.sink.problem(n, `line longer than ${MAX_RECORD_CHARS} characters`),
      );
    }
    return true;
  }

  private line(text: string, n: number): void {
    let t = text.trim();
    if (t === '' || t === '[' || t === ']') return;
    if (t.charCodeAt(t.length - 1) === 44 /* , */) t = t.slice(0, -1);
    this.record(t, n);
  }

  private record(json: string, line: number): void {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (e) {
      this.sink.problem(line, `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (!isPlainObject(value)) {
      this.sink.problem(line, 'not a JSON object');
      return;
    }
    const f = this.fields;
    f.clear();
    try {
      flatten(f, value, '', 0);
      // Some exporters drop EventData fields (OTRF NXLog rows without ProcessId, whose
      // `ProcessID` is the Sysmon service's own pid); the rendered message still has them.
      const message = f.get('Message');
      if (message !== undefined && (!f.has('ProcessId') || !f.has('UtcTime') || !f.has('Image'))) {
        addMessageFields(f, message);
      }
    } catch (e) {
      this.sink.problem(line, `could not read the record: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.mapper.handle(f, line);
  }
}

function sniff(head: string): number {
  const h = head.replace(/^\uFEFF/, '').trimStart();
  const c = h.charCodeAt(0);
  if (c !== 123 && c !== 91) return 0;
  if (h.includes('"id.orig_h"') || h.includes('"id_orig_h"')) return 0;
  const sysmon = /Microsoft-Windows-Sysmon/i.test(h) || /"event\.module"\s*:\s*"sysmon"|"module"\s*:\s*"sysmon"/.test(h);
  const dns = /\\?"(?:QueryName|dns\.question\.name)\\?"\s*:/.test(h) || /"question"\s*:\s*\{\s*"name"/.test(h);
  const eid22 = /"(?:EventID|EventCode|event_id|code)"\s*:\s*"?22\b/.test(h);
  if (dns && (sysmon || eid22)) return 0.95;
  if (sysmon) return 0.9;
  return dns ? 0.7 : 0;
}

export const sysmonJson: SourceAdapter = {
  id: 'sysmon-json',
  label: 'Sysmon DNS (JSON/NDJSON: NXLog, Winlogbeat, Sentinel)',
  fields: ['time', 'host', 'user', 'process', 'qname', 'qtype', 'status', 'answers'],
  sniff,
  open: (sink) => new SysmonJsonReader(sink),
};

/**
 * Zeek dns.log as NDJSON (log-formats.md §3.2): Zeek's own JSON writer (dotted keys
 * `id.orig_h`) and RockNSM/SimpleRock via Kafka (underscore keys `id_orig_h`, plus `@stream`,
 * `@system`, `@proc`). Unset fields are omitted; `ts` is epoch seconds or an ISO8601 string.
 */
import { SNIFF_CHARS, type SourceAdapter } from '../types';
import { ZeekLineReader } from './zeek-reader-base';
import { quote, ZEEK_FIELD_NAMES, ZEEK_FIELDS, type ZeekField } from './zeek-record';

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `id.orig_h` → `id_orig_h`: only the id_ prefix differs between the two key styles. */
const UNDERSCORE_KEY: Readonly<Partial<Record<ZeekField, string>>> = {
  'id.orig_h': 'id_orig_h',
  'id.resp_h': 'id_resp_h',
};

function fieldOf(o: JsonObject, f: ZeekField): unknown {
  const v = o[f];
  if (v !== undefined) return v;
  const alt = UNDERSCORE_KEY[f];
  return alt === undefined ? undefined : o[alt];
}

class ZeekJsonReader extends ZeekLineReader {
  private obj: JsonObject = {};
  private readonly get = (f: number): unknown => fieldOf(this.obj, ZEEK_FIELD_NAMES[f] as ZeekField);

  protected line(raw: string, n: number): void {
    const line = raw.trim();
    if (line === '') return;
    try {
      if (line.charCodeAt(0) !== 123 /* { */) {
        this.sink.problem(n, `not a JSON object: ${quote(line)}`);
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (e) {
        this.sink.problem(n, `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      if (!isObject(parsed)) {
        this.sink.problem(n, 'not a JSON object');
        return;
      }
      this.obj = parsed;
      this.emitter.emit(n, this.get);
    } catch (e) {
      this.sink.problem(n, `unreadable record: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

const MAX_SNIFF_LINES = 5;
const PARTIAL_ID_RE = /"id[._]orig_h"\s*:/;
const PARTIAL_DNS_RE = /"(?:query|qtype|rcode)"\s*:/;

/** A Zeek dns record: a connection id plus a DNS field. */
function isZeekDns(o: JsonObject): boolean {
  const id = 'id.orig_h' in o || 'id_orig_h' in o;
  return id && ('query' in o || 'qtype' in o || 'rcode' in o);
}

/**
 * The first complete JSON lines of the head are Zeek dns records (a line cut off by the end of
 * the head, e.g. one huge first record, is judged by its keys). Sysmon JSON (QueryName/EventID)
 * and other Zeek logs (conn: no query) give 0.
 */
function sniff(head: string): number {
  // the pipeline may hand over more than SNIFF_CHARS (whole first chunks)
  const h = head.slice(0, SNIFF_CHARS).replace(/^\uFEFF/, '');
  if (h.indexOf('"id.orig_h"') === -1 && h.indexOf('"id_orig_h"') === -1) return 0;
  const lines = h.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length && seen < MAX_SNIFF_LINES; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    if (line.charCodeAt(0) !== 123 /* { */) return 0;
    seen++;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      // a line cut by the head limit: look for the keys in what arrived
      if (i === lines.length - 1) return PARTIAL_ID_RE.test(line) && PARTIAL_DNS_RE.test(line) ? 0.9 : 0;
      continue;
    }
    if (isObject(o) && isZeekDns(o)) return 1;
  }
  return 0;
}

export const zeekJson: SourceAdapter = {
  id: 'zeek-json',
  label: 'Zeek dns.log (JSON)',
  fields: ZEEK_FIELDS,
  sniff,
  open: (sink) => new ZeekJsonReader(sink),
};

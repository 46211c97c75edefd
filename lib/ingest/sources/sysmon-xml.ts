/**
 * Sysmon as Windows event XML (log-formats.md §1.4): Event Viewer "Save as XML", wevtutil,
 * evtxexport (9 fractional digits, wrapped in `<Events>`), python-evtx (`SystemTime` with a space,
 * `<EventID Qualifiers="">`). Fields come from `<System>` and the `<Data Name="X">` pairs, never
 * from their order.
 */
import type { IngestSink, RecordReader, SourceAdapter } from '../types';
import { XmlEventFramer } from '../xml-event-framer';
import { FieldMap } from './sysmon-fields';
import { SysmonMapper } from './sysmon-record';

const ENTITY_RE = /&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function entity(whole: string, name: string): string {
  if (name.charCodeAt(0) !== 35 /* # */) return NAMED[name] ?? whole;
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

/** Decodes the five XML entities and numeric character references. */
export function decodeXmlEntities(s: string): string {
  return s.indexOf('&') === -1 ? s : s.replace(ENTITY_RE, entity);
}

const DATA_RE = /<Data\s+Name\s*=\s*(["'])([^"'<>]*)\1\s*(?:\/>|>([^<]*)<\/Data\s*>)/g;
const EVENT_ID_RE = /<EventID(?:\s[^>]*)?>\s*(\d+)\s*<\/EventID>/;
const PROVIDER_RE = /<Provider\s[^>]*?\bName\s*=\s*(["'])([^"']*)\1/;
const COMPUTER_RE = /<Computer>([^<]*)<\/Computer>/;
const CHANNEL_RE = /<Channel>([^<]*)<\/Channel>/;
const SYSTEM_TIME_RE = /<TimeCreated\s[^>]*?\bSystemTime\s*=\s*(["'])([^"']*)\1/;
const USER_SID_RE = /<Security\s[^>]*?\bUserID\s*=\s*(["'])([^"']*)\1/;

/** Adds the `<Data Name="X">v</Data>` pairs (and `<Data Name="X"/>` as empty) of `xml` to `into`. */
export function addXmlDataFields(into: FieldMap, xml: string): void {
  DATA_RE.lastIndex = 0;
  for (let m = DATA_RE.exec(xml); m !== null; m = DATA_RE.exec(xml)) {
    into.set(decodeXmlEntities(m[2] as string), decodeXmlEntities(m[3] ?? ''));
  }
}

/**
 * Reads one `<Event>` element into `into`: the EventData pairs first, then System fields as
 * EventID, Provider, Channel, Computer, SystemTime and UserID (the Security SID). Returns false
 * when the text holds neither an EventID nor any Data pair.
 */
export function addEventXmlFields(into: FieldMap, xml: string): boolean {
  const before = into.size;
  addXmlDataFields(into, xml);
  const id = EVENT_ID_RE.exec(xml);
  if (id) into.set('EventID', id[1] as string);
  const provider = PROVIDER_RE.exec(xml);
  if (provider) into.set('Provider', decodeXmlEntities(provider[2] as string));
  const channel = CHANNEL_RE.exec(xml);
  if (channel) into.set('Channel', decodeXmlEntities(channel[1] as string));
  const computer = COMPUTER_RE.exec(xml);
  if (computer) into.set('Computer', decodeXmlEntities(computer[1] as string));
  const time = SYSTEM_TIME_RE.exec(xml);
  if (time) into.set('SystemTime', time[2] as string);
  const sid = USER_SID_RE.exec(xml);
  if (sid) into.set('UserID', sid[2] as string);
  return id !== null || into.size > before;
}

class SysmonXmlReader implements RecordReader {
  private readonly fields = new FieldMap();
  private readonly mapper: SysmonMapper;
  private readonly framer: XmlEventFramer;

  constructor(private readonly sink: IngestSink) {
    this.mapper = new SysmonMapper(sink);
    this.framer = new XmlEventFramer(
      (xml, line) => this.record(xml, line),
      (line, reason) => sink.problem(line, reason),
    );
  }

  private record(xml: string, line: number): void {
    const f = this.fields;
    f.clear();
    try {
      if (!addEventXmlFields(f, xml)) {
        this.sink.problem(line, '<Event> element without EventID or Data fields');
        return;
      }
    } catch (e) {
      this.sink.problem(line, `could not read the <Event> element: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.mapper.handle(f, line);
  }

  push(text: string): void {
    this.framer.push(text);
  }

  end(): void {
    this.framer.end();
  }
}

function sniff(head: string): number {
  const h = head.replace(/^\uFEFF/, '').trimStart();
  if (h.charCodeAt(0) !== 60 /* < */) return 0;
  if (!/<Event[\s>]/.test(h)) return /^<\?xml[^>]*>\s*<Events[\s>]/.test(h) ? 0.5 : 0;
  return /Microsoft-Windows-Sysmon|Sysmon\/Operational/i.test(h) ? 0.95 : 0.6;
}

export const sysmonXml: SourceAdapter = {
  id: 'sysmon-xml',
  label: 'Sysmon DNS (XML)',
  fields: ['time', 'host', 'user', 'process', 'qname', 'qtype', 'status', 'answers'],
  sniff,
  open: (sink) => new SysmonXmlReader(sink),
};

/**
 * Sysmon EID 22 renderings (log-formats.md §1): the QueryResults grammar (`::ffff:a.b.c.d;`,
 * `type:  5 name;`, trailing `;`, `-` when none), QueryStatus Win32 codes, and two exports —
 * a Splunk CSV with the seed's columns plus EventCode/QueryStatus/ProcessId/ProcessGuid/UtcTime,
 * and OTRF/NXLog-style flat NDJSON. Events that never reach the Windows DNS client (raw-socket
 * tools) have no Sysmon record: row() returns null for them.
 */
import { dnslibIpv6Bytes } from './dnsstager';
import { formatIpv6 } from './encoding';
import { type GenAnswer, type GenEvent, type GenHost, type GenProcess, sysmonStatus } from './model';
import { type ByteSink, lit, memo, memoBytes, type Renderer, UtcClock } from './render-common';
import { Rng } from './rng';

const PRIVATE_V4 = /^(?:10\.|127\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)/;

/** RFC 5952 §5 / RFC 6052: an address under the well-known NAT64 prefix in mixed notation. */
function windowsV6(value: string): string {
  return value.startsWith('64:ff9b::') ? formatIpv6(dnslibIpv6Bytes(value), true) : value;
}

/**
 * QueryResults text. IPv4 answers are written v4-mapped (`::ffff:`) except private ones, which
 * Windows also logs bare; DNS64 answers in mixed notation (`64:ff9b::192.0.2.33`, RFC 5952 §5;
 * Zeek's inet_ntop writes `64:ff9b::c000:221`); TXT text (rendering not verified in public
 * samples) is written like other typed records, with `;` replaced by a space.
 */
export const queryResults = memo((answers: readonly GenAnswer[]): string => {
  if (answers.length === 0) return '-';
  let out = '';
  for (const a of answers) {
    if (a.type === 1) out += PRIVATE_V4.test(a.value) ? `${a.value};` : `::ffff:${a.value};`;
    else if (a.type === 28) out += `${windowsV6(a.value)};`;
    else out += `type:  ${a.type} ${a.value.replace(/;/g, ' ')};`;
  }
  return out;
});

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const SPLUNK_COLUMNS = '_time,QueryName,QueryResults,Computer,user,process_path,EventCode,QueryStatus,ProcessId,ProcessGuid,UtcTime';

/** Splunk export of `index=sysmon EventCode=22` (the seed's table plus the Sysmon fields). */
export function splunkCsvRenderer(): Renderer {
  const clock = new UtcClock();
  const results = memoBytes((a: readonly GenAnswer[]) => csvCell(queryResults(a)));
  const computer = memoBytes((h: GenHost) => `,${csvCell(h.computer)},`);
  const procTail = memoBytes((p: GenProcess) => `${csvCell(p.user)},${csvCell(p.image)},22,`);
  const procIds = memoBytes((p: GenProcess) => `,${p.pid},${p.guid},`);
  return {
    header: () => `${SPLUNK_COLUMNS}\n`,
    row(ev: GenEvent, o: ByteSink) {
      if (!ev.sysmon) return false;
      const c = clock.set(ev.time);
      writeStamp(o, c, 84, CSV_ZONE);
      o.str(csvCell(ev.qname));
      o.byte(44);
      o.bytes(results(ev.answers));
      o.bytes(computer(ev.host));
      o.bytes(procTail(ev.proc));
      o.int(sysmonStatus(ev));
      o.bytes(procIds(ev.proc));
      writeStamp(o, c, 32, NEWLINE);
      return true;
    },
    footer: () => '',
  };
}

const NONE = lit('');
const CSV_ZONE = lit('+00:00,');
const NEWLINE = lit('\n');
const JSON_TS = lit('Z","@timestamp":"');
const JSON_EVENT = lit('Z","EventID":22,');
const MSG_HEAD = lit('"Message":"Dns query:\\r\\nRuleName: -\\r\\nUtcTime: ');
const MSG_STATUS = lit('\\r\\nQueryStatus: ');
const MSG_RESULTS = lit('\\r\\nQueryResults: ');
const F_UTC = lit('"Task":"22","RuleName":"-","UtcTime":"');
const F_STATUS = lit('","QueryStatus":"');
const F_RESULTS = lit('","QueryResults":"');

/** `before` + `YYYY-MM-DD<sep>HH:MM:SS.mmm` + `after`. */
function writeStamp(o: ByteSink, c: UtcClock, sep: number, after: Uint8Array, before: Uint8Array = NONE): void {
  if (before.length > 0) o.bytes(before);
  c.write(o, sep);
  if (after.length > 0) o.bytes(after);
}

/** JSON string content (no quotes); the common case (nothing to escape) costs one scan. */
function jsonText(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || c > 126) return JSON.stringify(s).slice(1, -1);
  }
  return s;
}

const PROVIDER = '"SourceName":"Microsoft-Windows-Sysmon","ProviderGuid":"{5770385f-c22a-43e0-bf4c-06f5698ffbd9}","Level":"4","Keywords":"0x8000000000000000","Channel":"Microsoft-Windows-Sysmon/Operational"';

/**
 * Flat NDJSON as in the OTRF datasets (NXLog/Logstash shape, newer Sysmon with `User`): provider
 * fields, `Hostname`, `TimeCreated`/`@timestamp` (when the event was written, a few ms after the
 * query), `EventID`, the rendered `Message` and the EventData fields. `message: false` leaves the
 * `Message` out (half the bytes).
 */
export function sysmonJsonRenderer(seed: number, opts: { message?: boolean } = {}): Renderer {
  const withMessage = opts.message ?? true;
  const rng = Rng.of(seed, 'render sysmon-json');
  const clock = new UtcClock();
  const created = new UtcClock();
  const host = memoBytes((h: GenHost) => `{${PROVIDER},"Hostname":"${jsonText(h.computer)}","TimeCreated":"`);
  const results = memo((a: readonly GenAnswer[]) => jsonText(queryResults(a)));
  const resultsBytes = memoBytes((a: readonly GenAnswer[]) => results(a));
  const procHead = memoBytes((p: GenProcess) => `\\r\\nProcessGuid: ${p.guid}\\r\\nProcessId: ${p.pid}\\r\\nQueryName: `);
  const procMessageTail = memoBytes((p: GenProcess) => `\\r\\nImage: ${jsonText(p.image)}\\r\\nUser: ${jsonText(p.user)}",`);
  const procFields = memoBytes((p: GenProcess) => `","ProcessGuid":"${p.guid}","ProcessId":"${p.pid}","QueryName":"`);
  const procTail = memoBytes((p: GenProcess) => `","Image":"${jsonText(p.image)}","User":"${jsonText(p.user)}"}\n`);
  return {
    header: () => '',
    row(ev: GenEvent, o: ByteSink) {
      if (!ev.sysmon) return false;
      const c = clock.set(ev.time);
      const w = created.set(ev.time + rng.int(1, 40));
      const q = jsonText(ev.qname);
      const status = sysmonStatus(ev);
      const p = ev.proc;
      o.bytes(host(ev.host));
      writeStamp(o, w, 84, JSON_TS);
      writeStamp(o, w, 84, JSON_EVENT);
      if (withMessage) {
        writeStamp(o, c, 32, NONE, MSG_HEAD);
        o.bytes(procHead(p));
        o.str(q);
        o.bytes(MSG_STATUS);
        o.int(status);
        o.bytes(MSG_RESULTS);
        o.bytes(resultsBytes(ev.answers));
        o.bytes(procMessageTail(p));
      }
      writeStamp(o, c, 32, NONE, F_UTC);
      o.bytes(procFields(p));
      o.str(q);
      o.bytes(F_STATUS);
      o.int(status);
      o.bytes(F_RESULTS);
      o.bytes(resultsBytes(ev.answers));
      o.bytes(procTail(p));
      return true;
    },
    footer: () => '',
  };
}

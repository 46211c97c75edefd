/**
 * The one mapping from a Sysmon record (any export shape, seen through a {@link FieldSource}) to
 * sink calls: EID 22 → DNS event, EID 1/7/11 → process fact, anything else → an "other" count.
 */
import { statusFromSysmon, sysmonStatusCode } from '../dns-codes';
import { parseLocalDateTime } from '../local-time';
import { parseAnyTime, parseIsoTime, type ParsedTime } from '../time';
import type { DnsEventInput, IngestSink, ProcessFactInput } from '../types';
import { inferQtype, isEmptyResults, parseQueryResults } from './sysmon-answers';
import { aliases, type AliasList, type FieldSource } from './sysmon-fields';
import { withIndex } from '../../store/column';
import { taggedTime, TIME_TAG } from '../wasm/rows';
import { ByCell } from '../by-cell';
import { KEEP_GUID, KEEP_HOST, KEEP_IMAGE, KEEP_QNAME, KEEP_USER } from '../../store/event-store';

export const F = {
  eventId: aliases('EventCode', 'EventID', 'event_id', 'winlog.event_id', 'event.code', 'signature_id', 'Id', 'Event ID'),
  // Only Windows provider/channel fields decide "not Sysmon"; Splunk's `source`/`sourcetype`
  // may name a file or a generic sourcetype and are not consulted.
  provider: aliases('Provider', 'SourceName', 'ProviderName', 'winlog.provider_name', 'event.provider'),
  channel: aliases('Channel', 'winlog.channel', 'LogName'),
  qname: aliases('QueryName', 'query', 'dns.question.name'),
  status: aliases('QueryStatus', 'sysmon.dns.status'),
  results: aliases('QueryResults', 'dns.answers', 'answer'),
  image: aliases('Image', 'process_path', 'process.executable'),
  // `host` last: in OTRF/NXLog JSON it names the log collector, not the Windows computer.
  host: aliases('Computer', 'ComputerName', 'Hostname', 'MachineName', 'winlog.computer_name', 'host.name', 'dest', 'host'),
  user: aliases('User', 'user'),
  userDomain: aliases('user.domain'),
  userName: aliases('user.name'),
  /** the event's Security UserID (XML) / NXLog `UserID`: the fallback when Sysmon logged no User */
  userSid: aliases('UserID', 'winlog.user.identifier'),
  pid: aliases('ProcessId', 'process.pid'),
  guid: aliases('ProcessGuid', 'process.entity_id'),
  utcTime: aliases('UtcTime'),
  commandLine: aliases('CommandLine', 'process.command_line'),
  parentImage: aliases('ParentImage', 'process.parent.executable'),
  parentGuid: aliases('ParentProcessGuid', 'process.parent.entity_id'),
  company: aliases('Company'),
  description: aliases('Description'),
  product: aliases('Product'),
  fileVersion: aliases('FileVersion'),
  originalFileName: aliases('OriginalFileName'),
  integrityLevel: aliases('IntegrityLevel'),
  hashes: aliases('Hashes'),
  imageLoaded: aliases('ImageLoaded', 'file.path'),
  signed: aliases('Signed', 'file.code_signature.signed'),
  signature: aliases('Signature', 'file.code_signature.subject_name'),
  signatureStatus: aliases('SignatureStatus', 'file.code_signature.status'),
  targetFilename: aliases('TargetFilename', 'file.path'),
  creationUtcTime: aliases('CreationUtcTime'),
} as const;

/** Time fields after UtcTime, in order of preference, with whether a zone-less value is still UTC. */
const TIME_FALLBACKS: readonly { list: AliasList; label: string; utc: boolean }[] = [
  { list: aliases('_time'), label: '_time', utc: false },
  { list: aliases('@timestamp'), label: '@timestamp', utc: false },
  { list: aliases('SystemTime'), label: 'event SystemTime', utc: true },
  { list: aliases('TimeCreated'), label: 'TimeCreated', utc: false },
  { list: aliases('TimeGenerated'), label: 'TimeGenerated', utc: false },
  { list: aliases('Date and Time'), label: "Event Viewer 'Date and Time'", utc: false },
];

const HASH_KEYS: readonly [string, AliasList][] = [
  ['SHA1', aliases('process.hash.sha1', 'file.hash.sha1', 'hash.sha1')],
  ['MD5', aliases('process.hash.md5', 'file.hash.md5', 'hash.md5')],
  ['SHA256', aliases('process.hash.sha256', 'file.hash.sha256', 'hash.sha256')],
  ['IMPHASH', aliases('process.pe.imphash', 'file.pe.imphash', 'hash.imphash')],
];

/** The alias lists the time is read from: a value per row, not worth interning (see SysmonCsvReader). */
export const SYSMON_TIME_LISTS: readonly AliasList[] = [F.utcTime, ...TIME_FALLBACKS.map((fb) => fb.list)];
/** Every alias list the mapper reads: a column under none of them is never read. */
export const SYSMON_READ_LISTS: readonly AliasList[] = [...Object.values(F), ...SYSMON_TIME_LISTS, ...HASH_KEYS.map(([, list]) => list)];

const GUID_BARE_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `SHA1=AB..,MD5=CD..` → { SHA1: 'ab..', MD5: 'cd..' }; undefined when none. */
export function parseHashes(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  let out: Record<string, string> | undefined;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const alg = part.slice(0, eq).trim().toUpperCase();
    const hex = part.slice(eq + 1).trim().toLowerCase();
    if (alg === '' || hex === '' || hex === '-') continue;
    out ??= Object.create(null) as Record<string, string>;
    out[alg] = hex;
  }
  return out;
}

export function normGuid(text: string | undefined): string {
  if (text === undefined) return '';
  if (isBracedLowerGuid(text)) return text; // what Sysmon logs: no copy, no regular expression
  const g = text.trim().toLowerCase();
  return GUID_BARE_RE.test(g) ? `{${g}}` : g;
}

/** `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}` in lower-case hex, read by char codes. */
function isBracedLowerGuid(t: string): boolean {
  if (t.length !== 38 || t.charCodeAt(0) !== 123 || t.charCodeAt(37) !== 125) return false;
  for (let i = 1; i < 37; i++) {
    const c = t.charCodeAt(i);
    if (i === 9 || i === 14 || i === 19 || i === 24) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function normImage(text: string | undefined): string {
  if (text === undefined) return '';
  return text === '&lt;unknown process&gt;' ? '<unknown process>' : text;
}

function parsePid(text: string | undefined): number {
  if (text === undefined) return -1;
  const n = decimal(text, 10);
  return n <= 0xffffffff ? n : -1;
}

/**
 * The value of 1 to `maxDigits` decimal digits with optional surrounding white space (as
 * `/^\d{1,maxDigits}$/` on the trimmed text), read by char codes; -1 for anything else.
 */
export function decimal(text: string, maxDigits: number): number {
  const len = text.length;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      // not all digits: white space around them is allowed (the general path)
      const t = text.trim();
      return t.length < len && t.length <= maxDigits && /^\d+$/.test(t) ? Number(t) : -1;
    }
    n = n * 10 + d;
  }
  return len > 0 && len <= maxDigits ? n : -1;
}

function quote(text: string): string {
  return `“${text.length > 60 ? text.slice(0, 60) + '…' : text}”`;
}

const UTC_TIME_BASIS = 'UTC (Sysmon UtcTime)';

/** Event id text → number, -1 unreadable. */
const EVENT_ID = (text: string): number => decimal(text, 6);
/** QueryStatus text → code, -1 for an unknown symbol. */
const STATUS_CODE = (text: string): number => sysmonStatusCode(text) ?? -1;

/**
 * The columns of a table the row cutter cuts, per field the DNS mapping reads, where each field
 * has one column at most (see {@link SysmonMapper.dnsCut}); -1 where the table has none.
 */
export interface SysmonCutColumns {
  eventId: number;
  utcTime: number;
  qname: number;
  host: number;
  user: number;
  image: number;
  pid: number;
  guid: number;
  results: number;
  status: number;
}

/**
 * A DNS record's status into `ev` (its answers set) from its QueryStatus code: -1 for an unknown
 * symbol, which keeps the event (code -1, ERROR) rather than losing the query; null when none is
 * logged (e.g. a Splunk table of _time, QueryName, QueryResults only): answers prove success;
 * without answers the outcome is unknown, and a Sysmon query without results is far more often a
 * failure than a NODATA, so it counts as ERROR. statusCode -1 marks "not logged" either way.
 */
function setStatus(ev: DnsEventInput, code: number | null): void {
  if (code === null) {
    ev.statusCode = -1;
    ev.status = ev.answers !== 0 ? 'NOERROR' : 'ERROR';
  } else {
    ev.statusCode = code < 0 ? -1 : code;
    ev.status = code < 0 ? 'ERROR' : statusFromSysmon(code);
  }
}

/** Thrown for a record that cannot be read; its message is the problem reason. */
class Unreadable extends Error {}

/** Maps records of one input. Holds per-input state: the reused event object and caches. */
export class SysmonMapper {
  private readonly ev: DnsEventInput = {
    time: 0, line: 0, host: '', user: '', image: '', pid: -1, guid: '', qname: '', qtype: 0,
    status: 'NOERROR', statusCode: -1, answers: 0, ttl: -1, resolver: '', client: '', keep: 0,
    qnameId: -1, actorId: -1,
  };
  /** answer set id → inferred qtype, -1 not yet known */
  private qtypeById = new Int32Array(0);
  private readonly bases: string[] = [];
  private readonly byCell = new ByCell();

  constructor(private readonly sink: IngestSink) {}

  /** Maps one record; never throws (a failure becomes a problem of `line`). */
  handle(f: FieldSource, line: number): void {
    try {
      this.map(f, line);
    } catch (e) {
      this.sink.problem(line, e instanceof Unreadable ? e.message : `could not read the record: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private map(f: FieldSource, line: number): void {
    const idText = f.getAny(F.eventId);
    const idCell = f.lastId();
    const qname = f.getAny(F.qname);
    const qnameCell = f.lastId();
    let id: number;
    if (idText === undefined) {
      if (qname === undefined) throw new Unreadable('no EventID and no QueryName: not a Sysmon DNS record');
      id = 22;
    } else {
      id = this.byCell.number(idCell, idText, EVENT_ID);
      if (id < 0) throw new Unreadable(`unreadable event id ${quote(idText)}`);
    }
    const provider = f.getAny(F.provider);
    const channel = f.getAny(F.channel);
    const sysmon =
      (provider === undefined && channel === undefined) ||
      /sysmon/i.test(provider ?? '') ||
      /sysmon/i.test(channel ?? '');
    if (!sysmon) {
      this.sink.other(`${(provider ?? channel ?? '').slice(0, 80)} ${id}`);
      return;
    }
    if (id === 22) this.dns(f, line, qname, qnameCell);
    else if (id === 1 || id === 7 || id === 11) this.fact(f, line, id);
    else this.sink.other(`Sysmon ${id}`);
  }

  /**
   * Reads the record's time into `ev.time`: a number field, so nothing is boxed per row (returned
   * from this call, each time was a heap number: 160 MB of the 10M-row CSV ingest's 510 MB).
   */
  private readTime(f: FieldSource): void {
    const read = f.parsedTime(F.utcTime);
    if (read === read) {
      this.basis(UTC_TIME_BASIS);
      this.ev.time = read;
    } else this.ev.time = this.timeFromText(f);
  }

  /** The record's time when the row cutter did not read it (see {@link readTime}). */
  private timeFromText(f: FieldSource): number {
    const utc = f.getAny(F.utcTime);
    if (utc !== undefined) {
      const p = parseIsoTime(utc);
      if (!p) throw new Unreadable(`unreadable UtcTime ${quote(utc)}`);
      this.basis(UTC_TIME_BASIS);
      return p.ms;
    }
    for (const fb of TIME_FALLBACKS) {
      let p: ParsedTime | null;
      const ms = f.parsedTime(fb.list);
      if (ms === ms) p = { ms, zoned: f.parsedZoned };
      else {
        const text = f.getAny(fb.list);
        if (text === undefined) continue;
        p = parseAnyTime(text) ?? parseLocalDateTime(text);
        if (!p) throw new Unreadable(`no UtcTime, and unreadable ${fb.label} ${quote(text)}`);
      }
      this.basis(
        p.zoned || fb.utc
          ? `UTC (from ${fb.label}; no UtcTime)`
          : `${fb.label} without a zone, read as UTC (may be local time of the exporting machine)`,
      );
      return p.ms;
    }
    throw new Unreadable('no timestamp (UtcTime, _time, @timestamp, TimeCreated)');
  }

  private basis(label: string): void {
    if (this.bases.includes(label)) return;
    this.bases.push(label);
    this.sink.timeBasis(this.bases.join('; '));
  }

  private user(f: FieldSource): string {
    return f.getAny(F.user) ?? this.userOtherwise(f);
  }

  /** The user of a record without a `User` field: `domain\\name` (ECS) or the security SID. */
  private userOtherwise(f: FieldSource): string {
    const name = f.getAny(F.userName);
    if (name !== undefined) {
      const dom = f.getAny(F.userDomain);
      return dom === undefined ? name : `${dom}\\${name}`;
    }
    return f.getAny(F.userSid) ?? '';
  }

  private dns(f: FieldSource, line: number, qname: string | undefined, qnameCell: number): void {
    if (qname === undefined) throw new Unreadable('Sysmon event 22 without QueryName');
    const ev = this.ev;
    const cells = this.byCell;
    // which strings the cutter made (FieldSource.lastId): the store may keep them as they are
    let keep = qnameCell >= 0 ? KEEP_QNAME : 0;
    this.readTime(f);
    ev.line = line;
    ev.qname = qname;
    ev.host = f.getAny(F.host) ?? '';
    const hostCell = f.lastId();
    if (hostCell >= 0) keep |= KEEP_HOST;
    const user = f.getAny(F.user);
    // the cell the user is read from (-1 when it is made of others: it is then not remembered)
    let userCell = -1;
    if (user !== undefined) {
      ev.user = user;
      userCell = f.lastId();
      if (userCell >= 0) keep |= KEEP_USER;
    } else {
      // the last read is the domain of a domain\\name made of two cells, or the value itself
      ev.user = this.userOtherwise(f);
      if (f.lastId() >= 0) keep |= KEEP_USER;
    }
    const image = f.getAny(F.image);
    const imageCell = f.lastId();
    ev.image = normImage(image);
    if (ev.image === image && imageCell >= 0) keep |= KEEP_IMAGE;
    const pidText = f.getAny(F.pid);
    const pidCell = f.lastId();
    ev.pid = pidText === undefined ? -1 : cells.number(pidCell, pidText, parsePid);
    const guidText = f.getAny(F.guid);
    const guidCell = f.lastId();
    if (guidCell >= 0) {
      ev.guid = cells.string(guidCell, guidText as string, normGuid);
      keep |= KEEP_GUID;
    } else ev.guid = normGuid(guidText);
    ev.keep = keep;
    const results = f.getAny(F.results);
    const resultsCell = f.lastId();
    let answers = cells.tagged(resultsCell, 0);
    if (answers < 0) {
      answers = results === undefined || isEmptyResults(results) ? 0 : this.sink.answers(results, results, parseQueryResults, resultsCell >= 0);
      cells.setTagged(resultsCell, 0, answers);
    }
    ev.answers = answers;
    ev.qtype = answers === 0 ? 0 : this.qtypeOf(answers, results as string);
    const statusText = f.getAny(F.status);
    const statusCell = f.lastId();
    setStatus(ev, statusText === undefined ? null : cells.number(statusCell, statusText, STATUS_CODE));
    ev.qnameId = ev.actorId = -1;
    // the query name and the process as the store knows them, once per cell value (per set of
    // cells); the name first, as the store interns a row's strings: the same ids either way. (A
    // row without a valid timestamp is turned down by the sink: nothing of it is interned.)
    if (Number.isFinite(ev.time)) {
      ev.qnameId = cells.storeQnameId(qnameCell, qname, this.sink);
      ev.actorId = cells.storeActorId(ev, this.sink, guidCell, hostCell, userCell, imageCell, pidCell);
    }
    this.sink.dns(ev);
  }

  /**
   * A DNS record of a row the cutter cut (its cells from `out[k]`, see CutHandler), mapped from
   * its cells' ids alone when every cell was worked out on an earlier row ({@link dns} remembers
   * them, see ByCell; a query name new to its cell is interned here, as dns() does) and its
   * UtcTime was read by the cutter: the event {@link handle} makes, with no string of the row
   * read but the values handed to the event. False (nothing done) when a cell was not worked out
   * yet, or the row is not such a record: the caller then hands the row to {@link handle}.
   * `c.utcTime`, `c.qname` and the process's cells must be columns.
   */
  dnsCut(out: Int32Array, k: number, times: Float64Array, values: readonly string[], line: number, c: SysmonCutColumns): boolean {
    const cells = this.byCell;
    const t = out[k + c.utcTime] as number;
    if (t < TIME_TAG) return false;
    if (c.eventId >= 0 && cells.knownNumber(out[k + c.eventId] as number) !== 22) return false;
    const qnameCell = out[k + c.qname] as number;
    const guidCell = out[k + c.guid] as number;
    const hostCell = out[k + c.host] as number;
    const userCell = out[k + c.user] as number;
    const imageCell = out[k + c.image] as number;
    const pidCell = out[k + c.pid] as number;
    const actorId = cells.actorId(guidCell, hostCell, userCell, imageCell, pidCell);
    const guid = cells.knownString(guidCell);
    const pid = cells.knownNumber(pidCell);
    const qname = values[qnameCell] as string;
    if (actorId < 0 || guid === undefined || pid !== pid || qname === '') return false;
    // the answers: worked out per cell, or none in an empty cell
    let answers = 0;
    let qtype = 0;
    const resultsCell = c.results < 0 ? -1 : (out[k + c.results] as number);
    if (resultsCell >= 0) {
      answers = cells.tagged(resultsCell, 0);
      if (answers < 0) {
        if (values[resultsCell] !== '') return false;
        answers = 0;
      } else if (answers !== 0) {
        qtype = answers < this.qtypeById.length ? (this.qtypeById[answers] as number) : -1;
        if (qtype < 0) return false;
      }
    }
    // the status code worked out for the cell (null: none logged, an empty cell as no column)
    let code: number | null = null;
    const statusCell = c.status < 0 ? -1 : (out[k + c.status] as number);
    if (statusCell >= 0) {
      code = cells.knownNumber(statusCell);
      if (code !== code) {
        if (values[statusCell] !== '') return false;
        code = null;
      }
    }
    const ev = this.ev;
    this.basis(UTC_TIME_BASIS);
    ev.time = taggedTime(times, t);
    ev.line = line;
    ev.qname = qname;
    ev.host = values[hostCell] as string;
    ev.user = values[userCell] as string;
    const image = values[imageCell] as string;
    ev.image = normImage(image);
    ev.pid = pid;
    ev.guid = guid;
    ev.keep = KEEP_QNAME | KEEP_HOST | KEEP_USER | KEEP_GUID | (ev.image === image ? KEEP_IMAGE : 0);
    ev.answers = answers;
    ev.qtype = qtype;
    setStatus(ev, code);
    // a name not seen in this cell before is interned here, as dns() would (nothing returns false after it)
    ev.qnameId = cells.storeQnameId(qnameCell, qname, this.sink);
    ev.actorId = actorId;
    this.sink.dns(ev);
    return true;
  }

  /** The record type inferred from an answer set, once per set id (store ids are dense). */
  private qtypeOf(answerId: number, results: string): number {
    this.qtypeById = withIndex(this.qtypeById, answerId, -1);
    let q = this.qtypeById[answerId] as number;
    if (q < 0) {
      q = inferQtype(parseQueryResults(results));
      this.qtypeById[answerId] = q;
    }
    return q;
  }

  private fact(f: FieldSource, line: number, eventId: 1 | 7 | 11): void {
    this.readTime(f); // into ev.time, which the next DNS record sets again
    const fact: ProcessFactInput = {
      eventId,
      line,
      time: this.ev.time,
      guid: normGuid(f.getAny(F.guid)),
      pid: parsePid(f.getAny(F.pid)),
      image: normImage(f.getAny(F.image)),
      host: f.getAny(F.host) ?? '',
      user: this.user(f),
    };
    if (eventId === 11) {
      fact.targetFilename = f.getAny(F.targetFilename);
      fact.creationUtcTime = f.getAny(F.creationUtcTime);
    } else {
      fact.hashes = parseHashes(f.getAny(F.hashes)) ?? this.ecsHashes(f);
      fact.company = f.getAny(F.company);
      fact.description = f.getAny(F.description);
      fact.product = f.getAny(F.product);
      fact.fileVersion = f.getAny(F.fileVersion);
      fact.originalFileName = f.getAny(F.originalFileName);
    }
    if (eventId === 1) {
      fact.commandLine = f.getAny(F.commandLine);
      fact.parentImage = f.getAny(F.parentImage);
      const parent = f.getAny(F.parentGuid);
      fact.parentGuid = parent === undefined ? undefined : normGuid(parent);
      fact.integrityLevel = f.getAny(F.integrityLevel);
    } else if (eventId === 7) {
      fact.imageLoaded = f.getAny(F.imageLoaded);
      const signed = f.getAny(F.signed)?.trim().toLowerCase();
      fact.signed = signed === 'true' ? true : signed === 'false' ? false : undefined;
      fact.signature = f.getAny(F.signature);
      fact.signatureStatus = f.getAny(F.signatureStatus);
    }
    this.sink.processFact(fact);
  }

  private ecsHashes(f: FieldSource): Record<string, string> | undefined {
    let out: Record<string, string> | undefined;
    for (const [alg, list] of HASH_KEYS) {
      const v = f.getAny(list);
      if (v === undefined) continue;
      out ??= Object.create(null) as Record<string, string>;
      out[alg] = v.trim().toLowerCase();
    }
    return out;
  }
}

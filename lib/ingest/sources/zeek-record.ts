/**
 * Shared mapping from one Zeek dns.log record to a DNS event (log-formats.md §3, §5). The TSV and
 * JSON adapters differ only in how they find a field; both hand a getter to {@link ZeekEmitter}.
 */
import { qtypeFromText, statusFromRcode } from '../dns-codes';
import { parseEpochSeconds, parseIsoTime } from '../time';
import type { DnsEventInput, DnsStatus, EventField, IngestSink } from '../types';
import { answerClass, answerKey, answerParser, canonicalFromArray } from './zeek-answers';
import { KEEP_CLIENT, KEEP_HOST, KEEP_QNAME, KEEP_RESOLVER } from '../../store/event-store';
import { ByCell } from '../by-cell';

/** The fields the mapping reads, by their Zeek (dotted) names; a field's index here is how getters are asked for it. */
export const ZEEK_FIELD_NAMES = ['ts', 'id.orig_h', 'id.resp_h', 'query', 'qtype', 'qtype_name', 'rcode', 'rcode_name', 'answers', 'TTLs'] as const;
export type ZeekField = (typeof ZEEK_FIELD_NAMES)[number];

/* Field indexes (ZEEK_FIELD_NAMES): a reader answers by array index, not a keyed lookup per call. */
export const F_TS = 0;
export const F_ORIG = 1;
export const F_RESP = 2;
export const F_QUERY = 3;
export const F_QTYPE = 4;
export const F_QTYPE_NAME = 5;
export const F_RCODE = 6;
export const F_RCODE_NAME = 7;
export const F_ANSWERS = 8;
export const F_TTLS = 9;

/**
 * Returns a field (by index, see ZEEK_FIELD_NAMES) of the current record: undefined when unset.
 * TSV getters return strings (string fields unescaped, `answers` in canonical form, see
 * zeek-answers.ts); JSON getters return the parsed JSON value.
 */
export type ZeekGetter = (field: number) => unknown;

export const ZEEK_FIELDS: readonly EventField[] = [
  'time', 'host', 'qname', 'qtype', 'status', 'answers', 'ttl', 'resolver', 'client',
];

const RCODE_BY_NAME: Readonly<Record<string, number>> = {
  NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5,
  YXDOMAIN: 6, YXRRSET: 7, NXRRSET: 8, NOTAUTH: 9, NOTZONE: 10,
};

const EPOCH_BASIS = 'UTC (Zeek epoch ts)';
const ISO_BASIS = 'UTC (Zeek ISO8601 ts)';

/** Quotes a value for a problem message, shortened. */
export function quote(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return `“${s.length > 60 ? s.slice(0, 60) + '…' : s}”`;
}

function isUnset(v: unknown): boolean {
  return v === undefined || v === null || v === '-' || v === '';
}

/** A count field given as a JSON number or a decimal string; null when neither. */
function countOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : null;
  if (typeof v === 'string' && /^\d{1,10}$/.test(v)) return Number(v);
  return null;
}

/** First TTL in seconds: TSV vector text (`60.000000,30.000000`) or a JSON array; -1 if none. */
function firstTtl(v: unknown): number {
  let first: unknown = v;
  if (Array.isArray(v)) first = v[0];
  else if (typeof v === 'string') {
    const comma = v.indexOf(',');
    first = comma === -1 ? v : v.slice(0, comma);
  }
  const n = typeof first === 'number' ? first : typeof first === 'string' && first !== '' ? Number(first) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.min(Math.round(n), 0x7fffffff) : -1;
}

/**
 * The row cutter's id of a field's cell in the current record (see CellFacts.ids): a string
 * made once per value of the column; -1 when it has none (JSON, a row read as text).
 */
export type ZeekCellId = (field: number) => number;

const NO_CELLS: ZeekCellId = () => -1;

/** The answer-set tag (ByCell.tagged) of an answers cell with no answers in it, whatever the query type. */
const NO_ANSWERS = -2;

/** countOf of a text, -1 for none (the cell-id memo keeps numbers). */
const countText = (text: string): number => countOf(text) ?? -1;

/** The status of a reply with rcode `rcode`: NOERROR without answers is NODATA. */
function statusOf(rcode: number, answered: boolean): DnsStatus {
  return rcode === 0 && !answered ? 'NODATA' : statusFromRcode(rcode);
}

/** Maps records to events; one per reader, reusing one event object. */
export class ZeekEmitter {
  private readonly ev: DnsEventInput = {
    time: 0, line: 0, host: '', user: '', image: '', pid: -1, guid: '', qname: '', qtype: 0,
    status: 'NO_RESPONSE', statusCode: -1, answers: 0, ttl: -1, resolver: '', client: '', keep: 0,
    qnameId: -1, actorId: -1,
  };
  private basis = '';
  /**
   * What is worked out once per cell value (the reader's unescaped strings too): forget it
   * when a header changes how a cell's text reads (set separator, empty and unset markers).
   */
  cells = new ByCell();

  constructor(private readonly sink: IngestSink) {}

  forgetCells(): void {
    this.cells = new ByCell();
  }

  /**
   * Reads one record through `get` and hands it to the sink, or reports why it cannot. With
   * `cellId` (rows the cutter cut), the answer set and TTL are worked out once per cell value,
   * and strings made once per value are handed to the store to keep as they are.
   */
  emit(line: number, get: ZeekGetter, cellId: ZeekCellId = NO_CELLS): void {
    const ev = this.ev;
    const time = this.time(get(F_TS));
    if (typeof time === 'string') return this.sink.problem(line, time);
    ev.time = time;
    ev.line = line;

    const orig = get(F_ORIG);
    ev.host = ev.client = isUnset(orig) ? '' : String(orig);
    let keep = cellId(F_ORIG) >= 0 ? KEEP_HOST | KEEP_CLIENT : 0;
    const resp = get(F_RESP);
    ev.resolver = isUnset(resp) ? '' : String(resp);
    if (cellId(F_RESP) >= 0) keep |= KEEP_RESOLVER;
    // `-` (unset) when the reply had no question (rejected): still a DNS event
    const query = get(F_QUERY);
    ev.qname = query === undefined || query === null ? '' : String(query);
    if (cellId(F_QUERY) >= 0) keep |= KEEP_QNAME;
    ev.keep = keep;

    const cells = this.cells;
    const qt = get(F_QTYPE);
    let qtype = this.count(qt, cellId(F_QTYPE));
    if (qtype === null) {
      const name = get(F_QTYPE_NAME);
      qtype = qtypeFromText(typeof name === 'string' ? name : typeof qt === 'string' ? qt : undefined);
    }
    ev.qtype = qtype > 0xffff ? 0 : qtype;

    const rawAnswers = get(F_ANSWERS);
    let canonical = '';
    if (typeof rawAnswers === 'string') canonical = rawAnswers === '-' ? '' : rawAnswers;
    else if (Array.isArray(rawAnswers)) {
      canonical = canonicalFromArray((rawAnswers as unknown[]).map((a) => (typeof a === 'string' ? a : String(a))));
    } else if (rawAnswers !== undefined && rawAnswers !== null) {
      return this.sink.problem(line, `answers is not a list: ${quote(rawAnswers)}`);
    }

    // rcode number wins over rcode_name (the rita fixture logs rcode 5 as NOERROR)
    const rc = get(F_RCODE);
    let rcode: number | null = null;
    if (!isUnset(rc)) {
      rcode = this.count(rc, cellId(F_RCODE)) ?? (typeof rc === 'string' ? RCODE_BY_NAME[rc.toUpperCase()] ?? null : null);
      if (rcode === null) return this.sink.problem(line, `bad rcode ${quote(rc)}`);
    } else {
      const name = get(F_RCODE_NAME);
      if (typeof name === 'string') rcode = RCODE_BY_NAME[name.toUpperCase()] ?? null;
    }
    if (rcode === null) {
      ev.status = 'NO_RESPONSE';
      ev.statusCode = -1;
    } else {
      ev.status = statusOf(rcode, canonical !== '');
      ev.statusCode = rcode;
    }

    if (canonical === '') {
      ev.answers = 0;
      ev.ttl = -1;
      cells.setTagged(cellId(F_ANSWERS), NO_ANSWERS, 0);
    } else {
      const cls = answerClass(ev.qtype);
      const answersCell = cellId(F_ANSWERS);
      let answers = cells.tagged(answersCell, cls);
      if (answers < 0) {
        answers = this.sink.answers(answerKey(cls, canonical), canonical, answerParser(cls), answersCell >= 0);
        cells.setTagged(answersCell, cls, answers);
      }
      ev.answers = answers;
      const ttls = get(F_TTLS);
      const ttlCell = cellId(F_TTLS);
      ev.ttl = ttlCell >= 0 && typeof ttls === 'string' ? cells.number(ttlCell, ttls, firstTtl) : firstTtl(ttls);
    }
    // the query name and the actor (client and resolver) as the store knows them, once per cell value
    // (the name first, as the store interns a row's strings: the same ids either way)
    ev.qnameId = cells.storeQnameId(cellId(F_QUERY), ev.qname, this.sink);
    ev.actorId = cells.storeActorId(ev, this.sink, cellId(F_ORIG), cellId(F_RESP), 0, 0, 0);
    this.sink.dns(ev);
  }

  /**
   * The record of a row the cutter cut, mapped from its cells' ids alone (`ts` the epoch seconds
   * the cutter read), when every cell was worked out on an earlier row ({@link emit} remembers
   * them; the store's id of a query name new to its cell is asked for here, as emit does): the
   * same event {@link emit} makes, without a string of the row being read. False
   * (nothing done) when one was not, or the row is one {@link emit} reports: the caller then
   * hands the row to emit.
   */
  emitCut(line: number, ts: number, orig: number, resp: number, query: number, qtypeCell: number, rcodeCell: number, answersCell: number, ttlCell: number): boolean {
    if (!(ts >= 1e8 && ts < 1e11)) return false;
    const cells = this.cells;
    const host = cells.knownString(orig);
    const resolver = cells.knownString(resp);
    const qname = cells.knownString(query);
    const qtype = cells.knownNumber(qtypeCell);
    const rcode = cells.knownNumber(rcodeCell);
    const actorId = cells.actorId(orig, resp, 0, 0, 0);
    if (host === undefined || resolver === undefined || qname === undefined || !(qtype >= 0) || !(rcode >= 0) || actorId < 0) return false;
    const ev = this.ev;
    ev.qtype = qtype > 0xffff ? 0 : qtype;
    const answers = cells.tagged(answersCell, answerClass(ev.qtype));
    let ttl = -1;
    if (answers >= 0) {
      ttl = cells.knownNumber(ttlCell);
      if (ttl !== ttl) return false;
    } else if (cells.tagged(answersCell, NO_ANSWERS) !== 0) return false;
    this.setBasis(EPOCH_BASIS);
    ev.time = Math.round(ts * 1e6) / 1e3;
    ev.line = line;
    ev.host = ev.client = isUnset(host) ? '' : host;
    ev.resolver = isUnset(resolver) ? '' : resolver;
    ev.qname = qname;
    ev.keep = KEEP_HOST | KEEP_CLIENT | KEEP_RESOLVER | KEEP_QNAME;
    ev.status = statusOf(rcode, answers >= 0);
    ev.statusCode = rcode;
    ev.answers = answers < 0 ? 0 : answers;
    ev.ttl = ttl;
    // a name not seen in this cell before is interned here, as emit would (nothing returns false after it)
    ev.qnameId = cells.storeQnameId(query, qname, this.sink);
    ev.actorId = actorId;
    this.sink.dns(ev);
    return true;
  }

  /** {@link countOf} of a field, once per value of its cell when it has an id. */
  private count(v: unknown, id: number): number | null {
    if (id < 0 || typeof v !== 'string') return countOf(v);
    const n = this.cells.number(id, v, countText);
    return n < 0 ? null : n;
  }

  /** ms since the epoch, or the reason the ts cannot be read. Sets the time basis. */
  private time(ts: unknown): number | string {
    if (typeof ts === 'number') {
      if (!Number.isFinite(ts) || ts < 1e8 || ts >= 1e11) return `bad ts ${quote(ts)}`;
      this.setBasis(EPOCH_BASIS);
      return Math.round(ts * 1e6) / 1e3;
    }
    if (typeof ts !== 'string' || isUnset(ts)) return 'no ts';
    const epoch = parseEpochSeconds(ts);
    if (epoch !== null) {
      this.setBasis(EPOCH_BASIS);
      return epoch;
    }
    const iso = parseIsoTime(ts);
    if (iso === null) return `bad ts ${quote(ts)}`;
    this.setBasis(ISO_BASIS);
    return iso.ms;
  }

  private setBasis(label: string): void {
    if (label === this.basis) return;
    this.basis = label;
    this.sink.timeBasis(label);
  }
}

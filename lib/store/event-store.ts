import { Column } from './column';
import { normalizeQname } from './qname';
import { ownString, StringPool } from './string-pool';
import { ProcessTable } from './process-table';

/** Statuses in store order; the store keeps the index in a Uint8 column. */
export const STATUS_ORDER = [
  'NOERROR',
  'NXDOMAIN',
  'SERVFAIL',
  'REFUSED',
  'NODATA',
  'TIMEOUT',
  'NO_RESPONSE',
  'ERROR',
] as const;
export type StoreStatus = (typeof STATUS_ORDER)[number];
const STATUS_INDEX = new Map<string, number>(STATUS_ORDER.map((s, i) => [s, i]));

export interface StoredAnswer {
  readonly type: number;
  readonly value: string;
}

/** What a row is appended from (the ingest pipeline's DnsEventInput). */
export interface StoreRowInput {
  /** ms since the epoch, UTC. */
  time: number;
  /** 1-based line of the input where the record starts. */
  line: number;
  /** Computer name, or the client address for network sources. */
  host: string;
  user: string;
  /** Process image path as logged. */
  image: string;
  pid: number;
  /** Process GUID, lower-case, with braces. */
  guid: string;
  /** Query name exactly as logged (the store keeps a normalised copy too). */
  qname: string;
  /** Query type number; 0 when neither logged nor inferable. */
  qtype: number;
  status: StoreStatus;
  /** Status code as the source logged it (Sysmon QueryStatus, Zeek rcode); -1 when none. */
  statusCode: number;
  /** Answer set id from EventStore.internAnswers (through the ingest sink); 0 is the empty set. */
  answers: number;
  /** TTL of the first answer in seconds; -1 unknown. */
  ttl: number;
  /** Resolver (DNS server) address; '' unknown. */
  resolver: string;
  /** Client address; '' unknown. */
  client: string;
}

/** One row, materialised for display (only for the rows a view shows). */
export interface EventView {
  row: number;
  input: number;
  line: number;
  time: number;
  host: string;
  user: string;
  image: string;
  pid: number;
  guid: string;
  qname: string;
  qnameRaw: string;
  qtype: number;
  status: StoreStatus;
  statusCode: number;
  answersRaw: string;
  answers: readonly StoredAnswer[];
  ttl: number;
  resolver: string;
  client: string;
}

export interface StoreInput {
  name: string;
  format: string;
  /** logical fields the input's format provides (detector coverage) */
  fields: readonly string[];
  /** first row of this input */
  start: number;
  /** rows of this input */
  count: number;
}

/**
 * Who asked: host, user, process image, pid, guid and client address interned together, since
 * they repeat on every row of one process.
 */
class ActorTable {
  private readonly ids = new Map<string, number>();
  readonly host = new Column(Uint32Array);
  readonly user = new Column(Uint32Array);
  readonly image = new Column(Uint32Array);
  readonly pid = new Column(Int32Array);
  readonly guid = new Column(Uint32Array);
  readonly client = new Column(Uint32Array);

  constructor(private readonly strings: StringPool) {}

  /** The previous row's actor: consecutive rows usually come from the same process. */
  private last = { host: '', user: '', image: '', pid: Number.NaN, guid: '', client: '', id: -1 };

  intern(r: StoreRowInput): number {
    const l = this.last;
    if (l.id >= 0 && r.pid === l.pid && r.host === l.host && r.image === l.image && r.guid === l.guid && r.user === l.user && r.client === l.client) {
      return l.id;
    }
    const s = this.strings;
    const h = s.intern(r.host);
    const u = s.intern(r.user);
    const im = s.intern(r.image);
    const g = s.intern(r.guid);
    const c = s.intern(r.client);
    const key = `${h},${u},${im},${r.pid},${g},${c}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.host.length;
      this.ids.set(key, id);
      this.host.push(h);
      this.user.push(u);
      this.image.push(im);
      this.pid.push(r.pid);
      this.guid.push(g);
      this.client.push(c);
    }
    this.last = { host: s.get(h), user: s.get(u), image: s.get(im), pid: r.pid, guid: s.get(g), client: s.get(c), id };
    return id;
  }

  get size(): number {
    return this.host.length;
  }
}

/**
 * Columnar event store: one typed-array column per field, strings interned, answer sets
 * interned. About 40 bytes per row plus the distinct strings.
 */
export class EventStore {
  readonly strings = new StringPool();
  readonly actors = new ActorTable(this.strings);
  readonly processes = new ProcessTable();
  readonly inputs: StoreInput[] = [];

  readonly time = new Column(Float64Array);
  readonly line = new Column(Uint32Array);
  readonly actor = new Column(Uint32Array);
  /** raw query name id; the normalised id is {@link qnameNorm} of it */
  readonly qname = new Column(Uint32Array);
  readonly qtype = new Column(Uint16Array);
  readonly status = new Column(Uint8Array);
  readonly statusCode = new Column(Int32Array);
  readonly answers = new Column(Uint32Array);
  readonly ttl = new Column(Int32Array);
  readonly resolver = new Column(Uint32Array);

  /** raw qname string id → normalised qname string id + 1 (0: not yet normalised) */
  private normOf = new Uint32Array(1024);
  private readonly answerIds = new Map<string, number>();
  private readonly answerRaw: string[] = [''];
  private readonly answerSets: (readonly StoredAnswer[])[] = [[]];

  get size(): number {
    return this.time.length;
  }

  /** Starts a new input; rows appended until the next call belong to it. Returns its index. */
  beginInput(name: string, format: string): number {
    this.inputs.push({ name, format, fields: [], start: this.size, count: 0 });
    return this.inputs.length - 1;
  }

  /** Sets the format of the current input once sniffing decided it. */
  setInputFormat(input: number, format: string, fields: readonly string[]): void {
    const inp = this.inputs[input];
    if (inp) {
      inp.format = format;
      inp.fields = fields;
    }
  }

  /** Removes the last input and its rows (cancelled ingest). */
  dropLastInput(): void {
    const inp = this.inputs.pop();
    if (!inp) return;
    for (const c of this.rowColumns()) c.truncate(inp.start);
  }

  internAnswers(key: string, raw: string, parse: (raw: string) => readonly StoredAnswer[]): number {
    if (key === '') return 0;
    let id = this.answerIds.get(key);
    if (id === undefined) {
      id = this.answerRaw.length;
      this.answerIds.set(ownString(key), id);
      this.answerRaw.push(ownString(raw));
      this.answerSets.push(Object.freeze(parse(raw).map((a) => ({ type: a.type, value: ownString(a.value) }))));
    }
    return id;
  }

  append(r: StoreRowInput): void {
    const inp = this.inputs[this.inputs.length - 1];
    if (!inp) throw new Error('append before beginInput');
    const statusIndex = STATUS_INDEX.get(r.status);
    if (statusIndex === undefined) throw new Error(`unknown status ${r.status}`);
    const q = this.strings.intern(r.qname);
    if (q >= this.normOf.length) {
      const grown = new Uint32Array(Math.max(q + 1, this.normOf.length * 2));
      grown.set(this.normOf);
      this.normOf = grown;
    }
    if (this.normOf[q] === 0) this.normOf[q] = this.strings.intern(normalizeQname(r.qname)) + 1;
    this.time.push(r.time);
    this.line.push(r.line);
    this.actor.push(this.actors.intern(r));
    this.qname.push(q);
    this.qtype.push(r.qtype);
    this.status.push(statusIndex);
    this.statusCode.push(r.statusCode);
    this.answers.push(r.answers);
    this.ttl.push(r.ttl);
    this.resolver.push(this.strings.intern(r.resolver));
    inp.count++;
  }

  /** Normalised query-name string id for a raw one. */
  qnameNorm(rawId: number): number {
    const n = this.normOf[rawId] ?? 0;
    return n === 0 ? rawId : n - 1;
  }

  /** Distinct answer sets so far (ids run from 0, the empty set, to this − 1). */
  get answerSetCount(): number {
    return this.answerSets.length;
  }

  answerSet(id: number): readonly StoredAnswer[] {
    return this.answerSets[id] ?? [];
  }

  answerText(id: number): string {
    return this.answerRaw[id] ?? '';
  }

  /** Index of the input holding `row`. */
  inputOf(row: number): number {
    let lo = 0;
    let hi = this.inputs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.inputs[mid] as StoreInput).start <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  event(row: number): EventView {
    const a = this.actor.get(row);
    const s = this.strings;
    const acts = this.actors;
    const q = this.qname.get(row);
    const ans = this.answers.get(row);
    return {
      row,
      input: this.inputOf(row),
      line: this.line.get(row),
      time: this.time.get(row),
      host: s.get(acts.host.get(a)),
      user: s.get(acts.user.get(a)),
      image: s.get(acts.image.get(a)),
      pid: acts.pid.get(a),
      guid: s.get(acts.guid.get(a)),
      qname: s.get(this.qnameNorm(q)),
      qnameRaw: s.get(q),
      qtype: this.qtype.get(row),
      status: STATUS_ORDER[this.status.get(row)] as StoreStatus,
      statusCode: this.statusCode.get(row),
      answersRaw: this.answerText(ans),
      answers: this.answerSet(ans),
      ttl: this.ttl.get(row),
      resolver: s.get(this.resolver.get(row)),
      client: s.get(acts.client.get(a)),
    };
  }

  private rowColumns() {
    return [
      this.time,
      this.line,
      this.actor,
      this.qname,
      this.qtype,
      this.status,
      this.statusCode,
      this.answers,
      this.ttl,
      this.resolver,
    ] as const;
  }

  /** Retained bytes of rows, actors and strings (approximate for the pools). */
  bytes(): number {
    let b = 0;
    for (const c of this.rowColumns()) b += c.bytes();
    const a = this.actors;
    for (const c of [a.host, a.user, a.image, a.pid, a.guid, a.client]) b += c.bytes();
    return b + this.strings.bytes() + this.answerRaw.length * 96 + this.normOf.byteLength;
  }
}

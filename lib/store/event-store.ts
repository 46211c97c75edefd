import { BLOCK_BITS, BLOCK_MASK, blocksLength, Column, i32At, pushU16, pushU32, u32At, UniformColumn, withIndex } from './column';
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
/** Status name → its index in {@link STATUS_ORDER}. */
export const STATUS_INDEX: ReadonlyMap<string, number> = new Map<string, number>(STATUS_ORDER.map((s, i) => [s, i]));

export interface StoredAnswer {
  readonly type: number;
  readonly value: string;
}

/* The string fields of a row input, as bits of StoreRowInput.keep. */
export const KEEP_QNAME = 1;
export const KEEP_HOST = 2;
export const KEEP_USER = 4;
export const KEEP_IMAGE = 8;
export const KEEP_GUID = 16;
export const KEEP_CLIENT = 32;
export const KEEP_RESOLVER = 64;

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
  /**
   * The string fields (KEEP_* bits) that are strings of their own, not slices of a larger text
   * (e.g. made once per distinct value by the row cutter): the store keeps these as they are
   * instead of copying them, so later rows that hand over the same string match it at once.
   */
  keep?: number;
  /** Client address; '' unknown. */
  client: string;
  /**
   * The store's id of `qname` ({@link EventStore.qnameId}) when the reader already has it (a
   * query name it saw before in the same cell); -1 or absent: interned from `qname`.
   */
  qnameId?: number;
  /**
   * The store's id of this row's actor (host, user, image, pid, guid, client, resolver:
   * {@link EventStore.actorId}) when the reader already has it; -1 or absent: interned from them.
   */
  actorId?: number;
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

/** Entries of the actor lookup by GUID or client (a bound against hostile input). */
const MAX_RECENT_ACTORS = 1 << 20;

/** Distinct outcomes a store can hold; beyond that (a hostile file) rows get outcome 0. */
const MAX_OUTCOMES = 65_536;

/**
 * What a query came to: record type, status and the status code as logged, interned per
 * distinct triple (a few dozen in real logs), so a row holds one Uint16 instead of 7 bytes.
 * Id 0 is (type 0, ERROR, no code): also where rows go once the table is full.
 */
class OutcomeTable {
  readonly qtype: number[] = [];
  readonly status: number[] = [];
  readonly code: number[] = [];
  private readonly ids = new Map<number, number>();
  private lastKey = -1;
  private lastId = 0;

  constructor() {
    this.intern(0, STATUS_INDEX.get('ERROR') as number, -1);
  }

  intern(qtype: number, statusIndex: number, code: number): number {
    const key = ((qtype & 0xffff) * 8 + statusIndex) * 4_294_967_296 + (code >>> 0);
    if (key === this.lastKey) return this.lastId;
    let id = this.ids.get(key);
    if (id === undefined) {
      if (this.qtype.length >= MAX_OUTCOMES) return 0;
      id = this.qtype.length;
      this.ids.set(key, id);
      this.qtype.push(qtype & 0xffff);
      this.status.push(statusIndex);
      this.code.push(code | 0);
    }
    this.lastKey = key;
    this.lastId = id;
    return id;
  }

  get size(): number {
    return this.qtype.length;
  }
}

/** A store's contents as arrays: what a worker that ingested part of a file posts back. */
export interface StoreSnapshot {
  /** string pool values in id order */
  strings: string[];
  /** raw query-name id → normalised id + 1 (0: not normalised), as long as the pool or shorter */
  normOf: Uint32Array;
  actors: { host: Uint32Array; user: Uint32Array; image: Uint32Array; pid: Int32Array; guid: Uint32Array; client: Uint32Array; resolver: Uint32Array };
  outcomes: { qtype: number[]; status: number[]; code: number[] };
  /** answer sets in id order from 1 (id 0 is the empty set): interning key, text as logged, parsed answers */
  answers: { key: string; raw: string; set: StoredAnswer[] }[];
  /** each row column as blocks whose concatenation is the column (see Column.rowBlocks) */
  rows: { time: Float64Array[]; line: Uint32Array[]; actor: Uint32Array[]; qname: Uint32Array[]; outcome: Uint16Array[]; answers: Uint32Array[]; ttl: Int32Array[] };
}

/** Throws unless every id in the snapshot points into its tables (it crossed a thread boundary). */
function checkSnapshot(s: StoreSnapshot): void {
  const inRange = (a: ArrayLike<number>, n: number, what: string, base = 0) => {
    for (let i = 0; i < a.length; i++) {
      const v = (a[i] as number) - base;
      if (!(v >= 0 && v < n) && !(base === 1 && v === -1)) throw new RangeError(`store snapshot: ${what} ${a[i]} at ${i} is out of range`);
    }
  };
  const nActors = s.actors.host.length;
  for (const [k, col] of Object.entries(s.actors)) {
    if (col.length !== nActors) throw new RangeError(`store snapshot: actor column ${k} has ${col.length} of ${nActors} entries`);
    if (k !== 'pid') inRange(col, s.strings.length, `actor ${k} string`);
  }
  if (s.outcomes.status.length !== s.outcomes.qtype.length || s.outcomes.code.length !== s.outcomes.qtype.length) throw new RangeError('store snapshot: outcome columns differ in length');
  inRange(s.outcomes.status, STATUS_ORDER.length, 'status');
  inRange(s.normOf, s.strings.length, 'normalised name', 1);
  const rows = blocksLength(s.rows.time);
  for (const [k, col] of Object.entries(s.rows)) {
    const n = blocksLength(col);
    if (n !== rows) throw new RangeError(`store snapshot: row column ${k} has ${n} of ${rows} rows`);
  }
  const inRangeRows = (blocks: readonly ArrayLike<number>[], n: number, what: string) => blocks.forEach((b) => inRange(b, n, what));
  inRangeRows(s.rows.actor, nActors, 'actor');
  inRangeRows(s.rows.qname, s.strings.length, 'query name');
  inRangeRows(s.rows.outcome, s.outcomes.qtype.length, 'outcome');
  inRangeRows(s.rows.answers, s.answers.length + 1, 'answer set');
}

/** The buffers of a snapshot's typed arrays (each once), to transfer instead of copying when it is posted. */
export function snapshotBuffers(s: StoreSnapshot): ArrayBuffer[] {
  const arrays: { buffer: ArrayBufferLike }[] = [s.normOf, ...Object.values(s.actors), ...Object.values(s.rows).flat()];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/**
 * Who asked: host, user, process image, pid, guid, client address and the resolver that
 * answered, interned together, since they repeat on every row of one process (or client).
 */
class ActorTable {
  private readonly ids = new Map<string, number>();
  readonly host = new Column(Uint32Array);
  readonly user = new Column(Uint32Array);
  readonly image = new Column(Uint32Array);
  readonly pid = new Column(Int32Array);
  readonly guid = new Column(Uint32Array);
  readonly client = new Column(Uint32Array);
  readonly resolver = new Column(Uint32Array);

  constructor(private readonly strings: StringPool) {}

  /** The previous row's actor: consecutive rows usually come from the same process. */
  private lastId = -1;

  /**
   * Most recent actor per process GUID (or client address when the source has no GUID): rows
   * of many processes interleave, and one lookup plus a check of the other fields is far
   * cheaper than interning every field again.
   */
  private readonly recent = new Map<string, number>();

  private matches(id: number, r: StoreRowInput): boolean {
    const s = this.strings;
    return (
      i32At(this.pid, id) === r.pid && s.get(u32At(this.guid, id)) === r.guid && s.get(u32At(this.image, id)) === r.image &&
      s.get(u32At(this.host, id)) === r.host && s.get(u32At(this.user, id)) === r.user &&
      s.get(u32At(this.client, id)) === r.client && s.get(u32At(this.resolver, id)) === r.resolver
    );
  }

  intern(r: StoreRowInput): number {
    if (this.lastId >= 0 && this.matches(this.lastId, r)) return this.lastId;
    const hint = r.guid !== '' ? r.guid : r.client;
    if (hint !== '') {
      const known = this.recent.get(hint);
      if (known !== undefined && this.matches(known, r)) return (this.lastId = known);
    }
    const id = this.internSlow(r);
    if (hint !== '') {
      // the pool's copy as the key: never a slice that would keep a decoded chunk alive
      const own = this.strings.get(r.guid !== '' ? this.guid.get(id) : this.client.get(id));
      if (this.recent.size < MAX_RECENT_ACTORS || this.recent.has(own)) this.recent.set(own, id);
    }
    return (this.lastId = id);
  }

  private internSlow(r: StoreRowInput): number {
    const s = this.strings;
    const k = r.keep ?? 0;
    return this.internIds(
      s.intern(r.host, (k & KEEP_HOST) !== 0), s.intern(r.user, (k & KEEP_USER) !== 0), s.intern(r.image, (k & KEEP_IMAGE) !== 0), r.pid,
      s.intern(r.guid, (k & KEEP_GUID) !== 0), s.intern(r.client, (k & KEEP_CLIENT) !== 0), s.intern(r.resolver, (k & KEEP_RESOLVER) !== 0),
    );
  }

  /** The actor of these pool ids (a new one when it is not known yet). */
  internIds(h: number, u: number, im: number, pid: number, g: number, c: number, rs: number): number {
    const key = `${h},${u},${im},${pid},${g},${c},${rs}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.host.length;
      this.ids.set(key, id);
      this.host.push(h);
      this.user.push(u);
      this.image.push(im);
      this.pid.push(pid);
      this.guid.push(g);
      this.client.push(c);
      this.resolver.push(rs);
    }
    return id;
  }

  get size(): number {
    return this.host.length;
  }
}

/**
 * Columnar event store: one typed-array column per field, strings interned, answer sets,
 * actors (who asked, and which resolver answered) and outcomes interned. 26 bytes per row (30 with TTLs)
 * plus the distinct values.
 */
export class EventStore {
  readonly strings = new StringPool();
  readonly actors = new ActorTable(this.strings);
  readonly outcomes = new OutcomeTable();
  readonly processes = new ProcessTable();
  readonly inputs: StoreInput[] = [];

  readonly time = new Column(Float64Array);
  readonly line = new Column(Uint32Array);
  readonly actor = new Column(Uint32Array);
  /** raw query name id; the normalised id is {@link qnameNorm} of it */
  readonly qname = new Column(Uint32Array);
  /** outcome id: qtype, status and status code through {@link outcomes} */
  readonly outcome = new Column(Uint16Array);
  readonly answers = new Column(Uint32Array);
  /** TTL of the first answer, -1 unknown: no blocks at all while every row is -1 (Sysmon logs no TTL) */
  readonly ttl = new UniformColumn(Int32Array, -1);

  /** raw qname string id → normalised qname string id + 1 (0: not yet normalised) */
  private normOf = new Uint32Array(1024);
  private readonly answerIds = new Map<string, number>();
  private readonly answerRaw: string[] = [''];
  private readonly answerSets: (readonly StoredAnswer[])[] = [[]];

  get size(): number {
    return this.time.length;
  }

  /** Earliest and latest row time, kept up as rows come (exact while `spanExact`; see {@link timeSpan}). */
  private spanMin = Infinity;
  private spanMax = -Infinity;
  private spanExact = true;

  /**
   * The earliest and latest time of the first `rows` rows, all by default (ms; +Infinity /
   * -Infinity when there are none). For all rows it is kept up by append and absorb, so
   * detection does not read a million times in cold code for it (which boxed every value: 12–15
   * MB of heap allocation at 1M rows), and worked out again from the column once after rows were
   * dropped; for fewer (a detection context made before the store grew) it is worked out here.
   */
  timeSpan(rows: number = this.size): { readonly min: number; readonly max: number } {
    const all = rows >= this.size;
    if (all && this.spanExact) return { min: this.spanMin, max: this.spanMax };
    let min = Infinity;
    let max = -Infinity;
    let left = Math.min(rows, this.size);
    for (const block of this.time.blocks) {
      if (left <= 0) break;
      const n = Math.min(block.length, left);
      for (let i = 0; i < n; i++) {
        const t = block[i] as number;
        if (t < min) min = t;
        if (t > max) max = t;
      }
      left -= n;
    }
    if (all) {
      this.spanMin = min;
      this.spanMax = max;
      this.spanExact = true;
    }
    return { min, max };
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
    this.spanExact = false;
  }

  /** The id of an answer set, added when new; `keep`: its strings are kept as they are (see StoreRowInput.keep), else copied. */
  internAnswers(key: string, raw: string, parse: (raw: string) => readonly StoredAnswer[], keep = false): number {
    if (key === '') return 0;
    let id = this.answerIds.get(key);
    if (id === undefined) {
      id = this.answerRaw.length;
      const own = keep ? (v: string) => v : ownString;
      const ownKey = own(key);
      this.answerIds.set(ownKey, id);
      // the text as logged is usually the key itself: one copy for both
      this.answerRaw.push(raw === key ? ownKey : own(raw));
      this.answerSets.push(Object.freeze(parse(raw).map((a) => ({ type: a.type, value: own(a.value) }))));
    }
    return id;
  }

  /**
   * The raw id of query name `qname` (interned, with its normalised form known): what
   * {@link append} stores for a row's `qname`. `keep`: see {@link StoreRowInput.keep}.
   */
  qnameId(qname: string, keep: boolean): number {
    const q = this.strings.intern(qname, keep);
    this.normOf = withIndex(this.normOf, q);
    if (this.normOf[q] === 0) this.normOf[q] = this.strings.intern(normalizeQname(qname)) + 1;
    return q;
  }

  /** The id of a row's actor (its host, user, image, pid, guid, client and resolver): what {@link append} stores for it. */
  actorId(r: StoreRowInput): number {
    return this.actors.intern(r);
  }

  append(r: StoreRowInput): void {
    const inp = this.inputs[this.inputs.length - 1];
    if (!inp) throw new Error('append before beginInput');
    const statusIndex = STATUS_INDEX.get(r.status);
    if (statusIndex === undefined) throw new Error(`unknown status ${r.status}`);
    const known = r.qnameId ?? -1;
    const q = known >= 0 ? known : this.qnameId(r.qname, ((r.keep ?? 0) & KEEP_QNAME) !== 0);
    const actor = r.actorId ?? -1;
    const t = r.time;
    // written here, not through a call: a double passed to a function left out of line is boxed
    // (a heap number per row: 19.6 MB of the 1M CSV ingest's allocations)
    const i = this.time.grow();
    (this.time.blocks[i >>> BLOCK_BITS] as Float64Array)[i & BLOCK_MASK] = t;
    if (t < this.spanMin) this.spanMin = t;
    if (t > this.spanMax) this.spanMax = t;
    pushU32(this.line, r.line);
    pushU32(this.actor, actor >= 0 ? actor : this.actors.intern(r));
    pushU32(this.qname, q);
    pushU16(this.outcome, this.outcomes.intern(r.qtype, statusIndex, r.statusCode));
    pushU32(this.answers, r.answers);
    this.ttl.push(r.ttl);
    inp.count++;
  }

  /** Everything this store holds, as arrays of its own (copies). Meant for a store of one input. */
  snapshot(): StoreSnapshot {
    return this.snapshotOf(true);
  }

  /**
   * {@link snapshot} without copying the row columns: their blocks are the store's own, for a
   * worker that posts the part of a file it ingested (transferring {@link snapshotBuffers}) and is
   * done with the store, which must not be used after. Copying them into one array per column
   * took ~1 s for 10M rows.
   */
  handOver(): StoreSnapshot {
    return this.snapshotOf(false);
  }

  private snapshotOf(copy: boolean): StoreSnapshot {
    const a = this.actors;
    const keys: string[] = [];
    for (const [key, id] of this.answerIds) keys[id] = key;
    return {
      strings: [...this.strings.all()],
      normOf: this.normOf.slice(0, this.strings.size),
      actors: {
        host: a.host.toArray(), user: a.user.toArray(), image: a.image.toArray(), pid: a.pid.toArray(),
        guid: a.guid.toArray(), client: a.client.toArray(), resolver: a.resolver.toArray(),
      },
      outcomes: { qtype: [...this.outcomes.qtype], status: [...this.outcomes.status], code: [...this.outcomes.code] },
      answers: this.answerRaw.slice(1).map((raw, i) => ({ key: keys[i + 1] ?? '', raw, set: [...(this.answerSets[i + 1] ?? [])] })),
      rows: {
        time: this.time.rowBlocks(copy), line: this.line.rowBlocks(copy), actor: this.actor.rowBlocks(copy), qname: this.qname.rowBlocks(copy),
        outcome: this.outcome.rowBlocks(copy), answers: this.answers.rowBlocks(copy), ttl: this.ttl.rowBlocks(copy),
      },
    };
  }

  /**
   * Appends the rows of a snapshot to the current input, as if they had been appended here:
   * its strings, actors, outcomes and answer sets are interned into this store's and its ids
   * mapped. `lineOffset` is added to every row's line (the lines before the part it was read from).
   */
  absorb(snap: StoreSnapshot, lineOffset: number): void {
    const inp = this.inputs[this.inputs.length - 1];
    if (!inp) throw new Error('absorb before beginInput');
    checkSnapshot(snap);
    const str = new Uint32Array(snap.strings.length);
    // a snapshot's strings are its own (cloned from another worker's, or a store's own): no copy
    snap.strings.forEach((v, i) => (str[i] = this.strings.intern(v, true)));
    for (let raw = 0; raw < snap.normOf.length; raw++) {
      const n = snap.normOf[raw] as number;
      if (n === 0) continue;
      const q = str[raw] as number;
      this.normOf = withIndex(this.normOf, q);
      if (this.normOf[q] === 0) this.normOf[q] = (str[n - 1] as number) + 1;
    }
    const sa = snap.actors;
    const actor = new Uint32Array(sa.host.length);
    const sid = (col: Uint32Array, i: number) => str[col[i] as number] as number;
    for (let i = 0; i < actor.length; i++) {
      actor[i] = this.actors.internIds(sid(sa.host, i), sid(sa.user, i), sid(sa.image, i), sa.pid[i] as number, sid(sa.guid, i), sid(sa.client, i), sid(sa.resolver, i));
    }
    const so = snap.outcomes;
    const outcome = new Uint16Array(so.qtype.length);
    for (let i = 0; i < outcome.length; i++) outcome[i] = this.outcomes.intern(so.qtype[i] as number, so.status[i] as number, so.code[i] as number);
    const answers = new Uint32Array(snap.answers.length + 1);
    snap.answers.forEach((a, i) => (answers[i + 1] = this.internAnswers(a.key, a.raw, () => a.set)));
    // the rows, column by column, a block at a time, their ids mapped to this store's
    const r = snap.rows;
    let min = this.spanMin;
    let max = this.spanMax;
    for (const block of r.time) {
      for (let i = 0; i < block.length; i++) {
        const t = block[i] as number;
        if (t < min) min = t;
        if (t > max) max = t;
      }
      this.time.appendAll(block);
    }
    this.spanMin = min;
    this.spanMax = max;
    for (const block of r.line) this.line.appendAll(block, null, lineOffset);
    for (const block of r.actor) this.actor.appendAll(block, actor);
    for (const block of r.qname) this.qname.appendAll(block, str);
    for (const block of r.outcome) this.outcome.appendAll(block, outcome);
    for (const block of r.answers) this.answers.appendAll(block, answers);
    for (const block of r.ttl) this.ttl.appendAll(block);
    inp.count += blocksLength(r.time);
  }

  qtypeOf(row: number): number {
    return this.outcomes.qtype[this.outcome.get(row)] as number;
  }

  /** Index in {@link STATUS_ORDER}. */
  statusOf(row: number): number {
    return this.outcomes.status[this.outcome.get(row)] as number;
  }

  statusCodeOf(row: number): number {
    return this.outcomes.code[this.outcome.get(row)] as number;
  }

  /** Resolver address string id ('' = 0 when unknown). */
  resolverOf(row: number): number {
    return this.actors.resolver.get(this.actor.get(row));
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
    const o = this.outcome.get(row);
    const oc = this.outcomes;
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
      qtype: oc.qtype[o] as number,
      status: STATUS_ORDER[oc.status[o] as number] as StoreStatus,
      statusCode: oc.code[o] as number,
      answersRaw: this.answerText(ans),
      answers: this.answerSet(ans),
      ttl: this.ttl.get(row),
      resolver: s.get(acts.resolver.get(a)),
      client: s.get(acts.client.get(a)),
    };
  }

  private rowColumns() {
    return [
      this.time,
      this.line,
      this.actor,
      this.qname,
      this.outcome,
      this.answers,
      this.ttl,
    ] as const;
  }

  /** Retained bytes of rows, actors and strings (approximate for the pools). */
  bytes(): number {
    let b = 0;
    for (const c of this.rowColumns()) b += c.bytes();
    const a = this.actors;
    for (const c of [a.host, a.user, a.image, a.pid, a.guid, a.client, a.resolver]) b += c.bytes();
    return b + this.strings.bytes() + this.answerRaw.length * 96 + this.normOf.byteLength + this.outcomes.size * 48;
  }
}

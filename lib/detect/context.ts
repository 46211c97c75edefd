import type { EventStore, StoredAnswer, StoreStatus } from '../store/event-store';
import { STATUS_ORDER } from '../store/event-store';
import { StringPool } from '../store/string-pool';
import { Scratch } from './util/scratch';
import { nameFacts } from '../enrich/domain';
import { BLOCK_BITS, BLOCK_MASK, BLOCK_SIZE, f64At, u16At, u32At, withIndex } from '../store/column';

/** Who a finding is about: a process on a host, or a host when the source has no process. */
export interface ProcessEntity {
  readonly host: string;
  /** image path; '' for network sources */
  readonly process: string;
}

/**
 * Read access to the store for detectors, with per-distinct-value caches: the normalised name,
 * registrable domain and process entity of a row are computed once per distinct string or
 * actor, never per row.
 */
export class DetectContext {
  readonly size: number;
  /** registrable domains (ids local to this context) */
  readonly domains = new StringPool();
  private readonly normOfRaw: Int32Array;
  private domainOfNorm: Int32Array;
  /** per normalised name: 0 not yet known, 1 public, 2 not ({@link isPublicQname}) */
  private publicOfNorm: Uint8Array;
  private readonly processOfActor: Int32Array;
  private readonly processes: ProcessEntity[] = [];
  /** fields provided by at least one input */
  readonly fields: ReadonlySet<string>;
  /** large temporaries shared by the detectors of one detection, released after it (runDetectors) */
  readonly scratch = new Scratch();

  constructor(readonly store: EventStore) {
    this.size = store.size;
    const poolSize = store.strings.size;
    this.normOfRaw = new Int32Array(poolSize).fill(-1);
    this.domainOfNorm = new Int32Array(poolSize).fill(-1);
    this.publicOfNorm = new Uint8Array(poolSize);
    const actors = store.actors;
    this.processOfActor = new Int32Array(actors.size);
    const keys = new Map<string, number>();
    for (let a = 0; a < actors.size; a++) {
      const host = store.strings.get(actors.host.get(a));
      const process = store.strings.get(actors.image.get(a));
      const key = `${host}\u0000${process}`;
      let id = keys.get(key);
      if (id === undefined) {
        id = this.processes.length;
        keys.set(key, id);
        this.processes.push({ host, process });
      }
      this.processOfActor[a] = id;
    }
    this.fields = new Set(store.inputs.flatMap((i) => i.fields));
  }

  private readonly memos = new Map<unknown, unknown>();

  /**
   * A value computed once per context and shared by the detectors that ask for the same key
   * (e.g. the parsed sequential-name table used by staging and payload reassembly).
   */
  memo<T>(key: unknown, factory: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = factory();
    this.memos.set(key, v);
    return v;
  }

  /* The per-row reads below use the store's one-type column readers (f64At, u32At, u16At), not Column.get. */
  time(row: number): number {
    return f64At(this.store.time, row);
  }

  /**
   * `Math.floor(time / unitMs)` of each of `rows[from..to)` into `out` from index 0: a group's
   * times in seconds or buckets, read in one loop here instead of a {@link time} call per row
   * (not inlined in a large detector, each call returned a boxed number: 17 MB of heap
   * allocation a beacon run over the 1M Zeek log, and first-touched memory in Chromium).
   */
  unitsOf(rows: Readonly<Int32Array>, from: number, to: number, unitMs: number, out: Float64Array): void {
    const blocks = this.store.time.blocks;
    const size = this.size;
    for (let i = from; i < to; i++) {
      const r = rows[i] as number;
      if (!(r >= 0 && r < size)) throw new RangeError(`row ${r} out of range 0..${size - 1}`);
      out[i - from] = Math.floor(((blocks[r >>> BLOCK_BITS] as Float64Array)[r & BLOCK_MASK] as number) / unitMs);
    }
  }

  private span: { min: number; max: number } | null = null;

  /** Earliest and latest event time of the rows (ms; ±Infinity when there are none): see {@link EventStore.timeSpan}. */
  timeSpan(): { readonly min: number; readonly max: number } {
    return (this.span ??= this.store.timeSpan(this.size));
  }

  /**
   * Per-row ids that every detector reads in its passes, each built once per context in one
   * pass (a typed-array read per row afterwards instead of a chain of lookups).
   */
  private qnameCol: Int32Array | null = null;
  private domainCol: Int32Array | null = null;
  private processCol: Int32Array | null = null;

  /**
   * Each row's entry of `table` for its id in a store column (`blocks`), in one pass that reads
   * the column a block at a time (one block-table read per block, not per row); a negative entry
   * is made by `make` on first sight and kept in the table.
   */
  private mapColumn(blocks: readonly Uint32Array[], table: Int32Array, make: (id: number) => number): Int32Array {
    const out = new Int32Array(this.size);
    let block: Uint32Array = new Uint32Array(0);
    let from = 0;
    let next = 0;
    for (let r = 0; r < this.size; r++) {
      if (r === next) {
        // the next block (row 0 comes here first, so this has run before the loop is optimised)
        from = r;
        next = r + BLOCK_SIZE;
        block = blocks[r >>> BLOCK_BITS] as Uint32Array;
      }
      const id = block[r - from] as number;
      let v = table[id] as number;
      if (v < 0) {
        v = make(id);
        table[id] = v;
      }
      out[r] = v;
    }
    return out;
  }

  private buildQnames(): Int32Array {
    return this.mapColumn(this.store.qname.blocks, this.normOfRaw, (raw) => this.store.qnameNorm(raw));
  }

  private buildDomains(): Int32Array {
    const qnames = (this.qnameCol ??= this.buildQnames());
    const out = new Int32Array(this.size);
    let domainOfNorm = this.domainOfNorm;
    for (let r = 0; r < this.size; r++) {
      const q = qnames[r] as number;
      if (q >= domainOfNorm.length) domainOfNorm = this.domainOfNorm = withIndex(domainOfNorm, q, -1);
      let d = domainOfNorm[q] as number;
      if (d < 0) d = this.learnName(q);
      out[r] = d;
    }
    return out;
  }

  /**
   * Registrable domain and public-ness of a normalised name, from one suffix-list lookup (the
   * domain column and {@link isPublicQname} both need them); returns the domain id.
   */
  private learnName(q: number): number {
    const facts = nameFacts(this.text(q));
    const d = this.domains.intern(facts.domain);
    if (q >= this.domainOfNorm.length) this.domainOfNorm = withIndex(this.domainOfNorm, q, -1);
    if (q >= this.publicOfNorm.length) this.publicOfNorm = withIndex(this.publicOfNorm, q);
    this.domainOfNorm[q] = d;
    this.publicOfNorm[q] = facts.isPublic ? 1 : 2;
    return d;
  }

  /**
   * Whether a normalised query name (store string id) can be resolved through public DNS
   * (isPublicName, lib/enrich/domain.ts): decided with its registrable domain, once per distinct name.
   */
  isPublicQname(q: number): boolean {
    // the rows' names first, in row order: domain ids do not depend on which detector asks first
    this.domainCol ??= this.buildDomains();
    const known = q < this.publicOfNorm.length ? (this.publicOfNorm[q] as number) : 0;
    if (known !== 0) return known === 1;
    this.learnName(q);
    return this.publicOfNorm[q] === 1;
  }

  private buildProcesses(): Int32Array {
    // every actor has its process entity (the constructor's table): nothing is made here
    return this.mapColumn(this.store.actor.blocks, this.processOfActor, (actor) => {
      throw new RangeError(`actor ${actor} has no process entity`);
    });
  }

  /**
   * The per-row id columns themselves (row r at index r), for passes over all rows and for
   * {@link groupRowsBy}: read-only, shared by every detector of the context.
   */
  qnameColumn(): Readonly<Int32Array> {
    return (this.qnameCol ??= this.buildQnames());
  }

  domainColumn(): Readonly<Int32Array> {
    return (this.domainCol ??= this.buildDomains());
  }

  processColumn(): Readonly<Int32Array> {
    return (this.processCol ??= this.buildProcesses());
  }

  /** normalised query-name string id (store pool) */
  qname(row: number): number {
    return (this.qnameCol ??= this.buildQnames())[row] as number;
  }

  text(stringId: number): string {
    return this.store.strings.get(stringId);
  }

  /** the query name exactly as logged (case kept: base64 tunnels are case-sensitive) */
  qnameRawText(row: number): string {
    return this.text(u32At(this.store.qname, row));
  }

  qnameText(row: number): string {
    return this.text(this.qname(row));
  }

  /** registrable-domain id of a row (see {@link domainText}) */
  domain(row: number): number {
    return (this.domainCol ??= this.buildDomains())[row] as number;
  }

  /** How many registrable domains the rows have (domain ids are 0 .. count-1). */
  domainCount(): number {
    this.domainCol ??= this.buildDomains();
    return this.domains.size;
  }

  domainText(domainId: number): string {
    return this.domains.get(domainId);
  }

  actor(row: number): number {
    return u32At(this.store.actor, row);
  }

  /** outcome id of a row (qtype, status and code through the store's outcome table, EventStore.outcomes) */
  outcome(row: number): number {
    return u16At(this.store.outcome, row);
  }

  /** process entity id of a row: one per (host, image) */
  process(row: number): number {
    return (this.processCol ??= this.buildProcesses())[row] as number;
  }

  processEntity(id: number): ProcessEntity {
    const p = this.processes[id];
    if (!p) throw new RangeError(`unknown process entity ${id}`);
    return p;
  }

  get processCount(): number {
    return this.processes.length;
  }

  /** host string id (store pool) */
  hostId(row: number): number {
    return this.store.actors.host.get(this.actor(row));
  }

  host(row: number): string {
    return this.text(this.store.actors.host.get(this.actor(row)));
  }

  qtype(row: number): number {
    return this.store.outcomes.qtype[this.outcome(row)] as number;
  }

  statusIndex(row: number): number {
    return this.store.outcomes.status[this.outcome(row)] as number;
  }

  status(row: number): StoreStatus {
    return STATUS_ORDER[this.statusIndex(row)] as StoreStatus;
  }

  answersId(row: number): number {
    return u32At(this.store.answers, row);
  }

  answers(row: number): readonly StoredAnswer[] {
    return this.store.answerSet(this.answersId(row));
  }

  ttl(row: number): number {
    return this.store.ttl.get(row);
  }

  /** resolver address string id ('' = 0 when unknown) */
  resolver(row: number): number {
    return this.store.resolverOf(row);
  }

  client(row: number): string {
    return this.text(this.store.actors.client.get(this.actor(row)));
  }
}

import { withIndex } from '../store/column';
import type { DnsEventInput, IngestSink } from './types';

/** Int32s per slot of the actor table (see ByCell.actors). */
const ACTOR_SLOT = 6;

/**
 * What a reader works out from a cell (a number parsed, a name normalised, an answer set
 * interned), once per distinct value of the cell's column rather than per row: keyed by the row
 * cutter's cell id (CellFacts.ids; equal values of a column have one id throughout an input), in
 * tables that grow with the ids. An id below 0 (a row read as text, a cell copied per row) is
 * never remembered: `number` and `string` then just read the text.
 */
export class ByCell {
  /** NaN: not yet known */
  private numbers: Float64Array = new Float64Array(0);
  private readonly strings: (string | undefined)[] = [];
  /** value + 1 (0: not yet known) and the tag it was worked out under */
  private taggedValues = new Int32Array(0);
  private tags = new Int32Array(0);

  /** the store's query-name id + 1 per cell (0: not yet known) */
  private qnames = new Int32Array(0);
  /**
   * The actors remembered, by their first cell, in a table of open addressing sized by the
   * distinct first cells (hosts, processes), not by the cell ids (which count every value of every
   * column): per slot [cell + 1 (0: free), cell a, b, c, d, actor id].
   */
  private actors = new Int32Array(ACTOR_SLOT * 64);
  private actorCount = 0;

  /** `read(text)` of cell `id`, worked out at the first row with it. */
  number(id: number, text: string, read: (text: string) => number): number {
    if (id < 0) return read(text);
    this.numbers = withIndex(this.numbers, id, NaN);
    let v = this.numbers[id] as number;
    if (v !== v) {
      v = read(text);
      this.numbers[id] = v;
    }
    return v;
  }

  /** What {@link number} worked out for cell `id`, NaN when it has not (yet). */
  knownNumber(id: number): number {
    return id >= 0 && id < this.numbers.length ? (this.numbers[id] as number) : NaN;
  }

  /** What {@link string} worked out for cell `id`, undefined when it has not (yet). */
  knownString(id: number): string | undefined {
    return id >= 0 ? this.strings[id] : undefined;
  }

  /** `read(text)` of cell `id`, worked out at the first row with it. */
  string(id: number, text: string, read: (text: string) => string): string {
    if (id < 0) return read(text);
    let v = this.strings[id];
    if (v === undefined) {
      while (this.strings.length < id) this.strings.push(undefined);
      v = read(text);
      this.strings[id] = v;
    }
    return v;
  }

  /**
   * The non-negative integer set for cell `id` under `tag` (what it depends on besides the
   * cell, e.g. the answer class of the query type), -1 when not known under that tag.
   */
  tagged(id: number, tag: number): number {
    if (id < 0 || id >= this.tags.length || this.tags[id] !== tag) return -1;
    return (this.taggedValues[id] as number) - 1;
  }

  setTagged(id: number, tag: number, value: number): void {
    if (id < 0) return;
    this.taggedValues = withIndex(this.taggedValues, id);
    this.tags = withIndex(this.tags, id);
    this.tags[id] = tag;
    this.taggedValues[id] = value + 1;
  }

  /** The store's id of the query name in cell `id` (EventStore.qnameId), -1 when not known. */
  qnameId(id: number): number {
    return id >= 0 && id < this.qnames.length ? (this.qnames[id] as number) - 1 : -1;
  }

  setQnameId(id: number, qnameId: number): void {
    if (id < 0) return;
    this.qnames = withIndex(this.qnames, id);
    this.qnames[id] = qnameId + 1;
  }

  /**
   * The store's id of the actor of a row whose actor fields are read from cell `id` and cells
   * `a`…`d` (every one with an id: equal ids, equal texts), -1 when not known for these cells.
   */
  actorId(id: number, a: number, b: number, c: number, d: number): number {
    if (id < 0) return -1;
    const t = this.actors;
    const k = this.actorSlot(id);
    return t[k] !== 0 && t[k + 1] === a && t[k + 2] === b && t[k + 3] === c && t[k + 4] === d ? (t[k + 5] as number) : -1;
  }

  /** Remembers {@link actorId}: one set of cells per cell `id` (the latest). */
  setActorId(id: number, a: number, b: number, c: number, d: number, actorId: number): void {
    if (id < 0 || a < 0 || b < 0 || c < 0 || d < 0) return;
    let k = this.actorSlot(id);
    if (this.actors[k] === 0) {
      if (++this.actorCount * 2 > this.actors.length / ACTOR_SLOT) {
        this.growActors();
        k = this.actorSlot(id);
      }
      this.actors[k] = id + 1;
    }
    const t = this.actors;
    t[k + 1] = a;
    t[k + 2] = b;
    t[k + 3] = c;
    t[k + 4] = d;
    t[k + 5] = actorId;
  }

  /**
   * The store's id of query name `text`, read from cell `id`: asked of `sink` at the first row
   * with the cell (and at every row whose cell has no id), then remembered.
   */
  storeQnameId(id: number, text: string, sink: Pick<IngestSink, 'qnameId'>): number {
    let q = this.qnameId(id);
    if (q < 0) {
      q = sink.qnameId(text, id >= 0);
      this.setQnameId(id, q);
    }
    return q;
  }

  /**
   * The store's id of `event`'s actor, whose fields are read from cell `id` and cells `a`…`d`:
   * asked of `sink` at the first row with these cells, then remembered ({@link actorId}).
   */
  storeActorId(event: DnsEventInput, sink: Pick<IngestSink, 'actorId'>, id: number, a: number, b: number, c: number, d: number): number {
    let actor = this.actorId(id, a, b, c, d);
    if (actor < 0) {
      actor = sink.actorId(event);
      this.setActorId(id, a, b, c, d, actor);
    }
    return actor;
  }

  /** The slot of cell `id` in the actor table: its own, or the free one where it would go. */
  private actorSlot(id: number): number {
    const t = this.actors;
    const mask = t.length / ACTOR_SLOT - 1;
    let s = Math.imul(id, 0x9e3779b1) >>> 0;
    for (;;) {
      s &= mask;
      const k = s * ACTOR_SLOT;
      const key = t[k] as number;
      if (key === 0 || key === id + 1) return k;
      s++;
    }
  }

  private growActors(): void {
    const old = this.actors;
    this.actors = new Int32Array(old.length * 2);
    for (let k = 0; k < old.length; k += ACTOR_SLOT) {
      const key = old[k] as number;
      if (key === 0) continue;
      const to = this.actorSlot(key - 1);
      this.actors.set(old.subarray(k, k + ACTOR_SLOT), to);
    }
  }
}

import { withIndex } from '../store/column';

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
  /** per cell: the actor id + 1 found for it (0: none yet), and the four other cells it goes with */
  private actors = new Int32Array(0);
  private actorCells = new Int32Array(0);

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
    if (id < 0 || id >= this.actors.length) return -1;
    const v = this.actors[id] as number;
    const k = id * 4;
    const cells = this.actorCells;
    return v !== 0 && cells[k] === a && cells[k + 1] === b && cells[k + 2] === c && cells[k + 3] === d ? v - 1 : -1;
  }

  /** Remembers {@link actorId}: one set of cells per cell `id` (the latest). */
  setActorId(id: number, a: number, b: number, c: number, d: number, actorId: number): void {
    if (id < 0 || a < 0 || b < 0 || c < 0 || d < 0) return;
    this.actors = withIndex(this.actors, id);
    this.actorCells = withIndex(this.actorCells, id * 4 + 3);
    this.actors[id] = actorId + 1;
    const k = id * 4;
    this.actorCells[k] = a;
    this.actorCells[k + 1] = b;
    this.actorCells[k + 2] = c;
    this.actorCells[k + 3] = d;
  }
}

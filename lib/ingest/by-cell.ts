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
}

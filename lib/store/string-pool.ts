/**
 * Interns strings: each distinct value is stored once and rows hold its numeric id.
 * Id 0 is always the empty string (unknown).
 */
export class StringPool {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [''];
  private chars = 0;

  constructor() {
    this.ids.set('', 0);
  }

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
      this.chars += value.length;
    }
    return id;
  }

  /** The id of `value`, or -1 when it was never interned. */
  lookup(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  get(id: number): string {
    const v = this.values[id];
    if (v === undefined) throw new RangeError(`unknown string id ${id}`);
    return v;
  }

  get size(): number {
    return this.values.length;
  }

  /** Rough retained bytes: UTF-16 payload plus map and array overhead per entry. */
  bytes(): number {
    return this.chars * 2 + this.values.length * 64;
  }
}

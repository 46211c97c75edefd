/**
 * A copy of `s` that does not keep its parent alive. V8 represents a substring of 13 or more
 * characters as a view into its parent: a value cut from a 1 MiB decoded chunk would keep the
 * whole chunk in memory for as long as the store holds it. Call this on values that are kept.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

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

  /** The id of `value`, added when new: as it is when `keep` (a string of its own), else as a copy (see {@link ownString}). */
  intern(value: string, keep = false): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      const own = keep ? value : ownString(value);
      id = this.values.length;
      this.values.push(own);
      this.ids.set(own, id);
      this.chars += own.length;
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

  /** Every value in id order (id 0 is ''). */
  all(): readonly string[] {
    return this.values;
  }

  /** Rough retained bytes: UTF-16 payload plus map and array overhead per entry. */
  bytes(): number {
    return this.chars * 2 + this.values.length * 64;
  }
}

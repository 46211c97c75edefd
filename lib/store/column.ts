type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Uint8Array
  | Int8Array;

interface TypedArrayCtor<T extends TypedArray> {
  new (length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Rows per block: a power of two so that row → block is a shift. */
export const BLOCK_BITS = 16;
export const BLOCK_SIZE = 1 << BLOCK_BITS;
export const BLOCK_MASK = BLOCK_SIZE - 1;

/**
 * A growable numeric column kept as fixed-size typed-array blocks. Growing never copies, so the
 * peak memory of a 10M-row store is the store itself plus at most one partly filled block.
 */
export class Column<T extends TypedArray> {
  readonly blocks: T[] = [];
  private n = 0;

  constructor(private readonly ctor: TypedArrayCtor<T>) {}

  get length(): number {
    return this.n;
  }

  push(value: number): void {
    const i = this.grow();
    (this.blocks[i >>> BLOCK_BITS] as T)[i & BLOCK_MASK] = value;
  }

  /** Makes room for one more row (a new block when the last is full) and returns its index: see {@link pushU32}. */
  grow(): number {
    const i = this.n;
    if ((i & BLOCK_MASK) === 0) this.blocks.push(new this.ctor(BLOCK_SIZE));
    this.n = i + 1;
    return i;
  }

  get(i: number): number {
    if (i < 0 || i >= this.n) throw new RangeError(`row ${i} out of range 0..${this.n - 1}`);
    return (this.blocks[i >>> BLOCK_BITS] as T)[i & BLOCK_MASK] as number;
  }

  /**
   * Appends every value of `values`, each as `map[v]` when a map is given, else as `v + add`:
   * what a `push` per value does, a block at a time (absorbing a 10M-row part took 1.4 s of
   * `push` calls and their checks).
   */
  appendAll(values: Readonly<TypedArray>, map: Readonly<TypedArray> | null = null, add = 0): void {
    const n = values.length;
    let i = 0;
    while (i < n) {
      const at = this.n;
      const off = at & BLOCK_MASK;
      if (off === 0) this.blocks.push(new this.ctor(BLOCK_SIZE));
      const block = this.blocks[at >>> BLOCK_BITS] as T;
      const take = Math.min(BLOCK_SIZE - off, n - i);
      if (map !== null) for (let k = 0; k < take; k++) block[off + k] = map[values[i + k] as number] as number;
      else if (add !== 0) for (let k = 0; k < take; k++) block[off + k] = (values[i + k] as number) + add;
      else block.set(values.subarray(i, i + take), off);
      this.n = at + take;
      i += take;
    }
  }

  /**
   * The values as blocks whose concatenation is the column, the last cut to its rows: copies, or
   * (`copy` false) views of the column's own blocks, for a store that is posted and done with.
   */
  rowBlocks(copy: boolean): T[] {
    const out: T[] = [];
    eachBlock(this, this.n, (block) => out.push(copy ? (block.slice() as T) : block));
    return out;
  }

  /** The values as one contiguous array. */
  toArray(): T {
    return joinBlocks(this.rowBlocks(false), this.ctor);
  }

  /** Drops rows from `n` on (used when an ingest is cancelled). */
  truncate(n: number): void {
    if (n >= this.n) return;
    this.n = Math.max(0, n);
    this.blocks.length = Math.ceil(this.n / BLOCK_SIZE);
  }

  /** Bytes held by the blocks. */
  bytes(): number {
    return this.blocks.length * BLOCK_SIZE * this.ctor.BYTES_PER_ELEMENT;
  }
}

/**
 * A column that holds no blocks while every value pushed is `uniform`, and becomes a
 * {@link Column} at the first other value. Sysmon logs no TTL, so a Sysmon store's TTL column
 * (-1 on every row) costs nothing instead of 4 bytes per event.
 */
export class UniformColumn<T extends TypedArray> {
  private col: Column<T> | null = null;
  private n = 0;

  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    readonly uniform: number,
  ) {}

  get length(): number {
    return this.col ? this.col.length : this.n;
  }

  push(value: number): void {
    if (this.col) this.col.push(value);
    else if (value === this.uniform) this.n++;
    else {
      const col = new Column(this.ctor);
      for (let i = 0; i < this.n; i++) col.push(this.uniform);
      col.push(value);
      this.col = col;
    }
  }

  /** Pushes every value of `values`: a run of the uniform value only counts, the rest goes to the column. */
  appendAll(values: Readonly<TypedArray>): void {
    let i = 0;
    if (!this.col) {
      while (i < values.length && values[i] === this.uniform) i++;
      this.n += i;
      if (i === values.length) return;
      this.push(values[i] as number); // makes the column
      i++;
    }
    (this.col as Column<T>).appendAll(values.subarray(i));
  }

  get(i: number): number {
    if (this.col) return this.col.get(i);
    if (i < 0 || i >= this.n) throw new RangeError(`row ${i} out of range 0..${this.n - 1}`);
    return this.uniform;
  }

  /** As {@link Column.rowBlocks}; while every value is the uniform one, one array of them. */
  rowBlocks(copy: boolean): T[] {
    if (this.col) return this.col.rowBlocks(copy);
    return this.n === 0 ? [] : [this.toArray()];
  }

  toArray(): T {
    if (this.col) return this.col.toArray();
    const out = new this.ctor(this.n);
    out.fill(this.uniform);
    return out;
  }

  truncate(n: number): void {
    if (this.col) this.col.truncate(n);
    else this.n = Math.min(this.n, Math.max(0, n));
  }

  bytes(): number {
    return this.col ? this.col.bytes() : 0;
  }
}

/**
 * Calls `each` with the blocks of `col` that hold rows [0, rows), the last cut to the rows it
 * holds: a pass over a column's values in plain typed-array loops, without a call per row.
 */
export function eachBlock<T extends TypedArray>(col: Column<T>, rows: number, each: (block: T) => void): void {
  let left = Math.min(rows, col.length);
  for (const block of col.blocks) {
    if (left <= 0) break;
    const n = Math.min(block.length, left);
    each(n === block.length ? block : (block.subarray(0, n) as T));
    left -= n;
  }
}

/**
 * The values at `rows[from..to)` of a column in blocks (`blocks`, e.g. a column's `blocks`) into
 * `out` from index 0: a gather in one typed-array loop, for rows picked out of the column.
 */
export function gatherAt(blocks: readonly Float64Array[], rows: Readonly<Int32Array>, from: number, to: number, out: Float64Array): Float64Array {
  for (let i = from; i < to; i++) {
    const r = rows[i] as number;
    out[i - from] = (blocks[r >>> BLOCK_BITS] as Float64Array)[r & BLOCK_MASK] as number;
  }
  return out;
}

/** How many values the blocks hold together. */
export function blocksLength(blocks: readonly ArrayLike<number>[]): number {
  let n = 0;
  for (const b of blocks) n += b.length;
  return n;
}

/** Blocks (e.g. a snapshot column's, see {@link Column.rowBlocks}) as one array. */
export function joinBlocks<T extends TypedArray>(blocks: readonly T[], ctor: TypedArrayCtor<T>): T {
  const out = new ctor(blocksLength(blocks));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/*
 * Row `i` of a column of one element type. `Column.get` reads every column type, so its element
 * load is polymorphic and several times slower per random read (measured: ~25 vs ~5 ms for 1M
 * grouped reads of time); each of these reads one type. Out of range throws as `get` does.
 */
export function f64At(col: Column<Float64Array>, i: number): number {
  if (i < 0 || i >= col.length) return col.get(i);
  return (col.blocks[i >>> BLOCK_BITS] as Float64Array)[i & BLOCK_MASK] as number;
}

export function u32At(col: Column<Uint32Array>, i: number): number {
  if (i < 0 || i >= col.length) return col.get(i);
  return (col.blocks[i >>> BLOCK_BITS] as Uint32Array)[i & BLOCK_MASK] as number;
}

export function i32At(col: Column<Int32Array>, i: number): number {
  if (i < 0 || i >= col.length) return col.get(i);
  return (col.blocks[i >>> BLOCK_BITS] as Int32Array)[i & BLOCK_MASK] as number;
}

export function u16At(col: Column<Uint16Array>, i: number): number {
  if (i < 0 || i >= col.length) return col.get(i);
  return (col.blocks[i >>> BLOCK_BITS] as Uint16Array)[i & BLOCK_MASK] as number;
}

/*
 * Appends to a column of one element type. `Column.push` stores into every column type, so its
 * element store is polymorphic; the store's per-row appends use these, one type each (the time
 * column's double is written in EventStore.append itself: passed to a call, it would be boxed).
 */
export function pushU32(col: Column<Uint32Array>, value: number): void {
  const i = col.grow();
  (col.blocks[i >>> BLOCK_BITS] as Uint32Array)[i & BLOCK_MASK] = value;
}

export function pushU16(col: Column<Uint16Array>, value: number): void {
  const i = col.grow();
  (col.blocks[i >>> BLOCK_BITS] as Uint16Array)[i & BLOCK_MASK] = value;
}

/**
 * `a` when it holds index `index`, else a copy at least twice as long (and at least 1,024)
 * whose new slots are `fill`: for lookup tables indexed by ids that keep growing.
 */
export function withIndex<T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(a: T, index: number, fill = 0): T {
  if (index < a.length) return a;
  const ctor = a.constructor as new (length: number) => T;
  const out = new ctor(Math.max(1024, index + 1, a.length * 2));
  if (fill !== 0) out.fill(fill, a.length);
  out.set(a);
  return out;
}

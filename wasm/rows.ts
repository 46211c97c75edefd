// AssemblyScript (compiled by scripts/build-wasm.ts into lib/ingest/wasm/rows-wasm.ts; not TypeScript).
//
// Cuts delimited rows from UTF-8 bytes and gives each cell an id: equal bytes in a column get
// the same id, so JavaScript makes one string per distinct value instead of decoding every row.
// Per column, a cell is interned (KEY), copied out as bytes (RAW: timestamps and other per-row
// values, decoded by JavaScript in one piece per scan), or skipped (SKIP: a column nobody reads).
// A KEY column that turns out to hold a new value in most rows becomes RAW (its table would
// only grow).
//
// A row this does not handle (a `stop` byte anywhere in it, a `comment` byte first, more than
// MAX_CELLS cells or `maxRowBytes` bytes) is left to JavaScript: scan stops before it with status 2.
//
// A TIME column's cells are read as timestamps here when they have the common shape
// (`YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|±HH:MM]`, a real date, year 1000 on), and are copied as RAW
// otherwise, so JavaScript reads every other shape exactly as it reads text. An EPOCH column's
// cells (Zeek's `1709510401.303123`: 9 to 11 digits, up to 6 after the point) are read as the
// seconds Number() reads from them; any other text is copied as RAW.
//
// Output per row: [cells, start, v0 .. v(cells-1)] with `start` the row's offset in the input,
// 0 <= v < TIME_TAG an entry id, v >= TIME_TAG a timestamp read here ((v - TIME_TAG) >> 1 its
// index in the times buffer: ms since the epoch, UTC, for TIME, with bit 0 set when it had a
// zone; seconds since the epoch for EPOCH),
// v == -1 a skipped cell, v <= -2 a raw cell of (-v - 2) bytes (the next bytes of the raw
// buffer). A line with nothing on it is a row of 0 cells.

const LF: u8 = 10;
const CR: u8 = 13;
const MAX_CELLS: i32 = 256;
const PAD: usize = 16;

export const KEY: u8 = 0;
export const RAW: u8 = 1;
export const SKIP: u8 = 2;
export const TIME: u8 = 3;
export const EPOCH: u8 = 4;
const TIME_TAG: i32 = 0x40000000;

/** scan stopped: 0 all whole rows handled (the rest is an incomplete row); 1 output full or maxRows; 2 the next row needs JavaScript */
export let status: i32 = 0;
export let outLen: i32 = 0;
export let outRows: i32 = 0;
export let rawLen: i32 = 0;
/** raw cells copied in this scan (an empty one copies no bytes) */
export let rawCells: i32 = 0;
/** 1 when every byte copied to the raw buffer in this scan is ASCII */
export let rawAscii: i32 = 1;
/** timestamps read in this scan */
export let timesLen: i32 = 0;

let delim: u8 = 44;
let stop: u8 = 0;
let useStop: bool = false;
let comment: u8 = 0;
let useComment: bool = false;
let maxRowBytes: usize = 0x7fffffff;

let inPtr: usize = 0;
let inCap: usize = 0;
let outPtr: usize = 0;
let outCap: usize = 0;
let rawPtr: usize = 0;
let rawCap: usize = 0;
let timesPtr: usize = 0;
let timesCap: i32 = 0;
let modes: usize = 0;
let lookups: usize = 0;
let misses: usize = 0;
let rowsSeen: i32 = 0;

function grow(ptr: usize, oldBytes: usize, newBytes: usize): usize {
  const p = heap.alloc(newBytes);
  if (ptr != 0) {
    memory.copy(p, ptr, oldBytes);
    heap.free(ptr);
  }
  return p;
}

/** An intern table: entries of bytes in an arena, open addressing over their hashes. */
class Table {
  off: usize = 0;
  len: usize = 0;
  hash: usize = 0;
  cap: i32 = 0;
  count: i32 = 0;
  arena: usize = 0;
  arenaLen: usize = 0;
  arenaCap: usize = 0;
  slots: usize = 0;
  mask: u32 = 0;
  /** 1 while every entry added since the last scan is ASCII */
  ascii: i32 = 1;
}

const cellTable = new Table();

function reset(t: Table): void {
  t.count = 0;
  t.arenaLen = 0;
  t.ascii = 1;
  if (t.slots != 0) heap.free(t.slots);
  t.mask = 4095;
  t.slots = heap.alloc(4096 << 2);
  memory.fill(t.slots, 0, 4096 << 2);
}

function rehash(t: Table): void {
  const cap = (t.mask + 1) << 1;
  heap.free(t.slots);
  t.slots = heap.alloc(<usize>cap << 2);
  memory.fill(t.slots, 0, <usize>cap << 2);
  t.mask = cap - 1;
  for (let id: i32 = 0; id < t.count; id++) {
    let s = load<u32>(t.hash + (<usize>id << 2)) & t.mask;
    while (load<u32>(t.slots + (<usize>s << 2)) != 0) s = (s + 1) & t.mask;
    store<u32>(t.slots + (<usize>s << 2), id + 1);
  }
}

@inline
function hashBytes(p: usize, len: usize, seed: u64): u32 {
  let h: u64 = (seed + 1) * 0x9e3779b97f4a7c15 ^ (<u64>len * 0xc2b2ae3d27d4eb4f);
  let q = p;
  const end = p + len;
  while (q + 8 <= end) {
    h = rotl<u64>((h ^ load<u64>(q)) * 0xbf58476d1ce4e5b9, 29);
    q += 8;
  }
  const rest = end - q;
  if (rest > 0) {
    // reads up to 7 bytes past the value: every buffer keeps PAD bytes after its end
    const w = load<u64>(q) & ((<u64>1 << (<u64>rest << 3)) - 1);
    h = rotl<u64>((h ^ w) * 0xbf58476d1ce4e5b9, 29);
  }
  h = (h ^ (h >> 32)) * 0x94d049bb133111eb;
  return <u32>(h ^ (h >> 29));
}

@inline
function same(a: usize, b: usize, len: usize): bool {
  let i: usize = 0;
  while (i + 8 <= len) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  while (i < len) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
    i++;
  }
  return true;
}

function isAscii(p: usize, len: usize): bool {
  let i: usize = 0;
  while (i + 8 <= len) {
    if ((load<u64>(p + i) & 0x8080808080808080) != 0) return false;
    i += 8;
  }
  while (i < len) {
    if ((load<u8>(p + i) & 0x80) != 0) return false;
    i++;
  }
  return true;
}

/** The id of the bytes [p, p + len) in `t` (seeded by `seed`: one per column), added when new. */
function intern(t: Table, p: usize, len: usize, seed: u64): i32 {
  const h = hashBytes(p, len, seed);
  let s = h & t.mask;
  for (;;) {
    const e = load<u32>(t.slots + (<usize>s << 2));
    if (e == 0) break;
    const id = e - 1;
    const o = <usize>id << 2;
    if (load<u32>(t.hash + o) == h && <usize>load<u32>(t.len + o) == len && same(t.arena + <usize>load<u32>(t.off + o), p, len)) return <i32>id;
    s = (s + 1) & t.mask;
  }
  if (t.count == t.cap) {
    const cap = t.cap == 0 ? 4096 : t.cap << 1;
    t.off = grow(t.off, <usize>t.cap << 2, <usize>cap << 2);
    t.len = grow(t.len, <usize>t.cap << 2, <usize>cap << 2);
    t.hash = grow(t.hash, <usize>t.cap << 2, <usize>cap << 2);
    t.cap = cap;
  }
  if (t.arenaLen + len + PAD > t.arenaCap) {
    let cap = t.arenaCap == 0 ? <usize>65536 : t.arenaCap << 1;
    while (cap < t.arenaLen + len + PAD) cap <<= 1;
    t.arena = grow(t.arena, t.arenaLen, cap);
    t.arenaCap = cap;
  }
  memory.copy(t.arena + t.arenaLen, p, len);
  if (t.ascii != 0 && !isAscii(p, len)) t.ascii = 0;
  const id = t.count++;
  const o = <usize>id << 2;
  store<u32>(t.off + o, <u32>t.arenaLen);
  store<u32>(t.len + o, <u32>len);
  store<u32>(t.hash + o, h);
  t.arenaLen += len;
  store<u32>(t.slots + (<usize>s << 2), id + 1);
  if (<u32>t.count * 2 > t.mask) rehash(t);
  return id;
}

/**
 * Starts a new input: `d` the delimiter byte, `stopByte` a byte whose rows JavaScript handles,
 * `commentByte` a first byte whose rows it handles (0: none), and rows longer than `rowBytes`.
 */
export function init(d: u8, stopByte: u8, commentByte: u8, rowBytes: u32): void {
  delim = d;
  stop = stopByte;
  useStop = stopByte != 0;
  comment = commentByte;
  useComment = commentByte != 0;
  maxRowBytes = <usize>rowBytes;
  if (outPtr == 0) {
    outCap = 1 << 16;
    outPtr = heap.alloc(outCap << 2);
    modes = heap.alloc(<usize>MAX_CELLS);
    lookups = heap.alloc(<usize>MAX_CELLS << 2);
    misses = heap.alloc(<usize>MAX_CELLS << 2);
  }
  memory.fill(modes, KEY, <usize>MAX_CELLS);
  memory.fill(lookups, 0, <usize>MAX_CELLS << 2);
  memory.fill(misses, 0, <usize>MAX_CELLS << 2);
  rowsSeen = 0;
  reset(cellTable);
}

export function setMode(col: i32, mode: u8): void {
  if (col >= 0 && col < MAX_CELLS) store<u8>(modes + <usize>col, mode);
}

/** Room for `n` input bytes; returns where to write them (valid until the next call). */
export function input(n: usize): usize {
  if (n + PAD > inCap) {
    // with room to spare: the next input is as long again plus the part of a row carried over,
    // and a grown buffer is new memory (the stub runtime gives back only the last block)
    const cap = max<usize>(n + PAD, inCap << 1);
    inPtr = grow(inPtr, inCap, cap);
    inCap = cap;
  }
  return inPtr;
}

export function output(): usize {
  return outPtr;
}
export function rawBuffer(): usize {
  return rawPtr;
}
export function timesBuffer(): usize {
  return timesPtr;
}
export function entries(): i32 {
  return cellTable.count;
}
export function entryOffsets(): usize {
  return cellTable.off;
}
export function entryLengths(): usize {
  return cellTable.len;
}
export function arena(): usize {
  return cellTable.arena;
}
/** 1 while every cell entry added since the last scan is ASCII */
export function entriesAscii(): i32 {
  return cellTable.ascii;
}

function copyRaw(p: usize, len: usize): i32 {
  if (<usize>rawLen + len + PAD > rawCap) {
    let cap = rawCap == 0 ? <usize>65536 : rawCap << 1;
    while (cap < <usize>rawLen + len + PAD) cap <<= 1;
    rawPtr = grow(rawPtr, <usize>rawLen, cap);
    rawCap = cap;
  }
  memory.copy(rawPtr + <usize>rawLen, p, len);
  if (rawAscii != 0 && !isAscii(p, len)) rawAscii = 0;
  rawLen += <i32>len;
  rawCells++;
  return -2 - <i32>len;
}

/** Two decimal digits at p, or -1. */
@inline
function two(p: usize): i32 {
  const a = <i32>load<u8>(p) - 48;
  const b = <i32>load<u8>(p + 1) - 48;
  return <u32>a > 9 || <u32>b > 9 ? -1 : a * 10 + b;
}

function daysIn(y: i32, m: i32): i32 {
  if (m == 2) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (y >= 1). */
function daysFromCivil(y: i32, m: i32, d: i32): i64 {
  if (m <= 2) y--;
  const era = y / 400;
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = (153 * mp + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return <i64>era * 146097 + <i64>doe - 719468;
}

/** Set by readTime: 1 when the timestamp had a zone. */
let zoned: i32 = 0;

/**
 * The timestamp in [p, p + len) in ms since the epoch, UTC (no zone: read as UTC), for the
 * common shape only; NaN for anything else (JavaScript reads it, as it reads text).
 */
function readTime(p: usize, len: usize): f64 {
  if (len < 19 || load<u8>(p + 4) != 45 || load<u8>(p + 7) != 45) return NaN;
  const sep = load<u8>(p + 10);
  if ((sep != 84 && sep != 32) || load<u8>(p + 13) != 58 || load<u8>(p + 16) != 58) return NaN;
  const y1 = two(p);
  const y2 = two(p + 2);
  const mo = two(p + 5);
  const d = two(p + 8);
  const h = two(p + 11);
  const mi = two(p + 14);
  const s = two(p + 17);
  if ((y1 | y2 | mo | d | h | mi | s) < 0) return NaN;
  const y = y1 * 100 + y2;
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 60) return NaN;
  let i: usize = 19;
  let ms: i32 = 0;
  if (i < len && load<u8>(p + i) == 46) {
    // exactly three fraction digits
    if (len < 23) return NaN;
    const a = <i32>load<u8>(p + 20) - 48;
    const bc = two(p + 21);
    if (<u32>a > 9 || bc < 0) return NaN;
    ms = a * 100 + bc;
    i = 23;
    if (i < len && <u32>(<i32>load<u8>(p + i) - 48) <= 9) return NaN;
  }
  let offset: i32 = 0;
  zoned = 0;
  if (i < len) {
    const z = load<u8>(p + i);
    if ((z == 90 || z == 122) && i + 1 == len) zoned = 1;
    else if ((z == 43 || z == 45) && i + 6 == len && load<u8>(p + i + 3) == 58) {
      const oh = two(p + i + 1);
      const om = two(p + i + 4);
      if (oh < 0 || om < 0) return NaN;
      offset = (z == 45 ? -1 : 1) * (oh * 60 + om);
      zoned = 1;
    } else return NaN;
  }
  return <f64>daysFromCivil(y, mo, d) * 86400000 + <f64>(h * 3600000 + mi * 60000 + s * 1000 + ms) - <f64>offset * 60000;
}

/**
 * Epoch seconds in [p, p + len), `\d{9,11}(\.\d{1,6})?`, as the double Number() reads from the
 * text: N / 1e6 with N the whole microseconds (exact below 2^53), one correctly rounded division
 * of the same real number. NaN for any other text.
 */
function readEpoch(p: usize, len: usize): f64 {
  let i: usize = 0;
  let whole: u64 = 0;
  while (i < len) {
    const d = <i32>load<u8>(p + i) - 48;
    if (<u32>d > 9) break;
    whole = whole * 10 + <u64>d;
    i++;
  }
  if (i < 9 || i > 11) return NaN;
  let frac: u64 = 0;
  let digits: i32 = 0;
  if (i < len) {
    if (load<u8>(p + i) != 46) return NaN;
    i++;
    while (i < len) {
      const d = <i32>load<u8>(p + i) - 48;
      if (<u32>d > 9 || digits == 6) return NaN;
      frac = frac * 10 + <u64>d;
      digits++;
      i++;
    }
    if (digits == 0) return NaN;
  }
  for (let k = digits; k < 6; k++) frac *= 10;
  const micros = whole * 1000000 + frac;
  if (micros >= (<u64>1 << 53)) return NaN;
  zoned = 0;
  return <f64>micros / 1000000.0;
}

/** Appends a timestamp to the times buffer; returns its cell value. */
function keepTime(t: f64): i32 {
  if (timesLen == timesCap) {
    const cap = timesCap == 0 ? 4096 : timesCap << 1;
    timesPtr = grow(timesPtr, <usize>timesCap << 3, <usize>cap << 3);
    timesCap = cap;
  }
  store<f64>(timesPtr + (<usize>timesLen << 3), t);
  return TIME_TAG + ((timesLen++) << 1) + zoned;
}

/** The next delimiter, line feed or stop byte at or after p; e when there is none before e. */
@inline
function special(p: usize, e: usize): usize {
  const vd = i8x16.splat(<i8>delim);
  const vl = i8x16.splat(<i8>LF);
  const vs = i8x16.splat(<i8>(useStop ? stop : LF));
  while (p + 16 <= e) {
    const v = v128.load(p);
    const m = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, vd), i8x16.eq(v, vl)), i8x16.eq(v, vs)));
    if (m != 0) return p + <usize>ctz(m);
    p += 16;
  }
  while (p < e) {
    const c = load<u8>(p);
    if (c == delim || c == LF || (useStop && c == stop)) return p;
    p++;
  }
  return e;
}

/** KEY columns that got a new value in more than half of 4096+ rows become RAW. */
function adapt(): void {
  for (let c = 0; c < MAX_CELLS; c++) {
    const l = load<u32>(lookups + (<usize>c << 2));
    if (l >= 4096 && load<u32>(misses + (<usize>c << 2)) * 2 > l && load<u8>(modes + <usize>c) == KEY) store<u8>(modes + <usize>c, RAW);
  }
}

/**
 * Cuts whole rows from input[pos, end), at most `maxRows`; returns the position after the last
 * row handled. `last`: input[pos, end) is the end of the input (its last row needs no line end).
 */
export function scan(pos: usize, end: usize, last: bool, maxRows: i32): usize {
  outLen = 0;
  outRows = 0;
  rawLen = 0;
  rawCells = 0;
  rawAscii = 1;
  timesLen = 0;
  cellTable.ascii = 1;
  const base = inPtr;
  let p = base + pos;
  const e = base + end;
  for (;;) {
    const rowStart = p;
    if (outRows >= maxRows || <usize>outLen + <usize>MAX_CELLS + 2 > outCap) {
      status = 1;
      return rowStart - base;
    }
    if (p >= e) {
      status = 0;
      return rowStart - base;
    }
    if (useComment && load<u8>(p) == comment) {
      status = 2;
      return rowStart - base;
    }
    const head = outLen;
    let o = outPtr + (<usize>(head + 2) << 2);
    let cells: i32 = 0;
    let firstLen: usize = 0;
    for (;;) {
      const cellStart = p;
      p = special(p, e);
      let c: u8 = LF;
      if (p >= e) {
        if (!last) {
          status = 0;
          return rowStart - base;
        }
      } else c = load<u8>(p);
      if ((useStop && c == stop) || cells == MAX_CELLS) {
        status = 2;
        return rowStart - base;
      }
      let cellEnd = p;
      if (c == LF && cellEnd > cellStart && load<u8>(cellEnd - 1) == CR) cellEnd--;
      const len = cellEnd - cellStart;
      if (cells == 0) firstLen = len;
      const mode = load<u8>(modes + <usize>cells);
      let v: i32;
      if (mode == KEY) {
        const before = cellTable.count;
        v = intern(cellTable, cellStart, len, <u64>cells);
        const lo = <usize>cells << 2;
        store<u32>(lookups + lo, load<u32>(lookups + lo) + 1);
        if (cellTable.count > before) store<u32>(misses + lo, load<u32>(misses + lo) + 1);
      } else if (mode == SKIP) {
        v = -1;
      } else if (mode == TIME || mode == EPOCH) {
        const t = mode == TIME ? readTime(cellStart, len) : readEpoch(cellStart, len);
        v = isNaN(t) ? copyRaw(cellStart, len) : keepTime(t);
      } else {
        v = copyRaw(cellStart, len);
      }
      store<i32>(o, v);
      o += 4;
      cells++;
      p++;
      if (c == LF) break;
    }
    if (p > e) p = e;
    if (p - rowStart > maxRowBytes) {
      status = 2;
      return rowStart - base;
    }
    // a line with nothing on it is no row: cells 0
    if (cells == 1 && firstLen == 0) cells = 0;
    store<i32>(outPtr + (<usize>head << 2), cells);
    store<i32>(outPtr + (<usize>(head + 1) << 2), <i32>(rowStart - base));
    outLen = head + 2 + cells;
    outRows++;
    if ((++rowsSeen & 4095) == 0) adapt();
  }
  return 0;
}

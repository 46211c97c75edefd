import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rng } from '../../detect/scenarios/rng';
import { parseIsoTime } from '../time';
import { CELL_EPOCH, CELL_KEY, CELL_RAW, CELL_SKIP, CELL_TIME, RowsWasm, SCAN_FULL, SCAN_MORE, SCAN_NEEDS_JS, TIME_TAG, type CellMode } from './rows';

const enc = new TextEncoder();

interface Cut {
  rows: (string | null)[][];
  /** the ids of the KEY cells, row by row (null for others) */
  ids: (number | null)[][];
  next: number;
  status: number;
}

/** Loads `text` and scans it once; cells as strings (null for SKIP), ids for KEY cells. */
function cut(text: string | Uint8Array, opts: { last?: boolean; modes?: CellMode[]; maxRows?: number; rows?: RowsWasm; pos?: number } = {}): Cut {
  const rows = opts.rows ?? (RowsWasm.create(44, 34) as RowsWasm);
  opts.modes?.forEach((m, i) => rows.setMode(i, m));
  const bytes = typeof text === 'string' ? enc.encode(text) : text;
  const n = rows.load([bytes]);
  const { next, status } = rows.scan(opts.pos ?? 0, n, opts.last ?? false, opts.maxRows ?? 1 << 30);
  const out: Cut = { rows: [], ids: [], next, status };
  let k = 0;
  for (let r = 0; r < rows.rows; r++) {
    const count = rows.out[k] as number;
    k += 2;
    const cells: (string | null)[] = [];
    const ids: (number | null)[] = [];
    for (let c = 0; c < count; c++) {
      const v = rows.out[k++] as number;
      cells.push(v >= 0 ? (rows.values[v] as string) : v === -1 ? null : rows.nextRaw(-v - 2));
      ids.push(v >= 0 ? v : null);
    }
    out.rows.push(cells);
    out.ids.push(ids);
  }
  return out;
}

describe('the WebAssembly row cutter', () => {
  it('cuts rows into cells, one id per distinct value of a column', () => {
    const c = cut('a,b,c\nx,b,a\r\nx,,a\n');
    expect(c.rows).toEqual([['a', 'b', 'c'], ['x', 'b', 'a'], ['x', '', 'a']]);
    expect(c.status).toBe(SCAN_MORE);
    expect(c.next).toBe(enc.encode('a,b,c\nx,b,a\r\nx,,a\n').length);
    const [r0, r1, r2] = c.ids as number[][];
    expect(r1?.[1]).toBe(r0?.[1]); // 'b' twice in column 1
    expect(r2?.[0]).toBe(r1?.[0]); // 'x' twice in column 0
    expect(r1?.[2]).not.toBe(r0?.[0]); // 'a' in another column is another entry
    expect(r2?.[2]).toBe(r1?.[2]);
  });

  it('leaves an incomplete last row for later, unless the input ends there', () => {
    const more = cut('a,b\nc,d');
    expect(more.rows).toEqual([['a', 'b']]);
    expect([more.status, more.next]).toEqual([SCAN_MORE, 4]);
    const last = cut('a,b\nc,d', { last: true });
    expect(last.rows).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('gives an empty line as a row of no cells, so lines still count', () => {
    expect(cut('a\n\n\r\nb\n').rows).toEqual([['a'], [], [], ['b']]);
    expect(cut('a\n\n', { modes: [CELL_SKIP] }).rows).toEqual([[null], []]);
  });

  it('copies RAW cells (any bytes) and skips SKIP cells', () => {
    const c = cut('2024-01-01T00:00:00Z,ä€𝄞,skip me,k\n2024-01-01T00:00:01Z,ä€𝄞,,k\n', { modes: [CELL_RAW, CELL_RAW, CELL_SKIP, CELL_KEY] });
    expect(c.rows).toEqual([
      ['2024-01-01T00:00:00Z', 'ä€𝄞', null, 'k'],
      ['2024-01-01T00:00:01Z', 'ä€𝄞', null, 'k'],
    ]);
    expect(c.ids.map((r) => r.map((v) => v !== null))).toEqual([
      [false, false, false, true],
      [false, false, false, true],
    ]);
  });

  it('decodes non-ASCII and invalid UTF-8 in a value as TextDecoder does', () => {
    const bytes = Uint8Array.from([0x61, 0xc3, 0xa4, 0x2c, 0xff, 0x62, 0x2c, 0xe2, 0x82, 0x0a]);
    const c = cut(bytes);
    expect(c.rows).toEqual([new TextDecoder().decode(bytes).replace(/\n$/, '').split(',')]);
  });

  it('stops before a row with a quote, or with more than 256 cells, for JavaScript to cut', () => {
    const q = cut('a,b\nc,"d,e"\nf,g\n');
    expect(q.rows).toEqual([['a', 'b']]);
    expect([q.status, q.next]).toEqual([SCAN_NEEDS_JS, 4]);
    const wide = `${Array.from({ length: 300 }, (_, i) => i).join(',')}\n`;
    const w = cut(`a\n${wide}`);
    expect(w.rows).toEqual([['a']]);
    expect([w.status, w.next]).toEqual([SCAN_NEEDS_JS, 2]);
    const ok = `${Array.from({ length: 256 }, (_, i) => i).join(',')}\n`;
    expect(cut(ok).rows[0]).toHaveLength(256);
  });

  it('leaves lines starting with the comment byte, and lines over maxRowBytes, to JavaScript', () => {
    const rows = RowsWasm.create(9, 0, 35, 10) as RowsWasm;
    const c = cut('a\tb\n#fields\tx\n', { rows });
    expect([c.rows, c.status, c.next]).toEqual([[['a', 'b']], SCAN_NEEDS_JS, 4]);
    const long = cut('a\tb\n0123456789ab\n', { rows: RowsWasm.create(9, 0, 35, 10) as RowsWasm });
    expect([long.rows, long.status, long.next]).toEqual([[['a', 'b']], SCAN_NEEDS_JS, 4]);
    const quote = cut('"a"\tb\n', { rows: RowsWasm.create(9, 0, 35, 10) as RowsWasm });
    expect(quote.rows).toEqual([['"a"', 'b']]); // no stop byte: quotes are text
  });

  it('gives each row its offset in the input', () => {
    const rows = RowsWasm.create(44, 34) as RowsWasm;
    const n = rows.load([enc.encode('ab,c\n\nd\r\nee\n')]);
    rows.scan(0, n, false, 100);
    const starts: number[] = [];
    for (let k = 0, r = 0; r < rows.rows; r++) {
      starts.push(rows.out[k + 1] as number);
      k += 2 + (rows.out[k] as number);
    }
    expect(starts).toEqual([0, 5, 6, 9]);
  });

  it('cuts at most maxRows, and resumes where it stopped', () => {
    const rows = RowsWasm.create(44, 34) as RowsWasm;
    const first = cut('a\nb\nc\n', { rows, maxRows: 1 });
    expect([first.rows, first.status, first.next]).toEqual([[['a']], SCAN_FULL, 2]);
    const rest = cut('a\nb\nc\n', { rows, pos: first.next });
    expect(rest.rows).toEqual([['b'], ['c']]);
  });

  it('copies a column that gets a new value on most rows instead of interning it', () => {
    const rows = RowsWasm.create(44, 34) as RowsWasm;
    const lines = Array.from({ length: 10_000 }, (_, i) => `id${i},same`).join('\n') + '\n';
    const c = cut(lines, { rows });
    expect(c.rows).toHaveLength(10_000);
    expect(c.rows[9_999]).toEqual(['id9999', 'same']);
    expect(c.ids[9_999]?.[0]).toBeNull(); // copied as RAW by then
    expect(rows.values.length).toBeLessThan(5_000);
  });
});

describe('the bundled module', () => {
  const root = path.resolve(__dirname, '../../..');
  it.skipIf(!existsSync(path.join(root, 'node_modules/assemblyscript')))('is what wasm/rows.ts compiles to (npm run wasm)', async () => {
    const { compileRowsModule, WASM_MODULE } = await import('../../../scripts/build-wasm');
    expect(readFileSync(WASM_MODULE, 'utf8')).toBe(compileRowsModule());
  }, 60_000);

  it('reads TIME cells of the common ISO shape exactly as parseIsoTime does, and copies the rest as text', () => {
    const next = rng(11);
    const one = <T,>(xs: readonly T[]): T => pick(next, xs);
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const texts: string[] = [];
    /** rows the cutter must read itself: valid dates from year 1000 on, in its shape */
    const common = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      if (next() < 0.4) {
        const iso = new Date(Date.UTC(1000, 0, 1) + Math.floor(next() * 9000 * 365.2425 * 86_400_000)).toISOString();
        const text = (next() < 0.5 ? iso.replace('T', ' ') : iso).replace(/Z$/, one(['', 'Z', 'z', '+02:00', '-11:45']));
        common.add(texts.length);
        texts.push(next() < 0.5 ? text.replace(/\.\d+/, '') : text);
        continue;
      }
      const year = one([1970, 2024, 2000, 1900, 2100, 1600, 999, 1000, 9999, 1969, Math.floor(next() * 10_000)]);
      const month = one([1, 2, 3, 4, 6, 9, 11, 12, 0, 13, Math.floor(next() * 14)]);
      const day = one([1, 28, 29, 30, 31, 0, 32, Math.floor(next() * 33)]);
      const [h, m, sec] = [one([0, 12, 23, 24]), one([0, 30, 59, 60]), one([0, 30, 59, 60, 61])];
      const frac = one(['', '.303', '.000', '.999', '.3', '.30', '.3031234', ',303', '.', '.30a']);
      const zone = one(['', '', 'Z', 'z', '+00:00', '-05:30', '+14:00', '+99:99', '+0530', '+05', '+05:3', 'UTC', ' ', 'Zx']);
      const sep = one(['T', ' ', ' ', 'x']);
      let text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${sep}${pad(h, 2)}:${pad(m, 2)}:${pad(sec, 2)}${frac}${zone}`;
      if (next() < 0.05) text = text.slice(0, Math.floor(next() * text.length));
      if (next() < 0.03) text = ' ' + text;
      texts.push(text);
    }
    const rows = RowsWasm.create(9, 34) as RowsWasm; // tab-separated: the shapes hold commas
    rows.setMode(0, CELL_TIME);
    rows.setMode(1, CELL_RAW);
    const n = rows.load([enc.encode(texts.map((t, i) => `${t}\tr${i}\n`).join(''))]);
    let pos = 0;
    let seen = 0;
    let read = 0;
    while (pos < n) {
      const { next: after } = rows.scan(pos, n, true, 1 << 30);
      pos = after;
      let k = 0;
      for (let r = 0; r < rows.rows; r++, seen++) {
        k += 2;
        const v = rows.out[k] as number;
        const text = texts[seen] as string;
        const expected = parseIsoTime(text);
        if (common.has(seen)) expect(v, text).toBeGreaterThanOrEqual(TIME_TAG);
        if (v >= TIME_TAG) {
          read++;
          expect({ text, ms: rows.times[(v - TIME_TAG) >> 1], zoned: (v & 1) === 1 }).toEqual({ text, ...expected });
        } else {
          expect(v).toBeLessThanOrEqual(-2);
          expect(rows.nextRaw(-v - 2)).toBe(text);
        }
        expect(rows.nextRaw(-(rows.out[k + 1] as number) - 2)).toBe(`r${seen}`);
        k += 2;
      }
    }
    expect(seen).toBe(texts.length);
    // most of the well-formed shapes are read by the cutter; every other shape went to text
    expect(read).toBeGreaterThan(common.size);
    expect(read).toBeLessThan(texts.length);
  });

  it('reads EPOCH cells as the seconds Number() reads from the text, and copies the rest as text', () => {
    const next = rng(12);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
    const texts: string[] = ['9007199254.740991', '9007199254.740992', '9007199254.740993', '99999999999.999999', '100000000', '1709510401.', '.5', ''];
    for (let i = 0; i < 20_000; i++) {
      const whole = String(1 + Math.floor(next() * 9)) + digits(7 + Math.floor(next() * 5)); // 8 to 12 digits
      const frac = next() < 0.2 ? '' : '.' + digits(Math.floor(next() * 9));
      let text = whole + frac;
      if (next() < 0.05) text = pick(next, [' ', '-', 'x', '+']) + text;
      if (next() < 0.05) text += pick(next, [' ', 'e3', 'Z', '.1']);
      texts.push(text);
    }
    const rows = RowsWasm.create(9, 34) as RowsWasm;
    rows.setMode(0, CELL_EPOCH);
    rows.setMode(1, CELL_RAW);
    const n = rows.load([enc.encode(texts.map((t, i) => `${t}\tr${i}\n`).join(''))]);
    let read = 0;
    let seen = 0;
    for (let pos = 0; pos < n; ) {
      pos = rows.scan(pos, n, true, 1 << 30).next;
      let k = 0;
      for (let i = 0; i < rows.rows; i++) {
        const r = seen++;
        k += 2;
        const v = rows.out[k] as number;
        const text = texts[r] as string;
        const plain = /^\d{9,11}(\.\d{1,6})?$/.test(text) && Number(text.replace('.', '')) * 10 ** (6 - (text.split('.')[1]?.length ?? 0)) < 2 ** 53;
        if (v >= TIME_TAG) {
          read++;
          expect({ text, seconds: rows.times[(v - TIME_TAG) >> 1] }).toEqual({ text, seconds: Number(text) });
        } else {
          expect(rows.nextRaw(-v - 2)).toBe(text);
        }
        expect(v >= TIME_TAG, text).toBe(plain);
        expect(rows.nextRaw(-(rows.out[k + 1] as number) - 2)).toBe(`r${r}`);
        k += 2;
      }
    }
    expect(seen).toBe(texts.length);
    expect(read).toBeGreaterThan(4000);
  });
});

function pick<T>(next: () => number, xs: readonly T[]): T {
  return xs[Math.floor(next() * xs.length)] as T;
}

import { describe, expect, it } from 'vitest';
import { concatBytes } from '../bytes';
import { rng } from '../detect/scenarios/rng';
import { CsvBytes } from './csv-bytes';
import { CsvFramer } from './csv-framer';
import { CELL_KEY, CELL_RAW, CELL_SKIP, type CellMode } from './wasm/rows';

const enc = new TextEncoder();
const CELLS = ['alpha', '', 'b', 'www.example.com', 'C:\\Program Files\\x.exe', 'é€𝄞', '"q,uo""ted"', '"multi\nline\r\ncell"', 'a"b', '"sp" ', '12345', '2024-03-04 00:00:01.303', ' pad '];
/** Byte soup that is not valid UTF-8, spliced into some cells. */
const BAD = [Uint8Array.of(0xff), Uint8Array.of(0xc3), Uint8Array.of(0xe2, 0x82), Uint8Array.of(0xed, 0xa0, 0x80)];

/** A CSV of `rows` rows of `cols` cells (some malformed: wrong width, stray quotes, bad bytes, empty lines). */
function makeCsv(r: () => number, rows: number, cols: number): Uint8Array {
  const parts: Uint8Array[] = [enc.encode(Array.from({ length: cols }, (_, i) => `col${i}`).join(',') + '\n')];
  for (let i = 0; i < rows; i++) {
    const x = r();
    if (x < 0.03) {
      parts.push(enc.encode(r() < 0.5 ? '\n' : '\r\n'));
      continue;
    }
    const n = x < 0.06 ? cols + 1 : cols;
    const cells: string[] = [];
    for (let c = 0; c < n; c++) cells.push(r() < 0.75 ? (CELLS[Math.floor(r() * 5)] as string) : (CELLS[Math.floor(r() * CELLS.length)] as string));
    const line = cells.join(',') + (r() < 0.2 ? '\r\n' : '\n');
    if (r() < 0.05) {
      const at = Math.floor(r() * line.length);
      parts.push(enc.encode(line.slice(0, at)), BAD[Math.floor(r() * BAD.length)] as Uint8Array, enc.encode(line.slice(at)));
    } else parts.push(enc.encode(line));
  }
  const end = r();
  if (end < 0.4) parts.push(enc.encode('last,"unterminated\nrow,after'));
  else if (end < 0.7) parts.push(enc.encode('no,line,end'));
  return concatBytes(parts);
}

function chunks(r: () => number, bytes: Uint8Array, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let off = 0; off < bytes.length; ) {
    const n = 1 + Math.floor(r() * max);
    out.push(bytes.subarray(off, off + n));
    off += n;
  }
  return out;
}

interface Read {
  rows: [number, string[]][];
  problems: [number, string][];
}

/** What the text path gives: the chunks decoded as the pipeline decodes them, into the framer. */
function viaText(parts: Uint8Array[]): Read {
  const out: Read = { rows: [], problems: [] };
  const framer = new CsvFramer(
    (row, line) => void out.rows.push([line, [...row]]),
    (line, reason) => void out.problems.push([line, reason]),
  );
  const dec = new TextDecoder();
  for (const p of parts) framer.push(dec.decode(p, { stream: true }));
  framer.push(dec.decode());
  framer.end();
  return out;
}

/** The bytes path; after the first row (the header) the columns get `modes`. */
function viaBytes(parts: Uint8Array[], modes: CellMode[]): Read {
  const out: Read = { rows: [], problems: [] };
  let bytes: CsvBytes | null = null;
  const onRow = (row: string[], line: number) => {
    if (out.rows.length === 0) bytes?.configure(modes);
    out.rows.push([line, [...row]]);
  };
  const framer = new CsvFramer(onRow, (line, reason) => void out.problems.push([line, reason]));
  bytes = CsvBytes.create(framer, onRow);
  if (!bytes) throw new Error('no WebAssembly');
  for (const p of parts) bytes.push(p);
  bytes.end();
  return out;
}

describe('CsvBytes', () => {
  it('reads exactly what the text path reads: rows, lines and problems, in any chunking', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const cols = 1 + Math.floor(r() * 6);
      const csv = makeCsv(r, 50 + Math.floor(r() * 400), cols);
      const modes = Array.from({ length: cols }, () => (r() < 0.3 ? CELL_RAW : CELL_KEY));
      const parts = chunks(r, csv, r() < 0.5 ? 64 : 8000);
      const want = viaText(parts);
      expect(viaBytes(parts, modes), `seed ${seed}`).toEqual(want);
    }
  });

  it('gives SKIP columns as empty cells, and a quoted row its real cells', () => {
    const got = viaBytes([enc.encode('a,b,c\n1,2,3\n"4",5,6\n')], [CELL_KEY, CELL_SKIP, CELL_RAW]);
    expect(got.rows).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', '', '3']],
      [3, ['4', '5', '6']],
    ]);
  });

  it('reads a quoted record that spans many chunks, and everything after it', () => {
    const big = 'x'.repeat(50_000);
    const csv = enc.encode(`h1,h2\n1,"${big}\n${big}"\n2,ok\n`);
    const parts = chunks(rng(7), csv, 3000);
    const got = viaBytes(parts, [CELL_KEY, CELL_KEY]);
    expect(got).toEqual(viaText(parts));
    expect(got.rows.map(([line, row]) => [line, row[0], row[1]?.length])).toEqual([
      [1, 'h1', 2],
      [2, '1', 100_001],
      [4, '2', 2],
    ]);
  });

  it('reports a row longer than a record may be, as the text path does, and keeps the rows after it', () => {
    const read = (via: 'text' | 'bytes') => {
      const out: Read = { rows: [], problems: [] };
      const onRow = (row: string[], line: number) => void out.rows.push([line, [...row]]);
      const framer = new CsvFramer(onRow, (line, reason) => void out.problems.push([line, reason]), ',', 1000);
      const csv = enc.encode(`a,b\n1,${'x'.repeat(5000)}\n2,ok\n3,${'é'.repeat(700)}\n4,ok\n`);
      const parts = chunks(rng(11), csv, 700);
      if (via === 'bytes') {
        const bytes = CsvBytes.create(framer, onRow) as CsvBytes;
        for (const p of parts) bytes.push(p);
        bytes.end();
      } else {
        const dec = new TextDecoder();
        for (const p of parts) framer.push(dec.decode(p, { stream: true }));
        framer.end();
      }
      return out;
    };
    for (const via of ['text', 'bytes'] as const) {
      const got = read(via);
      // where the over-long line is cut into "records" depends on the chunks (as on the text path alone)
      expect(got.problems.length, via).toBeGreaterThan(0);
      expect(new Set(got.problems.map(([, reason]) => reason.replace(/ \(.*/, ''))), via).toEqual(new Set(['record longer than 1000 characters']));
      expect(got.problems[0]?.[0], via).toBe(2);
      // 700 two-byte characters are 1400 bytes but fewer characters than the limit: a row
      expect(got.rows.filter(([, row]) => row[1] === 'ok' || row[1] === 'é'.repeat(700)).map(([, row]) => row[0]), via).toEqual(['2', '3', '4']);
    }
  });

  it('hands the rest to the text framer after toText, mid-input', () => {
    const out: [number, string[]][] = [];
    let bytes: CsvBytes | null = null;
    const onRow = (row: string[], line: number) => {
      out.push([line, [...row]]);
      if (row[0] === 'switch') bytes?.toText();
    };
    const framer = new CsvFramer(onRow, () => undefined);
    bytes = CsvBytes.create(framer, onRow) as CsvBytes;
    bytes.configure([CELL_KEY, CELL_KEY]);
    for (const p of chunks(rng(3), enc.encode('a,1\nswitch,2\nb,3\r\nc,"4\n5"\nd,é\n'), 5)) bytes.push(p);
    bytes.end();
    expect(out).toEqual([
      [1, ['a', '1']],
      [2, ['switch', '2']],
      [3, ['b', '3']],
      [4, ['c', '4\n5']],
      [6, ['d', 'é']],
    ]);
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateHunt } from '../../lib/generate/hunt';
import type { HuntFormat } from '../../lib/generate/render-common';
import type { InputSummary } from '../../lib/schema/findings';
import { EventStore } from '../../lib/store/event-store';
import type { SplitRead } from '../../lib/worker/split-ingest';
import { SPLIT_MIN_BYTES } from '../../lib/ingest/split';
import { HASH_THREAD_MIN_BYTES, hashFile, ingestFile, partsFor, readRange } from './split-ingest-node';

const tmp = mkdtempSync(path.join(tmpdir(), 'hunt-split-'));
const encoder = new TextEncoder();

const huntText = new Map<HuntFormat, string>();
function hunt(format: HuntFormat): string {
  let t = huntText.get(format);
  if (t === undefined) {
    t = new TextDecoder().decode(Buffer.concat([...generateHunt({ seed: 11, format, benignRows: 3000 }).bytes]));
    huntText.set(format, t);
  }
  return t;
}

interface Read {
  summary: InputSummary;
  store: EventStore;
  how: { parts: number; outcome: SplitRead['outcome'] } | null;
}

/** Writes `text` to a file and reads it with the CLI's ingest in `parts` parts (worker threads for all but the first). */
async function read(text: string, parts: number): Promise<Read> {
  const file = path.join(mkdtempSync(path.join(tmp, 'f-')), 'hunt.log');
  const bytes = encoder.encode(text);
  writeFileSync(file, bytes);
  const store = new EventStore();
  let how: Read['how'] = null;
  const summary = await ingestFile(file, bytes.length, store, { parts, onRead: (h) => (how = h) });
  expect(summary.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  return { summary, store, how };
}

/** Every row (all fields, its line) and the summary (problems with their lines, digest) as one pass gives them. */
function expectSame(split: Read, whole: Read): void {
  expect(split.summary).toEqual(whole.summary);
  expect(split.store.size).toBe(whole.store.size);
  for (let i = 0; i < whole.store.size; i++) expect(split.store.event(i)).toEqual(whole.store.event(i));
}

/** `text` with `line` inserted before each given fraction of its lines (later fractions first, so indexes hold). */
function insertAt(text: string, fractions: number[], line: (i: number) => string): string {
  const lines = text.split('\n');
  const at = fractions.map((f) => Math.floor(lines.length * f));
  for (let i = at.length - 1; i >= 0; i--) lines.splice(at[i] as number, 0, line(i));
  return lines.join('\n');
}

/** Byte offsets of each line's start in `lines` joined by newlines. */
function lineStarts(lines: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += encoder.encode(l).length + 1;
  }
  return starts;
}

/** A Splunk CSV hunt whose row at `fraction` of the bytes gets a multivalue cell of `values` newline-joined addresses. */
function withMultilineCell(fraction: number, values: number): { text: string; cellStart: number; cellEnd: number } {
  const lines = hunt('splunk-csv').split('\n');
  const cell = `"${Array.from({ length: values }, (_, i) => `::ffff:10.0.${(i >> 8) & 255}.${i & 255}`).join('\n')}"`;
  const cellBytes = encoder.encode(cell).length;
  const starts = lineStarts(lines);
  const total = (starts.at(-1) ?? 0) + cellBytes;
  // the row whose cell straddles `fraction` of the final file
  const target = total * fraction - cellBytes / 2;
  const i = Math.max(1, starts.findIndex((s) => s > target) - 1);
  const row = (lines[i] ?? '').split(',');
  row[2] = cell;
  lines[i] = row.join(',');
  const text = lines.join('\n');
  const cellStart = (lineStarts(lines)[i] ?? 0) + encoder.encode(row.slice(0, 2).join(',')).length + 1;
  return { text, cellStart, cellEnd: cellStart + cellBytes };
}

describe('the CLI reads a large file in parts in worker threads', () => {
  it.each([
    ['splunk-csv', 2],
    ['splunk-csv', 4],
    ['zeek-tsv', 3],
  ] as const)('%s in %i parts: the same rows, lines, problems, summary and sha256 as one pass', async (format, parts) => {
    // a bad row in every part: its line number must come out as the file's own
    const bad = format === 'splunk-csv' ? 'not,a,valid,row' : 'garbage\twithout\tfields';
    const text = insertAt(
      hunt(format),
      Array.from({ length: parts }, (_, k) => (k + 0.5) / parts),
      () => bad,
    );
    const whole = await read(text, 1);
    const split = await read(text, parts);
    expect(whole.how).toEqual({ parts: 1, outcome: 'one pass' });
    expect(split.how).toEqual({ parts, outcome: 'split' });
    expect(whole.summary.skipped).toBe(parts);
    const badLines = text.split('\n').flatMap((l, i) => (l === bad ? [i + 1] : []));
    expect(split.summary.problems.map((p) => p.line)).toEqual(badLines);
    expectSame(split, whole);
  });

  it('counts the lines of a quoted multi-line cell inside a part (the cuts stay between records)', async () => {
    const { text, cellStart, cellEnd } = withMultilineCell(0.5, 3);
    const size = encoder.encode(text).length;
    // three parts cut at 1/3 and 2/3: the cell lies in the middle one
    expect(size / 3 < cellStart && cellEnd < (2 * size) / 3).toBe(true);
    const whole = await read(text, 1);
    const split = await read(text, 3);
    expect(split.how?.outcome).toBe('split');
    expectSame(split, whole);
  });

  it.each([
    ['the first cut', 0.5, 2],
    ['a later cut', 2 / 3, 3],
  ] as const)('reads the file again in one pass when a quoted multi-line CSV cell spans %s', async (_, fraction, parts) => {
    const { text, cellStart, cellEnd } = withMultilineCell(fraction, 20_000);
    const cut = Math.floor(encoder.encode(text).length * fraction);
    expect(cellStart < cut && cut < cellEnd).toBe(true);
    const whole = await read(text, 1);
    const split = await read(text, parts);
    expect(split.how?.outcome).toBe('read again');
    expectSame(split, whole);
  });

  it('reads a Zeek log again in one pass when a new header block starts before a cut, and splits it when the block is in the last part', async () => {
    const base = hunt('zeek-tsv');
    const header = base.split('\n').filter((l) => l.startsWith('#') && !l.startsWith('#close'));
    const withHeader = (fraction: number) => insertAt(base, [fraction], () => header.join('\n'));
    for (const [fraction, parts, outcome] of [
      [0.25, 2, 'read again'], // in the first part (the main thread's guard)
      [0.5, 3, 'read again'], // in the middle part (its worker's guard)
      [0.9, 3, 'split'], // in the last part: the part reads it as one pass would
    ] as const) {
      const text = withHeader(fraction);
      const whole = await read(text, 1);
      const split = await read(text, parts);
      expect(split.how?.outcome).toBe(outcome);
      expectSame(split, whole);
    }
  });

  it('splits a large file into one part per idle core but one, at most 4', () => {
    expect(partsFor(SPLIT_MIN_BYTES - 1, 8, 0)).toBe(1);
    expect(partsFor(SPLIT_MIN_BYTES, 2, 0)).toBe(1); // 2 cores never paid
    expect(partsFor(SPLIT_MIN_BYTES, 4, 0.2)).toBe(3);
    expect(partsFor(SPLIT_MIN_BYTES, 4, 1.2)).toBe(2);
    expect(partsFor(SPLIT_MIN_BYTES, 4, 2.6)).toBe(1);
    expect(partsFor(SPLIT_MIN_BYTES, 16, 1)).toBe(4);
  });

  it('keeps formats without a split in one pass', async () => {
    const text = hunt('sysmon-json');
    const split = await read(text, 2);
    expect(split.how?.outcome).toBe('one pass');
    expectSame(split, await read(text, 1));
  });
});

describe('the digest of a large file', () => {
  it('is worked out by a thread of its own as the file is read, the same as hashing it here', async () => {
    const text = new TextDecoder().decode(Buffer.concat([...generateHunt({ seed: 5, format: 'zeek-tsv', benignRows: 40_000 }).bytes]));
    expect(encoder.encode(text).length).toBeGreaterThan(HASH_THREAD_MIN_BYTES);
    const { summary, store } = await read(text, 1); // read() checks the digest against node:crypto's
    expect(summary.events).toBe(store.size);
    expect(store.size).toBeGreaterThan(40_000);
  });

  it('hashFile hashes a file read here (when the thread failed)', async () => {
    const file = path.join(mkdtempSync(path.join(tmp, 'h-')), 'f.log');
    const bytes = encoder.encode(hunt('splunk-csv'));
    writeFileSync(file, bytes);
    expect(await hashFile(file, bytes.length)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('readRange', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'read-range-'));
  const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31 + (i >> 9)) & 0xff);
  const file = path.join(dir, 'f.bin');
  writeFileSync(file, bytes);

  it('reads the bytes of any range in order, through two buffers taken in turn', async () => {
    for (const [start, end, chunk] of [[0, 100_000, 4096], [17, 99_999, 1000], [5000, 5001, 64], [300, 300, 64], [0, 100_000, 1 << 20]] as const) {
      const out: Buffer[] = [];
      const buffers = new Set<ArrayBufferLike>();
      for await (const c of readRange(file, start, end, chunk)) {
        buffers.add(c.buffer);
        out.push(Buffer.from(c)); // a copy: the chunk's memory is read into again after the next
      }
      expect(Buffer.concat(out).equals(Buffer.from(bytes.subarray(start, end)))).toBe(true);
      expect(buffers.size).toBeLessThanOrEqual(2);
    }
  });

  it('keeps a chunk intact until the next is asked for, while the next is read ahead', async () => {
    let at = 0;
    for await (const c of readRange(file, 0, 100_000, 1000)) {
      const expected = Buffer.from(bytes.subarray(at, at + c.length));
      // the next read runs meanwhile: give it time to land before the chunk is looked at
      await new Promise((r) => setTimeout(r, 2));
      expect(Buffer.from(c).equals(expected)).toBe(true);
      at += c.length;
      if (at > 20_000) break; // stopping early closes the file without an error
    }
    expect(at).toBeGreaterThan(20_000);
  });

  it('fails when the file is shorter than the range (it changed while read)', async () => {
    const read = async () => {
      for await (const c of readRange(file, 99_000, 101_000, 512)) void c;
    };
    await expect(read()).rejects.toThrow(/ended at byte 100000, before 101000/);
  });
});

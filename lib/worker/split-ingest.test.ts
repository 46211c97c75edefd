import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateHunt } from '../generate/hunt';
import type { HuntFormat } from '../generate/render-common';
import { EventStore } from '../store/event-store';
import { IngestQueue } from './ingest-queue';
import { FromWorkerSchema, type FromWorker } from './protocol';
import { readHere } from './read-file-worker';
import { blobSource, ingestPart, type IngestPart } from './split-ingest';

/** A File that counts the reads that start at its first byte (a second one means it was read again in one pass). */
class CountingFile extends File {
  fromStart = 0;
  override slice(start?: number, end?: number, type?: string): Blob {
    if ((start ?? 0) === 0) this.fromStart++;
    return super.slice(start, end, type);
  }
}

const CHUNK = 4096;
const huntBytes = new Map<HuntFormat, Uint8Array>();
function hunt(format: HuntFormat): Uint8Array {
  let b = huntBytes.get(format);
  if (!b) {
    b = Buffer.concat([...generateHunt({ seed: 5, format, benignRows: 1500, chunkBytes: 16 * 1024 }).bytes]);
    huntBytes.set(format, b);
  }
  return b;
}

interface Run {
  done: Extract<FromWorker, { type: 'done' }>;
  messages: FromWorker[];
  store: EventStore;
  file: CountingFile;
  parts: number;
}

/** Reads `bytes` through the ingest queue, with the second half read by `part` (in this thread) when given. */
async function load(bytes: Uint8Array, part: IngestPart | null, now?: () => number, cores = 8): Promise<Run> {
  const store = new EventStore();
  const messages: FromWorker[] = [];
  const file = new CountingFile([bytes as Uint8Array<ArrayBuffer>], 'hunt.log');
  let parts = 0;
  const queue = new IngestQueue(store, (m) => messages.push(FromWorkerSchema.parse(m)), {
    chunkBytes: CHUNK,
    readFile: (f) => readHere(f, CHUNK),
    ...(now ? { now } : {}),
    ...(part
      ? {
          splitMinBytes: 0,
          ingestPart: (f, spec, signal, onProgress) => {
            parts++;
            return part(f, spec, signal, onProgress);
          },
        }
      : {}),
  });
  queue.handle({ type: 'ingest', id: 'f', file, cores });
  await queue.whenIdle();
  const done = messages.find((m): m is Extract<FromWorker, { type: 'done' }> => m.type === 'done');
  if (!done) throw new Error(`no done message: ${JSON.stringify(messages.at(-1))}`);
  return { done, messages, store, file, parts };
}

const inThread: IngestPart = (file, spec, signal, onProgress) => ingestPart(blobSource(file, CHUNK), spec, signal, onProgress);

/** Same rows (every field and line), same summary: the split must not be visible in the result. */
function expectSameHunt(split: Run, whole: Run): void {
  expect(split.done.summary).toEqual(whole.done.summary);
  expect(split.store.size).toBe(whole.store.size);
  for (let i = 0; i < whole.store.size; i++) expect(split.store.event(i)).toEqual(whole.store.event(i));
}

describe('a large file read as two parts in two workers', () => {
  it.each(['splunk-csv', 'zeek-tsv'] as const)('%s: the same rows, lines, problems and summary as one pass, with the file read once from the start', async (format) => {
    // a bad row in each half: its line number must come out right from the second part too
    const text = new TextDecoder().decode(hunt(format));
    const lines = text.split('\n');
    const bad = format === 'splunk-csv' ? 'not,a,valid,row' : 'garbage\twithout\tfields';
    lines.splice(Math.floor(lines.length * 0.3), 0, bad);
    lines.splice(Math.floor(lines.length * 0.8), 0, bad);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const whole = await load(bytes, null);
    const split = await load(bytes, inThread);
    expect(split.parts).toBe(1);
    expect(split.file.fromStart).toBe(1);
    expect(whole.done.summary.skipped).toBe(2);
    expect(whole.done.summary.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expectSameHunt(split, whole);
  });

  it('reads the file again in one pass when the middle falls inside a quoted CSV cell with newlines', async () => {
    const text = new TextDecoder().decode(hunt('splunk-csv'));
    const lines = text.split('\n');
    const mid = Math.floor(lines.length / 2);
    // a multivalue cell (newline-joined) spanning the middle of the file
    const row = (lines[mid] ?? '').split(',');
    row[2] = `"${Array.from({ length: 20_000 }, (_, i) => `::ffff:10.0.${(i >> 8) & 255}.${i & 255}`).join('\n')}"`;
    lines[mid] = row.join(',');
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const middle = Math.floor(bytes.length / 2);
    const cellStart = new TextEncoder().encode(lines.slice(0, mid).join('\n')).length;
    expect(cellStart < middle && middle < cellStart + 20_000 * 14).toBe(true);
    const whole = await load(bytes, null);
    const split = await load(bytes, inThread);
    expect(split.parts).toBe(1);
    expect(split.file.fromStart).toBe(2);
    expectSameHunt(split, whole);
  });

  it('reads the file again in one pass when a new Zeek header block starts in the first half, and not when it is in the second', async () => {
    const text = new TextDecoder().decode(hunt('zeek-tsv'));
    const lines = text.split('\n');
    const header = lines.filter((l) => l.startsWith('#') && !l.startsWith('#close'));
    for (const [at, reads] of [[0.25, 2], [0.75, 1]] as const) {
      const copy = [...lines];
      copy.splice(Math.floor(copy.length * at), 0, ...header);
      const bytes = new TextEncoder().encode(copy.join('\n'));
      const whole = await load(bytes, null);
      const split = await load(bytes, inThread);
      expect(split.file.fromStart).toBe(reads);
      expectSameHunt(split, whole);
    }
  });

  it('reads the file again in one pass when the part worker fails, and counts the second part in progress while it runs', async () => {
    const bytes = hunt('zeek-tsv');
    const whole = await load(bytes, null);
    const failed = await load(bytes, () => Promise.reject(new Error('part worker crashed')));
    expect(failed.file.fromStart).toBe(2);
    expectSameHunt(failed, whole);

    let clock = 0;
    const progressing = await load(
      bytes,
      (file, spec, signal, onProgress) => {
        onProgress({ events: 123_456, skipped: 0 });
        return inThread(file, spec, signal, () => undefined);
      },
      () => (clock += 10_000),
    );
    const progress = progressing.messages.filter((m) => m.type === 'progress');
    expect(progress.some((m) => m.type === 'progress' && m.events >= 123_456)).toBe(true);
  });

  it('keeps formats without a split, and machines with fewer than 4 cores, in one pass', async () => {
    const json = hunt('sysmon-json');
    const split = await load(json, inThread);
    expect(split.parts).toBe(0);
    expectSameHunt(split, await load(json, null));
    const twoCores = await load(hunt('zeek-tsv'), inThread, undefined, 2);
    expect(twoCores.parts).toBe(0);
    expect(twoCores.file.fromStart).toBe(1);
  });
});

/**
 * The CLI's ingest of one file on disk (scripts/hunt.ts and the bench's Node hunt): the library's
 * pipeline, and for a large Splunk CSV or Zeek TSV file the browser's split (lib/ingest/split.ts,
 * lib/worker/split-ingest.ts) with worker threads: the main thread reads the first part and
 * the whole file's bytes go by it to be hashed (by a thread of their own from 8 MiB, see
 * hash-thread.ts) while each other part is read by a worker thread of its own (part-worker.ts)
 * and its rows come back as a store snapshot (buffers transferred), absorbed in file order. When
 * a cut is unsafe (a quoted CSV cell with newlines across it, a new Zeek header block before it,
 * differing time bases, a failed part) the file is read again in one pass.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { hashInThread, type ThreadHash } from './hash-thread';
import type { IngestProgress } from '../../lib/ingest/ingest';
import { SPLIT_MIN_BYTES } from '../../lib/ingest/split';
import type { InputSummary } from '../../lib/schema/findings';
import type { EventStore } from '../../lib/store/event-store';
import { askPart, ingestSplit, PartSpecSchema, SplitRead, type PartSource, type ReadPart } from '../../lib/worker/split-ingest';

/**
 * Bytes per read of the file, into two buffers per pass taken in turn (see {@link readRange}).
 */
export const CLI_READ_BYTES = 1024 * 1024;
/** Bytes of a pass's first read. */
const FIRST_READ_BYTES = 64 * 1024;
/** At most this many parts (the main thread's and the workers'). */
export const CLI_MAX_PARTS = 4;

/** What the main thread asks a part worker: the part, and the file it is part of. */
export const NodePartRequestSchema = PartSpecSchema.extend({
  path: z.string().min(1).max(4096),
  size: z.number().int().nonnegative(),
  name: z.string().max(4096),
});

/**
 * Bytes [start, end) of `file`, read `chunkBytes` at a time into two buffers taken in turn: each
 * chunk is a view of one, valid until the next is asked for (what ingest() reads a source by),
 * and while it is parsed the next is read into the other. A file stream hands over new memory per
 * read, and first touching new memory is expensive: reading the 288 MB CSV of the bench took
 * 566 ms and 12.5 thousand page faults with 64 KiB file-stream reads, against 90–98 ms and
 * 1 thousand into one reused 1 MiB buffer (this machine). Reading ahead: without it the parse
 * waited 258–264 ms in all for its reads of that file.
 */
export async function* readRange(file: string, start: number, end: number, chunkBytes = CLI_READ_BYTES): AsyncGenerator<Uint8Array> {
  if (end <= start) return;
  const handle = await open(file, 'r');
  const size = Math.min(chunkBytes, end - start);
  let [free, held] = [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
  let pending: Promise<{ bytesRead: number }> | null = null;
  // the first read is short: the format is known from it, before the first cut of a split file
  let at = start;
  const readNext = (want: number) => {
    const read = handle.read(free, 0, Math.min(want, size, end - at), at).then(({ bytesRead }) => {
      if (bytesRead === 0) throw new Error(`${file} ended at byte ${at}, before ${end} (changed while read?)`);
      at += bytesRead;
      return { bytesRead };
    });
    // a failed read is reported when its chunk is asked for, not as an unhandled rejection before
    read.catch(() => undefined);
    [free, held] = [held, free];
    return read;
  };
  try {
    pending = readNext(FIRST_READ_BYTES);
    while (pending) {
      const { bytesRead } = await pending;
      const chunk = held.subarray(0, bytesRead);
      pending = at < end ? readNext(size) : null;
      yield chunk;
    }
  } finally {
    // a read still running when the consumer stops: let it end before the handle is closed
    await pending?.catch(() => undefined);
    await handle.close();
  }
}

/** A file on disk as a part's source. */
export function fileSource(file: string, size: number, name: string, chunkBytes = CLI_READ_BYTES): PartSource {
  return { name, size, read: (start, end) => readRange(file, start, end, chunkBytes) };
}

const PART_WORKER = new URL('./part-worker.mjs', import.meta.url);

/** Reads parts of `file` in worker threads, one each. */
export function partInThread(file: string, size: number, name: string): ReadPart {
  return (spec, signal, onProgress) =>
    askPart(
      () => {
        // no inherited flags: the parent's V8 options are not allowed in a worker, its tsx loader not passed on
        const worker = new Worker(PART_WORKER, { execArgv: [], name: 'dns-hunt-part' });
        return {
          post: (request) => worker.postMessage(request),
          listen: (onMessage, onError) => {
            worker.on('message', onMessage);
            worker.on('error', (e) => onError(e.message));
            worker.on('exit', (code) => onError(`the part worker exited with code ${code}`));
          },
          terminate: () => void worker.terminate(),
        };
      },
      { ...spec, path: file, size, name },
      signal,
      onProgress,
    );
}

/**
 * How many parts a file of `size` bytes is read in (1: one pass): the idle cores (`cores` less the
 * 1-minute `load` average, rounded) less one, at most {@link CLI_MAX_PARTS}. A split costs a
 * worker's start-up (~1 s of CPU with tsx), its own JIT and GC threads and the merge (1M-row CSV:
 * 8.0–9.9 s of process CPU in two parts against 5.4–6.0 s in one pass), so on a 2-core machine it
 * never paid: in two parts the 1M-row CSV ingest took 4.4–6.5 s at a load of 1.5–3.4 against
 * 4.3 s in one pass, 6.6–8.0 s at a load of 5–8 against 3.7–5.0 s. Hence a spare core on top.
 */
export function partsFor(size: number, cores: number = availableParallelism(), load: number = loadavg()[0] ?? 0): number {
  if (size < SPLIT_MIN_BYTES) return 1;
  return Math.max(1, Math.min(CLI_MAX_PARTS, cores - 1, Math.round(cores - load) - 1));
}

/**
 * The `--parts N` / `--no-split` flags (the CLI's and the bench's) as a number of parts:
 * undefined when neither is given (the default applies), an Error when N is not 1…16.
 */
export function partsOption(flags: { parts?: string | undefined; 'no-split'?: boolean | undefined }): number | undefined | Error {
  if (flags['no-split']) return 1;
  if (flags.parts === undefined) return undefined;
  const parts = Number(flags.parts);
  return Number.isInteger(parts) && parts >= 1 && parts <= 16 ? parts : new Error('--parts must be a whole number from 1 to 16');
}

export interface FileIngestOptions {
  /** the input's name (default: the file's base name) */
  name?: string;
  onProgress?: (p: IngestProgress) => void;
  /** parts to read the file in, 1 for one pass (default {@link partsFor} the file's size) */
  parts?: number;
  /** how the file was read: in parts, in one pass, or again in one pass after an unsafe cut */
  onRead?: (how: { parts: number; outcome: SplitRead['outcome'] }) => void;
}

/**
 * Reads `file` (`size` bytes) into `store` as one input, split when it pays (see the module
 * comment); the summary's sha256 is the digest of the whole file's bytes as the main thread read
 * them, worked out by a thread of its own for a file of {@link HASH_THREAD_MIN_BYTES} or more.
 */
export async function ingestFile(file: string, size: number, store: EventStore, opts: FileIngestOptions = {}): Promise<InputSummary> {
  const name = opts.name ?? path.basename(file);
  const parts = opts.parts ?? partsFor(size);
  const split = parts >= 2 ? new SplitRead(size, partInThread(file, size, name), parts) : null;
  const whole = () => fileSource(file, size, name).read(0, size);
  const digest = size >= HASH_THREAD_MIN_BYTES ? hashInThread() : hashHere();
  async function* hashed(): AsyncGenerator<Uint8Array> {
    for await (const bytes of whole()) {
      digest.update(bytes);
      yield bytes;
    }
  }
  let summary: InputSummary;
  try {
    summary = await ingestSplit(hashed(), store, { name, totalBytes: size, hasher: null, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) }, split, whole);
  } catch (e) {
    digest.abort();
    throw e;
  }
  opts.onRead?.({ parts, outcome: split?.outcome ?? 'one pass' });
  // the hashing thread failed: the file is hashed again here
  const sha256 = (await digest.digest()) ?? (await hashFile(file, size));
  return { ...summary, sha256 };
}

/** Files from this size on are hashed by a thread of their own ({@link hashInThread}). */
export const HASH_THREAD_MIN_BYTES = 8 * 1024 * 1024;

function hashHere(): ThreadHash {
  const h = createHash('sha256');
  return { update: (bytes) => void h.update(bytes), digest: () => Promise.resolve(h.digest('hex')), abort: () => undefined };
}

/** The sha256 of bytes [0, size) of `file`, read here. */
export async function hashFile(file: string, size: number): Promise<string> {
  const h = createHash('sha256');
  for await (const bytes of readRange(file, 0, size)) h.update(bytes);
  return h.digest('hex');
}

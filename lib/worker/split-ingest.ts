/**
 * The second part of a large file, read in a worker of its own while the ingest worker reads
 * the first (see lib/ingest/split.ts for when a file is split and why the result does not depend
 * on it). This module has both sides: `ingestPart` (what the part worker runs) and
 * `partInWorker` (how the ingest worker asks for it), plus the messages between them.
 */
import { z } from 'zod';
import { ingest } from '../ingest/ingest';
import { countNewlines } from '../ingest/line-framer';
import { cutIn, mergeSummaries, SplitGuard } from '../ingest/split';
import type { SourceAdapter } from '../ingest/types';
import { InputSummarySchema, type InputSummary } from '../schema/findings';
import { EventStore, snapshotBuffers, type StoreSnapshot } from '../store/event-store';
import { readBlobChunks } from './read-file';
import { READ_CHUNK_BYTES } from './protocol';

/** What the second part came to: its summary, its rows, where it started and its header lines. */
export interface PartResult {
  summary: InputSummary;
  snapshot: StoreSnapshot;
  /** byte offset of its first line in the file */
  start: number;
  /** newlines of the prelude read in front of it (its rows' lines count them) */
  preludeLines: number;
}

/** Asks for the second part of `file` from the first line start at or after `from`. */
export type IngestPart = (
  file: File,
  from: number,
  prelude: string,
  signal: AbortSignal,
  onProgress: (p: { events: number; skipped: number }) => void,
) => Promise<PartResult>;

export interface PartOptions {
  adapters?: readonly SourceAdapter[];
  chunkBytes?: number;
}

/** The part worker's work: finds its first line, reads from there with the prelude in front, and returns its store as a snapshot. */
export async function ingestPart(
  file: File,
  from: number,
  prelude: string,
  signal: AbortSignal,
  onProgress: (p: { events: number; skipped: number }) => void,
  opts: PartOptions = {},
): Promise<PartResult> {
  const chunkBytes = opts.chunkBytes ?? READ_CHUNK_BYTES;
  let start = -1;
  for (let at = from; start < 0 && at < file.size; at += chunkBytes) {
    start = cutIn(new Uint8Array(await file.slice(at, at + chunkBytes).arrayBuffer()), at, from);
  }
  if (start < 0) throw new Error('no line start after the middle of the file');
  const head = new TextEncoder().encode(prelude);
  async function* source(): AsyncGenerator<Uint8Array> {
    yield head;
    yield* readBlobChunks(file.slice(start), chunkBytes);
  }
  const store = new EventStore();
  const summary = await ingest(source(), store, {
    name: file.name,
    hasher: null,
    signal,
    onProgress: (p) => onProgress({ events: p.events, skipped: p.skipped }),
    ...(opts.adapters ? { adapters: opts.adapters } : {}),
  });
  return { summary, snapshot: store.snapshot(), start, preludeLines: countNewlines(prelude, 0, prelude.length) };
}

// ---------------------------------------------------------------------------------------------
// Messages between the ingest worker and the part worker
// ---------------------------------------------------------------------------------------------

export const PartRequestSchema = z.object({
  file: z.custom<File>((v) => typeof File !== 'undefined' && v instanceof File, 'expected a File'),
  from: z.number().int().nonnegative(),
  prelude: z.string().max(1 << 20),
});

const u32 = z.instanceof(Uint32Array);
const SnapshotSchema = z.object({
  strings: z.array(z.string()),
  normOf: u32,
  actors: z.object({ host: u32, user: u32, image: u32, pid: z.instanceof(Int32Array), guid: u32, client: u32, resolver: u32 }),
  outcomes: z.object({ qtype: z.array(z.number().int()), status: z.array(z.number().int()), code: z.array(z.number().int()) }),
  answers: z.array(z.object({ key: z.string(), raw: z.string(), set: z.array(z.object({ type: z.number().int(), value: z.string() })) })),
  rows: z.object({
    time: z.instanceof(Float64Array),
    line: u32,
    actor: u32,
    qname: u32,
    outcome: z.instanceof(Uint16Array),
    answers: u32,
    ttl: z.instanceof(Int32Array),
  }),
});

export const PartReplySchema = z.union([
  z.object({ progress: z.object({ events: z.number().int().nonnegative(), skipped: z.number().int().nonnegative() }) }),
  z.object({
    result: z.object({ summary: InputSummarySchema.extend({ sha256: z.string().max(0) }), snapshot: SnapshotSchema, start: z.number().int().nonnegative(), preludeLines: z.number().int().nonnegative() }),
  }),
  z.object({ error: z.string().max(2000) }),
]);
type PartReply = { progress: { events: number; skipped: number } } | { result: PartResult } | { error: string };

/** The part worker's side: one request, progress while it reads, then the result (its buffers transferred) or an error. */
export function partWorkerHandler(post: (reply: PartReply, transfer: Transferable[]) => void, opts: PartOptions = {}): (data: unknown) => void {
  return (data) => {
    const req = PartRequestSchema.safeParse(data);
    if (!req.success) {
      post({ error: 'expected a File, an offset and a prelude' }, []);
      return;
    }
    const { file, from, prelude } = req.data;
    const never = new AbortController().signal; // the ingest worker terminates this worker to cancel
    ingestPart(file, from, prelude, never, (progress) => post({ progress }, []), opts).then(
      (result) => post({ result }, snapshotBuffers(result.snapshot)),
      (e: unknown) => post({ error: e instanceof Error ? e.message : String(e) }, []),
    );
  };
}

/** Reads second parts in workers made by `spawn`; rejects when none can be made, it fails, or `signal` aborts. */
export function partInWorker(spawn: () => Worker): IngestPart {
  return (file, from, prelude, signal, onProgress) =>
    new Promise<PartResult>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = spawn();
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      const finish = () => {
        worker.terminate();
        signal.removeEventListener('abort', abort);
      };
      const abort = () => {
        finish();
        reject(new Error('aborted'));
      };
      signal.addEventListener('abort', abort, { once: true });
      worker.onmessage = (event: MessageEvent<unknown>) => {
        const reply = PartReplySchema.safeParse(event.data);
        if (!reply.success) {
          finish();
          reject(new Error('the part worker sent an unreadable reply'));
        } else if ('progress' in reply.data) onProgress(reply.data.progress);
        else if ('error' in reply.data) {
          finish();
          reject(new Error(reply.data.error));
        } else {
          finish();
          resolve(reply.data.result);
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish();
        reject(new Error(event.message || 'the part worker failed'));
      };
      worker.postMessage({ file, from, prelude });
    });
}

// ---------------------------------------------------------------------------------------------
// The ingest worker's side
// ---------------------------------------------------------------------------------------------

/**
 * One file read as two parts. `limit` wraps the file's chunks for this pass: it passes the bytes
 * up to the cut (the first line start at or after the middle) and drops the rest (still read,
 * for the digest); `plan` starts the second part once the format is known; `finish` merges it
 * in, or says the file must be read again in one pass (the cut fell inside a record, a new header
 * began, the time bases differ, the part failed).
 */
export class SplitRead {
  /** bytes of the file seen so far (passed or dropped) */
  seen = 0;
  /** events and skipped rows of the second part so far (for progress) */
  partEvents = 0;
  partSkipped = 0;
  private readonly from: number;
  private decided = false;
  /** the second part being read, and the guard over this pass's bytes (set together by `plan`) */
  private planned: { part: Promise<PartResult>; guard: SplitGuard } | null = null;
  private readonly partAbort = new AbortController();
  /** chunks passed before the format was known (the guard reads them once it exists) */
  private early: Uint8Array[] = [];
  private cut = -1;

  constructor(
    private readonly file: File,
    private readonly ingestPart: IngestPart,
  ) {
    this.from = Math.floor(file.size / 2);
  }

  /** Called once the format is known (ingest's onFormat). */
  plan(adapter: SourceAdapter, head: string, plainUtf8: boolean): void {
    if (this.decided) return;
    this.decided = true;
    const spec = adapter.split;
    const prelude = plainUtf8 && spec ? spec.prelude(head) : null;
    if (!spec || prelude === null || this.seen >= this.from) {
      this.early = [];
      return;
    }
    const guard = new SplitGuard(spec.guard);
    for (const c of this.early) guard.update(c);
    this.early = [];
    const part = this.ingestPart(this.file, this.from, prelude, this.partAbort.signal, (p) => {
      this.partEvents = p.events;
      this.partSkipped = p.skipped;
    });
    part.catch(() => undefined);
    this.planned = { part, guard };
  }

  /** This pass's chunks: up to the cut when the file is split, all of them otherwise. */
  async *limit(source: AsyncIterable<Uint8Array>, signal: AbortSignal): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      if (signal.aborted) return;
      const base = this.seen;
      this.seen += chunk.length;
      if (this.cut >= 0) continue; // past the cut: the second part's bytes
      if (!this.decided) {
        if (this.seen <= this.from) this.early.push(chunk);
        else this.decided = true; // the middle came before the format: one pass
        yield chunk;
        continue;
      }
      const guard = this.planned?.guard;
      if (!guard) {
        yield chunk;
        continue;
      }
      const cut = this.seen > this.from ? cutIn(chunk, base, this.from) : -1;
      const mine = cut < 0 ? chunk : chunk.subarray(0, cut - base);
      guard.update(mine);
      if (cut >= 0) this.cut = cut;
      yield mine;
    }
  }

  /** Stops the second part (a cancelled file). */
  abort(): void {
    this.partAbort.abort();
  }

  /**
   * After this pass: the merged summary (rows of the second part appended to `store`'s current
   * input), `first` itself when the file was not split, or null when it must be read again.
   */
  async finish(first: InputSummary, store: EventStore): Promise<InputSummary | null> {
    if (!this.planned) return first;
    if (this.cut < 0) {
      // no line start after the middle: this pass read the whole file
      this.abort();
      return first;
    }
    const { guard } = this.planned;
    let part: PartResult;
    try {
      part = await this.planned.part;
    } catch {
      return null;
    }
    const a = first.timeBasis;
    const b = part.summary.timeBasis;
    const valid =
      !first.error && !part.summary.error && part.summary.format === first.format && part.start === this.cut && guard.ok &&
      part.summary.processFacts === 0 && (a === b || a === '' || b === '');
    if (!valid) return null;
    const lineOffset = guard.lines - part.preludeLines;
    store.absorb(part.snapshot, lineOffset);
    const merged = mergeSummaries(first, part.summary, lineOffset);
    return { ...merged, bytes: this.seen, timeBasis: a === '' ? b : a };
  }
}

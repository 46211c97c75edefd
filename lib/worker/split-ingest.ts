/**
 * The other parts of a large file, read elsewhere (a part worker in the browser, worker threads
 * in the CLI) while this pass reads the first (see lib/ingest/split.ts for when a file is split
 * and why the result does not depend on it). This module has every side: `ingestPart` (what a
 * part's reader runs), the messages to and from it, `partInWorker` (how the browser's ingest
 * worker asks for one), and `SplitRead` + `ingestSplit` (the first part's pass, the merge and
 * the one-pass fallback), shared by the browser and the CLI.
 */
import { z } from 'zod';
import { ingest, type IngestOptions, type IngestProgress } from '../ingest/ingest';
import { countNewlines } from '../ingest/line-framer';
import { cutIn, mergeSummaries, SplitGuard, type SplitSpec } from '../ingest/split';
import type { SourceAdapter } from '../ingest/types';
import { InputSummarySchema, type InputSummary } from '../schema/findings';
import { EventStore, snapshotBuffers, type StoreSnapshot } from '../store/event-store';
import { readBlob } from './read-file';

/** Which bytes of the file a part reads, and what it reads in front of them. */
export interface PartSpec {
  /** it starts at the first line start at or after this offset */
  from: number;
  /** and ends at the first line start at or after this one (null: at the end of the file) */
  to: number | null;
  /** the file's header lines, read in front of its own */
  prelude: string;
  /** what its bytes must show for a cut at its end to fall between records */
  guard: SplitSpec['guard'];
}

/** What a part came to: its summary, its rows, where it started and ended, and its lines. */
export interface PartResult {
  summary: InputSummary;
  snapshot: StoreSnapshot;
  /** byte offset of its first line in the file */
  start: number;
  /** byte offset just after its last byte (the next part's start) */
  end: number;
  /** newlines of the prelude read in front of it (its rows' lines count them) */
  preludeLines: number;
  /** newlines in its own bytes (the next part's rows come after them) */
  lines: number;
  /** whether its bytes keep a cut at its end between records (see SplitGuard) */
  safeEnd: boolean;
}

export type PartProgress = (p: { events: number; skipped: number }) => void;

/** Reads one part of the file being read, elsewhere. */
export type ReadPart = (spec: PartSpec, signal: AbortSignal, onProgress: PartProgress) => Promise<PartResult>;

/** Reads one part of a browser File elsewhere (the ingest worker binds it to its file). */
export type IngestPart = (file: File, spec: PartSpec, signal: AbortSignal, onProgress: PartProgress) => Promise<PartResult>;

/** Where a part's bytes come from: a File's slices in the browser, a file on disk in the CLI. */
export interface PartSource {
  readonly name: string;
  readonly size: number;
  /** the bytes from `start` up to `end` (exclusive), in order */
  read(start: number, end: number): AsyncIterable<Uint8Array>;
}

/** A File as a part's source, streamed (or read in `chunkBytes` slices when given). */
export function blobSource(file: File, chunkBytes?: number): PartSource {
  return { name: file.name, size: file.size, read: (start, end) => readBlob(file.slice(start, end), chunkBytes) };
}

export interface PartOptions {
  adapters?: readonly SourceAdapter[];
}

/** Bytes looked at per read while looking for a line start. */
const PROBE_BYTES = 64 * 1024;

/** The first line start at or after `from` (just after a newline); -1 when there is none. */
async function lineStart(source: PartSource, from: number): Promise<number> {
  for (let at = from; at < source.size; at += PROBE_BYTES) {
    let base = at;
    for await (const chunk of source.read(at, Math.min(source.size, at + PROBE_BYTES))) {
      const cut = cutIn(chunk, base, from);
      if (cut >= 0) return cut;
      base += chunk.length;
    }
  }
  return -1;
}

/** A part's work: finds its first and last line, reads them with the prelude in front, and returns its store as a snapshot. */
export async function ingestPart(source: PartSource, spec: PartSpec, signal: AbortSignal, onProgress: PartProgress, opts: PartOptions = {}): Promise<PartResult> {
  const start = await lineStart(source, spec.from);
  const end = spec.to === null ? source.size : await lineStart(source, spec.to);
  if (start < 0 || end < 0) throw new Error('no line start after the offset of this part or the next');
  const head = new TextEncoder().encode(spec.prelude);
  const guard = new SplitGuard(spec.guard, true);
  async function* bytes(): AsyncGenerator<Uint8Array> {
    yield head;
    for await (const chunk of source.read(start, end)) {
      guard.update(chunk);
      yield chunk;
    }
  }
  const store = new EventStore();
  const summary = await ingest(bytes(), store, {
    name: source.name,
    hasher: null,
    signal,
    onProgress: (p) => onProgress({ events: p.events, skipped: p.skipped }),
    ...(opts.adapters ? { adapters: opts.adapters } : {}),
  });
  return {
    summary,
    // the store is posted and dropped: its column blocks go as they are (transferred)
    snapshot: store.handOver(),
    start,
    end,
    preludeLines: countNewlines(spec.prelude, 0, spec.prelude.length),
    lines: guard.lines,
    safeEnd: guard.ok,
  };
}

// ---------------------------------------------------------------------------------------------
// Messages between the first part's reader and a part's worker
// ---------------------------------------------------------------------------------------------

export const PartSpecSchema = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative().nullable(),
  prelude: z.string().max(1 << 20),
  guard: z.enum(['csv-quotes', 'no-header-lines']),
});

/** The browser's request: the File itself (cloned, not copied) and the part's spec. */
export const PartRequestSchema = PartSpecSchema.extend({
  file: z.custom<File>((v) => typeof File !== 'undefined' && v instanceof File, 'expected a File'),
});

const u32 = z.instanceof(Uint32Array);
const SnapshotSchema = z.object({
  strings: z.array(z.string()),
  normOf: u32,
  actors: z.object({ host: u32, user: u32, image: u32, pid: z.instanceof(Int32Array), guid: u32, client: u32, resolver: u32 }),
  outcomes: z.object({ qtype: z.array(z.number().int()), status: z.array(z.number().int()), code: z.array(z.number().int()) }),
  answers: z.array(z.object({ key: z.string(), raw: z.string(), set: z.array(z.object({ type: z.number().int(), value: z.string() })) })),
  rows: z.object({
    time: z.array(z.instanceof(Float64Array)),
    line: z.array(u32),
    actor: z.array(u32),
    qname: z.array(u32),
    outcome: z.array(z.instanceof(Uint16Array)),
    answers: z.array(u32),
    ttl: z.array(z.instanceof(Int32Array)),
  }),
});

const offset = z.number().int().nonnegative();
export const PartReplySchema = z.union([
  z.object({ progress: z.object({ events: offset, skipped: offset }) }),
  z.object({
    result: z.object({
      summary: InputSummarySchema.extend({ sha256: z.string().max(0) }),
      snapshot: SnapshotSchema,
      start: offset,
      end: offset,
      preludeLines: offset,
      lines: offset,
      safeEnd: z.boolean(),
    }),
  }),
  z.object({ error: z.string().max(2000) }),
]);
export type PartReply = { progress: { events: number; skipped: number } } | { result: PartResult } | { error: string };

/**
 * A part's worker side: one request (checked by `schema`), progress while it reads `source(request)`,
 * then the result (its buffers transferred) or an error.
 */
export function partHandler<T extends PartSpec>(
  schema: z.ZodType<T>,
  source: (request: T) => PartSource,
  post: (reply: PartReply, transfer: ArrayBuffer[]) => void,
  opts: PartOptions = {},
): (data: unknown) => void {
  return (data) => {
    const req = schema.safeParse(data);
    if (!req.success) {
      post({ error: 'expected a file, the part\'s offsets, a prelude and a guard' }, []);
      return;
    }
    const never = new AbortController().signal; // the asking side terminates this worker to cancel
    ingestPart(source(req.data), req.data, never, (progress) => post({ progress }, []), opts).then(
      (result) => post({ result }, snapshotBuffers(result.snapshot)),
      (e: unknown) => post({ error: e instanceof Error ? e.message : String(e) }, []),
    );
  };
}

/** The browser's part worker: reads the part from the File it was sent. */
export function partWorkerHandler(post: (reply: PartReply, transfer: Transferable[]) => void, opts: PartOptions & { chunkBytes?: number } = {}): (data: unknown) => void {
  return partHandler(PartRequestSchema, (r) => blobSource(r.file, opts.chunkBytes), post, opts);
}

/** A worker that reads one part, whichever platform made it. */
export interface PartChannel {
  post(request: unknown): void;
  listen(onMessage: (data: unknown) => void, onError: (message: string) => void): void;
  terminate(): void;
}

/**
 * Asks a worker made by `spawn` for one part: posts `request`, passes its progress on, and
 * resolves with its result; rejects when none can be made, it fails, or `signal` aborts. The
 * worker is terminated once the part is settled (later errors or exits are ignored).
 */
export function askPart<T extends PartSpec>(spawn: () => PartChannel, request: T, signal: AbortSignal, onProgress: PartProgress): Promise<PartResult> {
  return new Promise<PartResult>((resolve, reject) => {
    let worker: PartChannel;
    try {
      worker = spawn();
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    let settled = false;
    const settle = (outcome: { result: PartResult } | { error: string }) => {
      if (settled) return;
      settled = true;
      worker.terminate();
      signal.removeEventListener('abort', abort);
      if ('result' in outcome) resolve(outcome.result);
      else reject(new Error(outcome.error));
    };
    const abort = () => settle({ error: 'aborted' });
    signal.addEventListener('abort', abort, { once: true });
    worker.listen(
      (data) => {
        const reply = PartReplySchema.safeParse(data);
        if (!reply.success) settle({ error: 'the part worker sent an unreadable reply' });
        else if ('progress' in reply.data) onProgress(reply.data.progress);
        else settle(reply.data);
      },
      (error) => settle({ error }),
    );
    worker.post(request);
  });
}

/** Reads parts of a File in browser workers made by `spawn`. */
export function partInWorker(spawn: () => Worker): IngestPart {
  return (file, spec, signal, onProgress) =>
    askPart(
      () => {
        const worker = spawn();
        return {
          post: (request) => worker.postMessage(request),
          listen: (onMessage, onError) => {
            worker.onmessage = (event: MessageEvent<unknown>) => onMessage(event.data);
            worker.onerror = (event) => {
              event.preventDefault();
              onError(event.message || 'the part worker failed');
            };
          },
          terminate: () => worker.terminate(),
        };
      },
      { ...spec, file },
      signal,
      onProgress,
    );
}

// ---------------------------------------------------------------------------------------------
// The first part's side
// ---------------------------------------------------------------------------------------------

/**
 * One file read as `parts` parts. `limit` wraps the file's chunks for this pass: it passes the
 * bytes up to the first cut (the first line start at or after the file's size / parts) and drops
 * the rest (still read, for the digest); `plan` starts the other parts once the format is known;
 * `finish` merges them in, or says the file must be read again in one pass (a cut fell inside a
 * record, a new header began before a cut, the time bases differ, a part failed).
 */
export class SplitRead {
  /** bytes of the file seen so far (passed or dropped) */
  seen = 0;
  /** what came of it: read in parts, in one pass by this pass alone, or again in one pass after the parts */
  outcome: 'pending' | 'split' | 'one pass' | 'read again' = 'pending';
  /** where each other part starts looking for its first line */
  private readonly froms: number[];
  private decided = false;
  /** the other parts being read, and the guard over this pass's bytes (set together by `plan`) */
  private planned: { parts: Promise<PartResult>[]; guard: SplitGuard } | null = null;
  private readonly progress: { events: number; skipped: number }[] = [];
  private readonly partAbort = new AbortController();
  /** chunks passed before the format was known (the guard reads them once it exists) */
  private early: Uint8Array[] = [];
  private cut = -1;

  /** `parts` (at least 2): this pass's and those `readPart` reads, of about equal size */
  constructor(
    size: number,
    private readonly readPart: ReadPart,
    parts = 2,
  ) {
    const n = Math.max(2, Math.floor(parts));
    this.froms = Array.from({ length: n - 1 }, (_, i) => Math.floor((size * (i + 1)) / n));
  }

  private get from(): number {
    return this.froms[0] ?? 0;
  }

  /**
   * The whole file's progress given this pass's: the bytes seen and the other parts' events and
   * skipped rows so far (this pass's own once the file is read again in one pass).
   */
  progressOf(p: IngestProgress): IngestProgress {
    if (this.outcome === 'read again') return p;
    let events = p.events;
    let skipped = p.skipped;
    for (const part of this.progress) {
      events += part.events;
      skipped += part.skipped;
    }
    return { ...p, bytes: this.seen, events, skipped };
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
    const parts = this.froms.map((from, i) => {
      this.progress[i] = { events: 0, skipped: 0 };
      const part = this.readPart({ from, to: this.froms[i + 1] ?? null, prelude, guard: spec.guard }, this.partAbort.signal, (p) => {
        this.progress[i] = p;
      });
      part.catch(() => undefined);
      return part;
    });
    this.planned = { parts, guard };
  }

  /** This pass's chunks: up to the first cut when the file is split, all of them otherwise. */
  async *limit(source: AsyncIterable<Uint8Array>, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      if (signal?.aborted) return;
      const base = this.seen;
      this.seen += chunk.length;
      if (this.cut >= 0) continue; // past the cut: the other parts' bytes
      if (!this.decided) {
        // a copy: kept until the format is known, past the next chunk (see ingest's source)
        if (this.seen <= this.from) this.early.push(chunk.slice());
        else this.decided = true; // the cut came before the format: one pass
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

  /** Stops the other parts (a cancelled file, or one that is read in one pass after all). */
  abort(): void {
    this.partAbort.abort();
  }

  /**
   * After this pass: the merged summary (rows of the other parts appended to `store`'s current
   * input, in order), `first` itself when the file was not split, or null when it must be read again.
   */
  async finish(first: InputSummary, store: EventStore): Promise<InputSummary | null> {
    if (!this.planned || this.cut < 0) {
      // not split, or no line start after the first cut: this pass read the whole file
      this.abort();
      this.outcome = 'one pass';
      return first;
    }
    const { guard } = this.planned;
    let parts: PartResult[];
    try {
      parts = await Promise.all(this.planned.parts);
    } catch {
      this.abort();
      return null;
    }
    // each part starts where the one before ended, the bytes before each cut keep it between records
    let at = this.cut;
    let safe = guard.ok;
    const bases = new Set([first.timeBasis, ...parts.map((p) => p.summary.timeBasis)].filter((b) => b !== ''));
    let valid = !first.error && bases.size <= 1;
    for (const part of parts) {
      valid &&= safe && part.start === at && !part.summary.error && part.summary.format === first.format && part.summary.processFacts === 0;
      at = part.end;
      safe = part.safeEnd;
    }
    if (!valid || at !== this.seen) return null;
    let merged = first;
    let linesBefore = guard.lines;
    for (const part of parts) {
      const lineOffset = linesBefore - part.preludeLines;
      store.absorb(part.snapshot, lineOffset);
      merged = mergeSummaries(merged, part.summary, lineOffset);
      linesBefore += part.lines;
    }
    this.outcome = 'split';
    return { ...merged, bytes: this.seen, timeBasis: [...bases][0] ?? '' };
  }

  /** The file is read again in one pass: the parts no longer count. */
  readAgain(): void {
    this.outcome = 'read again';
    this.abort();
  }
}

/**
 * Reads one file into `store`: in one pass without `split`; with it, this pass reads the first
 * part (all of `source` still flows through, e.g. for a digest taken around it) while the other
 * parts are read elsewhere, and their rows are merged in — or, when the split cannot be used,
 * the file is read again from `again()` in one pass (with no hasher: the first pass saw every
 * byte). `options.onProgress` hears of the whole file (the other parts' rows counted in).
 */
export async function ingestSplit(
  source: AsyncIterable<Uint8Array>,
  store: EventStore,
  options: IngestOptions,
  split: SplitRead | null,
  again: () => AsyncIterable<Uint8Array>,
): Promise<InputSummary> {
  if (!split) return ingest(source, store, options);
  const { signal, onProgress } = options;
  if (onProgress) options = { ...options, onProgress: (p) => onProgress(split.progressOf(p)) };
  signal?.addEventListener('abort', () => split.abort(), { once: true });
  let summary = await ingest(split.limit(source, signal), store, { ...options, onFormat: (a, head, plain) => split.plan(a, head, plain) });
  if (summary.cancelled) {
    split.abort();
    return summary;
  }
  const merged = await split.finish(summary, store);
  if (merged) summary = merged;
  else if (!signal?.aborted) {
    // a cut fell inside a record (or a part failed): read the whole file again in one pass
    store.dropLastInput();
    split.readAgain();
    summary = await ingest(again(), store, { ...options, hasher: null });
  }
  if (signal?.aborted && !summary.cancelled) {
    // cancelled while the other parts were being read
    store.dropLastInput();
    summary = { ...summary, events: 0, cancelled: true, error: 'Cancelled: the rows of this file were removed.' };
  }
  return summary;
}

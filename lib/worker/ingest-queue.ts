import type { IngestProgress } from '../ingest/ingest';
import { ADAPTERS } from '../ingest/sources';
import type { SourceAdapter } from '../ingest/types';
import type { EventStore } from '../store/event-store';
import { describeIssues, IngestToWorkerSchema, PROGRESS_INTERVAL_MS, type FromWorker } from './protocol';
import type { FileRead, ReadFile } from './read-file-worker';
import { readBlob } from './read-file';
import { ingestSplit, SplitRead, type IngestPart } from './split-ingest';
import { SPLIT_MIN_BYTES, SPLIT_MIN_CORES } from '../ingest/split';

export interface IngestQueueOptions {
  /** clock for progress throttling, in ms */
  now?: () => number;
  /** for tests: adapters to sniff with instead of the registered ones */
  adapters?: readonly SourceAdapter[];
  /** for tests: bytes per File slice */
  chunkBytes?: number;
  /** after a file is done or cancelled, once its message is posted (the store is settled) */
  onSettled?: (outcome: 'done' | 'cancelled') => void;
  /** when the last queued file has been handled */
  onIdle?: () => void;
  /**
   * reads (and hashes) each file elsewhere, e.g. in a reader worker; without it this pass reads
   * and hashes. A digest it puts off (FileRead.deferred) is left out of the `done` summary (sha256
   * '') and posted by {@link IngestQueue.digestPending}.
   */
  readFile?: ReadFile;
  /** reads the second part of a large file elsewhere, e.g. in a part worker (only with readFile, whose digest covers the whole file) */
  ingestPart?: IngestPart;
  /** files from this size on are split when they can be (default SPLIT_MIN_BYTES) */
  splitMinBytes?: number;
}

interface Job {
  id: string;
  file: File;
  /** logical cores of the machine, as the page reports them */
  cores: number;
}

/**
 * The worker's logic without the worker: validates page messages, reads queued files one at a
 * time into the session's single store, throttles progress, and cancels on request. Only
 * summaries and counters are posted back.
 */
export class IngestQueue {
  private readonly pending: Job[] = [];
  private running: { id: string; controller: AbortController } | null = null;
  private drain: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  /** files read whose digest was put off, in the order they were read */
  private readonly digests: { id: string; read: FileRead }[] = [];
  private digesting = false;

  constructor(
    private readonly store: EventStore,
    private readonly post: (message: FromWorker) => void,
    private readonly opts: IngestQueueOptions = {},
  ) {
    this.now = opts.now ?? (() => Date.now());
  }

  /** Handles one ingest or cancel message; invalid messages are answered with an error. */
  handle(data: unknown): void {
    const parsed = IngestToWorkerSchema.safeParse(data);
    if (!parsed.success) {
      this.post({ type: 'error', id: idOf(data), message: `Invalid message: ${describeIssues(parsed.error)}` });
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ingest':
        this.enqueue({ id: msg.id, file: msg.file, cores: msg.cores ?? 1 });
        break;
      case 'cancel':
        this.cancel(msg.id);
        break;
    }
  }

  /** Files read whose digest is still to be computed by {@link digestPending}. */
  get digestsPending(): number {
    return this.digests.length;
  }

  /**
   * Computes the digests put off (files read by a reader that does not hash as it reads), one
   * file after the other, posting each as a `digest` message: the sha256, or why it could not be
   * computed (the file can no longer be read). Resolves when none is left; a call while it runs
   * returns at once.
   */
  async digestPending(): Promise<void> {
    if (this.digesting) return;
    this.digesting = true;
    try {
      for (let d = this.digests.shift(); d; d = this.digests.shift()) {
        try {
          this.post({ type: 'digest', id: d.id, sha256: await d.read.digest(), message: null });
        } catch (e) {
          const reason = e instanceof Error ? e.message : String(e);
          this.post({ type: 'digest', id: d.id, sha256: null, message: `The SHA-256 could not be computed: ${reason}`.slice(0, 2000) });
        }
      }
    } finally {
      this.digesting = false;
    }
  }

  /** Resolves when every queued file has been handled (for tests). */
  whenIdle(): Promise<void> {
    return this.drain;
  }

  /** Is a file being read or waiting? */
  get busy(): boolean {
    return this.running !== null || this.pending.length > 0;
  }

  private enqueue(job: Job): void {
    if (this.running?.id === job.id || this.pending.some((j) => j.id === job.id)) {
      this.post({ type: 'error', id: job.id, message: `A file with id ${job.id} is already queued.` });
      return;
    }
    this.pending.push(job);
    if (!this.running && this.pending.length === 1) this.drain = this.pump();
  }

  private cancel(id: string): void {
    if (this.running?.id === id) {
      this.running.controller.abort();
      return;
    }
    const i = this.pending.findIndex((j) => j.id === id);
    if (i >= 0) {
      this.pending.splice(i, 1);
      this.post({ type: 'cancelled', id, storeEvents: this.store.size });
      this.opts.onSettled?.('cancelled');
      if (!this.busy) this.opts.onIdle?.();
    }
    // unknown or finished ids: nothing to cancel
  }

  private async pump(): Promise<void> {
    for (let job = this.pending.shift(); job; job = this.pending.shift()) {
      const controller = new AbortController();
      this.running = { id: job.id, controller };
      try {
        await this.run(job, controller.signal);
      } catch (e) {
        // ingest() reports bad content in the summary; reaching here is a bug
        this.post({ type: 'error', id: job.id, message: `Reading failed: ${e instanceof Error ? e.message : String(e)}` });
      } finally {
        this.running = null;
      }
    }
    this.opts.onIdle?.();
  }

  private async run({ id, file, cores }: Job, signal: AbortSignal): Promise<void> {
    this.post({ type: 'started', id });
    let last = -Infinity;
    // the read stops early only with a cancelled ingest: ingest() reads the whole file otherwise
    const readAbort = new AbortController();
    const read = this.opts.readFile?.(file, readAbort.signal);
    // two parts only when there is a core for each parsing worker besides the reader and the page
    const ingestPart = this.opts.ingestPart;
    const split =
      read && ingestPart && cores >= SPLIT_MIN_CORES && file.size >= (this.opts.splitMinBytes ?? SPLIT_MIN_BYTES)
        ? new SplitRead(file.size, (spec, partSignal, onPart) => ingestPart(file, spec, partSignal, onPart))
        : null;
    const summary = await ingestSplit(
      read ? read.chunks : readBlob(file, this.opts.chunkBytes),
      this.store,
      {
        name: file.name,
        totalBytes: file.size,
        signal,
        ...(read ? { hasher: null } : {}),
        ...(this.opts.adapters ? { adapters: this.opts.adapters } : {}),
        onProgress: (p: IngestProgress) => {
          const t = this.now();
          if (t - last < PROGRESS_INTERVAL_MS) return;
          last = t;
          this.post({
            type: 'progress',
            id,
            bytes: p.bytes,
            totalBytes: p.totalBytes ?? file.size,
            events: p.events,
            skipped: p.skipped,
          });
        },
      },
      split,
      () => readBlob(file, this.opts.chunkBytes),
    );
    if (summary.cancelled) readAbort.abort();
    else if (read?.deferred) this.digests.push({ id, read });
    else if (read) summary.sha256 = await read.digest();
    if (summary.cancelled) this.post({ type: 'cancelled', id, storeEvents: this.store.size });
    else {
      // the logical fields of the file's format, for its detector coverage
      const adapter = summary.error ? undefined : (this.opts.adapters ?? ADAPTERS).find((a) => a.id === summary.format);
      this.post({ type: 'done', id, summary, storeEvents: this.store.size, fields: [...(adapter?.fields ?? [])] });
    }
    this.opts.onSettled?.(summary.cancelled ? 'cancelled' : 'done');
  }
}

/** The id of a malformed message, when it has a usable one. */
function idOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || !('id' in data)) return null;
  const id = (data as { id: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : null;
}

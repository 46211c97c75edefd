import { parseHuntConfig } from '../detect/config';
import { DETECTORS } from '../detect/registry';
import type { Detector } from '../detect/types';
import type { SourceAdapter } from '../ingest/types';
import { EventStore } from '../store/event-store';
import type { ReadFile } from './read-file-worker';
import { IngestQueue } from './ingest-queue';
import { describeIssues, type FromWorker } from './protocol';
import { QueryEngine } from './query-engine';
import { DetectRequestSchema, QueryRequestSchema } from './query-protocol';
import { toWire } from './query-results';
import type { IngestPart } from './split-ingest';

export interface WorkerSessionOptions {
  detectors?: readonly Detector[];
  /** for tests: adapters, File slice size, clocks */
  adapters?: readonly SourceAdapter[];
  chunkBytes?: number;
  now?: () => number;
  /** reads files beside the ingest pass, and their sha256 later (the worker passes a reader worker) */
  readFile?: ReadFile;
  /** reads the second part of a large file beside the ingest pass (the worker passes a part worker) */
  ingestPart?: IngestPart;
}

/** Quiet time after the page's last query before indexes are precomputed (see WorkerSession.warm). */
export const QUIET_MS = 250;

/**
 * Everything the worker does, without the worker: one store for the session, files read one
 * after the other, queries answered from the loaded data, and detection run once each time the
 * queue has settled after new data (or when asked), its findings cached for the views.
 */
export class WorkerSession {
  readonly store = new EventStore();
  readonly engine: QueryEngine;
  private readonly queue: IngestQueue;
  private readonly detectors: readonly Detector[];
  /** `detect` requests waiting for the queue to settle */
  private waiting: number[] = [];
  /** when the page last asked something (see warm; the wall clock, not opts.now) */
  private lastQueryAt = -Infinity;
  /** when detection last posted its findings (see afterLoadWhenQuiet) */
  private detectedAt = -Infinity;
  private quietTimer: ReturnType<typeof setTimeout> | null = null;
  /** starts the next file's reader (see afterLoadWhenQuiet) */
  private readonly prepareRead: (() => void) | undefined;

  constructor(
    private readonly post: (message: FromWorker) => void,
    opts: WorkerSessionOptions = {},
  ) {
    this.detectors = opts.detectors ?? DETECTORS;
    this.prepareRead = opts.readFile?.prepare;
    this.engine = new QueryEngine(this.store, { detectors: this.detectors, ...(opts.now ? { now: opts.now } : {}) });
    this.queue = new IngestQueue(this.store, post, {
      ...(opts.adapters ? { adapters: opts.adapters } : {}),
      ...(opts.chunkBytes ? { chunkBytes: opts.chunkBytes } : {}),
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.readFile ? { readFile: opts.readFile } : {}),
      ...(opts.ingestPart ? { ingestPart: opts.ingestPart } : {}),
      onSettled: (outcome) => {
        if (outcome !== 'done') return;
        this.engine.commit();
        this.post({ type: 'dataset', version: this.engine.version, events: this.engine.events });
      },
      onIdle: () => this.settle(),
    });
  }

  handle(data: unknown): void {
    const type = typeof data === 'object' && data !== null && 'type' in data ? (data as { type: unknown }).type : undefined;
    if (type === 'query') this.query(data);
    else if (type === 'detect') this.detectRequest(data);
    else this.queue.handle(data);
  }

  /** Resolves when every queued file has been handled (for tests). */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  private query(data: unknown): void {
    const parsed = QueryRequestSchema.safeParse(data);
    if (!parsed.success) {
      this.reject(data, `Invalid query: ${describeIssues(parsed.error)}`);
      return;
    }
    const { reqId, query } = parsed.data;
    this.lastQueryAt = performance.now();
    try {
      this.post({ type: 'result', reqId, version: this.engine.version, result: toWire(this.engine.run(query)) });
    } catch (e) {
      this.post({ type: 'query-error', reqId, message: `Query failed: ${e instanceof Error ? e.message : String(e)}`.slice(0, 2000) });
    }
  }

  private detectRequest(data: unknown): void {
    const parsed = DetectRequestSchema.safeParse(data);
    if (!parsed.success) {
      this.reject(data, `Invalid detect request: ${describeIssues(parsed.error)}`);
      return;
    }
    const { reqId, config } = parsed.data;
    if (config !== undefined) {
      const c = parseHuntConfig(this.detectors, config);
      if (!c.ok) {
        this.post({ type: 'query-error', reqId, message: `Invalid hunt config: ${c.errors.slice(0, 5).join('; ')}`.slice(0, 2000) });
        return;
      }
      this.engine.setConfig(c.config);
    }
    this.waiting.push(reqId);
    // while a file is being read, the store holds part of it: detect when the queue settles
    if (!this.queue.busy) this.runDetection();
  }

  private settle(): void {
    if (!this.engine.detectionCurrent || this.waiting.length > 0) this.runDetection();
  }

  private runDetection(): void {
    this.engine.detect();
    const detection = this.engine.detectionState;
    const waiting = this.waiting;
    this.waiting = [];
    if (waiting.length === 0) this.post({ type: 'detected', reqId: null, detection });
    for (const reqId of waiting) this.post({ type: 'detected', reqId, detection });
    this.detectedAt = performance.now();
    this.warm();
    this.afterLoadWhenQuiet();
  }

  /**
   * Once the findings are out and the page has asked nothing for {@link QUIET_MS} (its first
   * queries after a load, the overview and the suspects, come first): starts the digests the
   * reader put off (IngestQueue.digestPending: another worker reads each file again), and the
   * next file's reader (ReadFile.prepare), whose start would take the cores the page draws the
   * findings with. Not while a file is being read: the next settle starts them.
   */
  private afterLoadWhenQuiet(): void {
    if (this.quietTimer !== null) return;
    const check = () => {
      this.quietTimer = null;
      if (this.queue.busy) return;
      const quiet = this.untilQuiet(Math.max(this.lastQueryAt, this.detectedAt));
      if (quiet > 0) {
        this.quietTimer = setTimeout(check, quiet);
        return;
      }
      if (this.queue.digestsPending > 0) void this.queue.digestPending();
      this.prepareRead?.();
    };
    this.quietTimer = setTimeout(check, 0);
  }

  /** Milliseconds until {@link QUIET_MS} have passed since `since` (≤ 0: quiet now); what the idle jobs after a load wait for. */
  private untilQuiet(since: number): number {
    return QUIET_MS - (performance.now() - since);
  }

  private warming = false;
  private readonly warmed: (() => void)[] = [];

  /** Resolves when the idle precomputation after a load has stopped (for tests). */
  whenWarm(): Promise<void> {
    return this.warming ? new Promise((resolve) => this.warmed.push(resolve)) : Promise.resolve();
  }

  /**
   * Precomputes filter indexes one step per task, and only once the page has sent no query for
   * {@link QUIET_MS}: a step (an index over every row, ~100 ms at a million rows in Chromium)
   * that started between the page's first queries after a load held the pivot and the suspects
   * back until it was done.
   */
  private warm(): void {
    if (this.warming) return;
    this.warming = true;
    const step = () => {
      const quiet = this.untilQuiet(this.lastQueryAt);
      if (quiet > 0 && !this.queue.busy) {
        setTimeout(step, quiet);
        return;
      }
      if (this.queue.busy || !this.engine.warmStep()) {
        this.warming = false;
        for (const resolve of this.warmed.splice(0)) resolve();
        return;
      }
      setTimeout(step, 0);
    };
    setTimeout(step, 0);
  }

  private reject(data: unknown, message: string): void {
    const reqId = (data as { reqId?: unknown }).reqId;
    if (typeof reqId === 'number' && Number.isInteger(reqId) && reqId >= 0) this.post({ type: 'query-error', reqId, message });
    else this.post({ type: 'error', id: null, message });
  }
}

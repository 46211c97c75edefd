import type { InputSummary } from '../schema/findings';
import { describeIssues, FromWorkerSchema, type ToWorker } from './protocol';
import type { Query, QueryKind, ResultOf } from './query-protocol';
import { fromWire, type DetectionState } from './query-results';

export interface IngestProgressUpdate {
  bytes: number;
  totalBytes: number;
  events: number;
  skipped: number;
}

/** What the page hears back; every message is validated before a callback runs. */
export interface IngestClientCallbacks {
  onStarted?: (id: string) => void;
  onProgress?: (id: string, progress: IngestProgressUpdate) => void;
  /** the summary's sha256 is '' when it comes later, with onDigest */
  onDone?: (id: string, summary: InputSummary, storeEvents: number, fields: readonly string[]) => void;
  /** the sha256 of a file whose summary had none, or (sha256 null) why it could not be computed */
  onDigest?: (id: string, sha256: string | null, message: string | null) => void;
  onCancelled?: (id: string, storeEvents: number) => void;
  /** `id` is null when the failure concerns the worker itself */
  onError?: (id: string | null, message: string) => void;
  /** the loaded data changed: views ask again */
  onDataset?: (version: number, events: number) => void;
  /** detection ran on new data (or on request) */
  onDetected?: (detection: DetectionState) => void;
}

export interface IngestClient {
  /** Queues a file and returns its id (known before any callback for it runs). */
  ingest(file: File): string;
  cancel(id: string): void;
  /** Asks the worker; the answer is validated, and typed by the query's kind. */
  query<K extends QueryKind>(query: Extract<Query, { kind: K }>): Promise<QueryAnswer<K>>;
  /** Runs detection again (optionally with a hunt config); resolves when it has run. */
  detect(config?: unknown): Promise<DetectionState>;
  terminate(): void;
}

export interface QueryAnswer<K extends QueryKind> {
  /** data version the result was computed on */
  version: number;
  result: ResultOf<K>;
}

type Pending = {
  kind: QueryKind | 'detect';
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** a query's JSON, while it is the one later identical queries join */
  key?: string;
};

function defaultWorker(): Worker {
  return new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module', name: 'dns-hunt-ingest' });
}

/** Starts the worker. Call `terminate` when the page no longer needs it. */
export function createIngestClient(
  callbacks: IngestClientCallbacks,
  createWorker: () => Worker = defaultWorker,
): IngestClient {
  const worker = createWorker();
  let next = 0;
  let nextReq = 0;
  const pending = new Map<number, Pending>();
  /**
   * Queries asked and not yet answered, by their JSON: the same question asked again joins the
   * one in flight as long as the page has sent nothing else since (a file, a cancel, a detect
   * request could change its answer). The worker answers in order, so an answer still in flight
   * when the page has heard of new data or findings was computed after them: a view that asks
   * again because detection ran gets the answer already coming instead of queueing its twin.
   */
  const inFlight = new Map<string, { reqId: number; sent: number; answer: Promise<unknown> }>();
  /** messages other than queries sent so far */
  let sent = 0;

  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
    inFlight.clear();
  };
  const settle = (reqId: number): Pending | undefined => {
    const p = pending.get(reqId);
    pending.delete(reqId);
    if (p?.key !== undefined && inFlight.get(p.key)?.reqId === reqId) inFlight.delete(p.key);
    return p;
  };

  worker.onmessage = (event: MessageEvent<unknown>) => {
    const parsed = FromWorkerSchema.safeParse(event.data);
    if (!parsed.success) {
      const reqId = (event.data as { reqId?: unknown } | null)?.reqId;
      const p = typeof reqId === 'number' ? settle(reqId) : undefined;
      const message = `Unexpected message from the worker: ${describeIssues(parsed.error)}`;
      if (p) p.reject(new Error(message));
      else callbacks.onError?.(null, message);
      return;
    }
    const m = parsed.data;
    switch (m.type) {
      case 'started':
        callbacks.onStarted?.(m.id);
        break;
      case 'progress':
        callbacks.onProgress?.(m.id, { bytes: m.bytes, totalBytes: m.totalBytes, events: m.events, skipped: m.skipped });
        break;
      case 'done':
        callbacks.onDone?.(m.id, m.summary, m.storeEvents, m.fields);
        break;
      case 'digest':
        callbacks.onDigest?.(m.id, m.sha256, m.message);
        break;
      case 'cancelled':
        callbacks.onCancelled?.(m.id, m.storeEvents);
        break;
      case 'error':
        callbacks.onError?.(m.id, m.message);
        break;
      case 'dataset':
        callbacks.onDataset?.(m.version, m.events);
        break;
      case 'detected': {
        const p = m.reqId === null ? undefined : settle(m.reqId);
        p?.resolve(m.detection);
        callbacks.onDetected?.(m.detection);
        break;
      }
      case 'result': {
        const p = settle(m.reqId);
        if (!p) break;
        if (p.kind === m.result.kind) p.resolve({ version: m.version, result: fromWire(m.result) });
        else p.reject(new Error(`Expected a ${p.kind} result, got ${m.result.kind}`));
        break;
      }
      case 'query-error':
        settle(m.reqId)?.reject(new Error(m.message));
        break;
    }
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    const message = `The worker stopped: ${event.message || 'unknown error'}`;
    failAll(message);
    callbacks.onError?.(null, message);
  };
  worker.onmessageerror = () => callbacks.onError?.(null, 'A message from the worker could not be read.');

  const send = (message: ToWorker) => {
    if (message.type !== 'query') sent++;
    worker.postMessage(message);
  };

  return {
    ingest(file) {
      const id = `file-${++next}`;
      const cores = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency;
      send({ type: 'ingest', id, file, ...(cores ? { cores } : {}) });
      return id;
    },
    cancel(id) {
      send({ type: 'cancel', id });
    },
    query<K extends QueryKind>(query: Extract<Query, { kind: K }>) {
      const key = JSON.stringify(query);
      const joined = inFlight.get(key);
      if (joined && joined.sent === sent) return joined.answer as Promise<QueryAnswer<K>>;
      const reqId = ++nextReq;
      const answer = new Promise<QueryAnswer<K>>((resolve, reject) => {
        pending.set(reqId, { kind: query.kind, resolve: resolve as (v: unknown) => void, reject, key });
        send({ type: 'query', reqId, query });
      });
      inFlight.set(key, { reqId, sent, answer });
      return answer;
    },
    detect(config) {
      const reqId = ++nextReq;
      return new Promise<DetectionState>((resolve, reject) => {
        pending.set(reqId, { kind: 'detect', resolve: resolve as (v: unknown) => void, reject });
        send(config === undefined ? { type: 'detect', reqId } : { type: 'detect', reqId, config });
      });
    },
    terminate() {
      failAll('The worker was stopped.');
      worker.terminate();
    },
  };
}

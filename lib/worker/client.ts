import type { InputSummary } from '../schema/findings';
import { describeIssues, FromWorkerSchema, type ToWorker } from './protocol';

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
  onDone?: (id: string, summary: InputSummary, storeEvents: number) => void;
  onCancelled?: (id: string, storeEvents: number) => void;
  /** `id` is null when the failure concerns the worker itself */
  onError?: (id: string | null, message: string) => void;
}

export interface IngestClient {
  /** Queues a file and returns its id (known before any callback for it runs). */
  ingest(file: File): string;
  cancel(id: string): void;
  terminate(): void;
}

function defaultWorker(): Worker {
  return new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module', name: 'dns-hunt-ingest' });
}

/** Starts the ingest worker. Call `terminate` when the page no longer needs it. */
export function createIngestClient(
  callbacks: IngestClientCallbacks,
  createWorker: () => Worker = defaultWorker,
): IngestClient {
  const worker = createWorker();
  let next = 0;

  worker.onmessage = (event: MessageEvent<unknown>) => {
    const parsed = FromWorkerSchema.safeParse(event.data);
    if (!parsed.success) {
      callbacks.onError?.(null, `Unexpected message from the reader: ${describeIssues(parsed.error)}`);
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
        callbacks.onDone?.(m.id, m.summary, m.storeEvents);
        break;
      case 'cancelled':
        callbacks.onCancelled?.(m.id, m.storeEvents);
        break;
      case 'error':
        callbacks.onError?.(m.id, m.message);
        break;
    }
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    callbacks.onError?.(null, `The file reader stopped: ${event.message || 'unknown error'}`);
  };
  worker.onmessageerror = () => callbacks.onError?.(null, 'A message from the file reader could not be read.');

  const send = (message: ToWorker) => worker.postMessage(message);

  return {
    ingest(file) {
      const id = `file-${++next}`;
      send({ type: 'ingest', id, file });
      return id;
    },
    cancel(id) {
      send({ type: 'cancel', id });
    },
    terminate() {
      worker.terminate();
    },
  };
}

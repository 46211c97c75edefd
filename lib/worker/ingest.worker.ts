/// <reference lib="webworker" />
/**
 * Thin router: one session (store, ingest queue, queries, detection) for the page's lifetime.
 * The logic lives in worker-session.ts so it can be tested without a worker.
 */
import { readInWorker } from './read-file-worker';
import type { FromWorker } from './protocol';
import { columnBuffers } from './timeline-columns';
import { WorkerSession } from './worker-session';

declare const self: DedicatedWorkerGlobalScope;

/** A payload's bytes and a timeline's columns are built for the one answer: hand the buffers over instead of copying them. */
function transfer(m: FromWorker): Transferable[] {
  if (m.type !== 'result') return [];
  if (m.result.kind === 'payload' && m.result.bytes) return [m.result.bytes];
  return m.result.kind === 'timeline' ? columnBuffers(m.result.points) : [];
}

/** Each file is read and hashed by a nested worker and its chunks handed over while this one parses (the second core). */
const readFile = readInWorker(() => new Worker(new URL('./read.worker.ts', import.meta.url), { type: 'module', name: 'dns-hunt-read' }));

const session = new WorkerSession((message: FromWorker) => self.postMessage(message, transfer(message)), { readFile });

self.onmessage = (event: MessageEvent<unknown>) => session.handle(event.data);

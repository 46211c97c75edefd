/// <reference lib="webworker" />
/**
 * Thin router: one session (store, ingest queue, queries, detection) for the page's lifetime.
 * The logic lives in worker-session.ts so it can be tested without a worker.
 */
import { hashInWorker } from './hash-file';
import type { FromWorker } from './protocol';
import { WorkerSession } from './worker-session';

declare const self: DedicatedWorkerGlobalScope;

/** A payload's bytes are built for the one answer: hand the buffer over instead of copying it. */
const transfer = (m: FromWorker): Transferable[] => (m.type === 'result' && m.result.kind === 'payload' && m.result.bytes ? [m.result.bytes] : []);

/** Each file is hashed in a nested worker while this one parses it (the second core). */
const hashFile = hashInWorker(() => new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module', name: 'dns-hunt-hash' }));

const session = new WorkerSession((message: FromWorker) => self.postMessage(message, transfer(message)), { hashFile });

self.onmessage = (event: MessageEvent<unknown>) => session.handle(event.data);

/// <reference lib="webworker" />
/**
 * Thin router: one session (store, ingest queue, queries, detection) for the page's lifetime.
 * The logic lives in worker-session.ts so it can be tested without a worker.
 */
import type { FromWorker } from './protocol';
import { WorkerSession } from './worker-session';

declare const self: DedicatedWorkerGlobalScope;

const session = new WorkerSession((message: FromWorker) => self.postMessage(message));

self.onmessage = (event: MessageEvent<unknown>) => session.handle(event.data);

/// <reference lib="webworker" />
/**
 * Thin router: one event store for the whole session, files ingested one after the other.
 * The logic lives in ingest-queue.ts so it can be tested without a worker.
 */
import { EventStore } from '../store/event-store';
import { IngestQueue } from './ingest-queue';
import type { FromWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const queue = new IngestQueue(new EventStore(), (message: FromWorker) => self.postMessage(message));

self.onmessage = (event: MessageEvent<unknown>) => queue.handle(event.data);

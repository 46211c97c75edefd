/// <reference lib="webworker" />
/**
 * Reads the second part of a large file while the ingest worker reads the first, and posts its
 * rows back as a store snapshot (buffers transferred). See split-ingest.ts.
 */
import { partWorkerHandler } from './split-ingest';

declare const self: DedicatedWorkerGlobalScope;

const handle = partWorkerHandler((reply, transfer) => self.postMessage(reply, transfer));
self.onmessage = (event: MessageEvent<unknown>) => handle(event.data);

/// <reference lib="webworker" />
/**
 * Reads one File for the ingest worker (streamed) and hands each chunk over without a copy, so
 * the ingest worker only parses; or, asked later, reads it again to compute its sha256 (see
 * read-file-worker.ts for why the reading has its own thread and the digest comes later).
 */
import { readerWorkerHandler } from './read-file-worker';

declare const self: DedicatedWorkerGlobalScope;

const handle = readerWorkerHandler((reply, transfer) => self.postMessage(reply, transfer));
self.onmessage = (event: MessageEvent<unknown>) => handle(event.data);

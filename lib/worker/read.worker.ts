/// <reference lib="webworker" />
/**
 * Reads one File for the ingest worker (streamed), hashes it (sha256) and hands each chunk
 * over without a copy: the ingest worker only parses, and the file is read once (see
 * read-file-worker.ts for why the reading has its own thread).
 */
import { readerWorkerHandler } from './read-file-worker';

declare const self: DedicatedWorkerGlobalScope;

const handle = readerWorkerHandler((reply, transfer) => self.postMessage(reply, transfer));
self.onmessage = (event: MessageEvent<unknown>) => handle(event.data);

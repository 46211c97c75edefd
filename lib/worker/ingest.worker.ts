/// <reference lib="webworker" />
/**
 * Thin router: one session (store, ingest queue, queries, detection) for the page's lifetime.
 * The logic lives in worker-session.ts so it can be tested without a worker.
 */
import { readInWorker } from './read-file-worker';
import { partInWorker } from './split-ingest';
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

/** Each file is read by a nested worker and its chunks handed over while this one parses (the second core); its sha256 is computed by another once the findings are out. */
const readFile = readInWorker(() => new Worker(new URL('./read.worker.ts', import.meta.url), { type: 'module', name: 'dns-hunt-read' }));

/**
 * The second half of a large Splunk CSV or Zeek TSV file is parsed by another nested worker at
 * the same time (the first half here) when the page reports 4 or more cores: this worker, the
 * reader and the part worker each need one, and the page another. With two cores the split
 * measured slower (1M-row CSV: ingest 10.6 / 9.2 s split, 7.8 / 8.3 s in one pass, runs
 * alternated; the cores were already busy) and took 35–60 MiB more at its peak.
 */
const ingestPart = partInWorker(() => new Worker(new URL('./part.worker.ts', import.meta.url), { type: 'module', name: 'dns-hunt-part' }));

const session = new WorkerSession((message: FromWorker) => self.postMessage(message, transfer(message)), { readFile, ingestPart });

self.onmessage = (event: MessageEvent<unknown>) => session.handle(event.data);

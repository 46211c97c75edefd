/** Test-only helpers (Node): ingest text or a public sample into a fresh store. */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventStore } from '../store/event-store';
import { ingest } from '../ingest/ingest';
import type { InputSummary } from '../schema/findings';

/** ../shared/samples beside the checkout (CI places it there). */
export const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/samples');

/** Absolute path of a public sample, or null when ../shared is absent. */
export function samplePath(name: string): string | null {
  const p = path.join(SAMPLES_DIR, name);
  return existsSync(p) ? p : null;
}

export const SKIP_NO_SAMPLES = `../shared/samples not found at ${SAMPLES_DIR}: sample tests skipped`;

async function* once(bytes: Uint8Array, chunkSize: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
}

export interface Ingested {
  store: EventStore;
  summary: InputSummary;
}

/** Ingests a string (UTF-8) or bytes, optionally in small chunks to exercise chunk borders. */
export async function ingestText(
  content: string | Uint8Array,
  opts: { name?: string; chunkSize?: number; store?: EventStore } = {},
): Promise<Ingested> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const store = opts.store ?? new EventStore();
  const summary = await ingest(once(bytes, opts.chunkSize ?? 1 << 20), store, {
    name: opts.name ?? 'test-input',
    totalBytes: bytes.length,
  });
  return { store, summary };
}

/** Ingests a file from disk through a Node stream, as the CLI does. */
export async function ingestPath(p: string, store = new EventStore(), highWaterMark?: number): Promise<Ingested> {
  const summary = await ingest(createReadStream(p, highWaterMark ? { highWaterMark } : {}), store, {
    name: path.basename(p),
  });
  return { store, summary };
}

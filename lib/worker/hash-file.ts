/**
 * sha256 of a whole input, computed apart from the ingest pass. In the browser a nested worker
 * hashes the File while the ingest worker parses it (hash.worker.ts); the JS sha256 runs at
 * about a third of parse speed, so on the ingest path it would be the largest cost of a hunt.
 */
import { z } from 'zod';
import { createSha256 } from '../ingest/hash';
import { readBlobChunks } from './read-file';

/** Hashes a file; rejects when aborted. */
export type HashFile = (file: File, signal: AbortSignal) => Promise<string>;

export const HashRequestSchema = z.object({
  file: z.custom<File>((v) => typeof File !== 'undefined' && v instanceof File, 'expected a File'),
});

export const HashReplySchema = z.union([
  z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ error: z.string().max(2000) }),
]);

/** sha256 of a Blob, read slice by slice. */
export async function hashBlob(blob: Blob, signal?: AbortSignal): Promise<string> {
  const h = createSha256();
  for await (const chunk of readBlobChunks(blob)) {
    if (signal?.aborted) throw new Error('aborted');
    h.update(chunk);
  }
  return h.hex();
}

/**
 * Hashes in a worker made by `spawn`; falls back to hashing here when no worker can be made
 * or it fails (the hash is then late, never missing).
 */
export function hashInWorker(spawn: () => Worker): HashFile {
  return (file, signal) =>
    new Promise<string>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = spawn();
      } catch {
        hashBlob(file, signal).then(resolve, reject);
        return;
      }
      const stop = () => {
        worker.terminate();
        reject(new Error('aborted'));
      };
      signal.addEventListener('abort', stop, { once: true });
      const fallback = () => {
        worker.terminate();
        signal.removeEventListener('abort', stop);
        hashBlob(file, signal).then(resolve, reject);
      };
      worker.onmessage = (event: MessageEvent<unknown>) => {
        const reply = HashReplySchema.safeParse(event.data);
        if (!reply.success || !('sha256' in reply.data)) {
          fallback();
          return;
        }
        worker.terminate();
        signal.removeEventListener('abort', stop);
        resolve(reply.data.sha256);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        fallback();
      };
      worker.postMessage({ file });
    });
}

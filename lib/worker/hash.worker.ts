/// <reference lib="webworker" />
/**
 * Hashes one File (sha256, slice by slice) beside the ingest worker, so the hash costs no time
 * on the ingest path: on two cores the file is parsed and hashed at once.
 */
import { hashBlob, HashRequestSchema } from './hash-file';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = HashRequestSchema.safeParse(event.data);
  if (!parsed.success) {
    self.postMessage({ error: 'expected a File' });
    return;
  }
  hashBlob(parsed.data.file).then(
    (sha256) => self.postMessage({ sha256 }),
    (e: unknown) => self.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
};

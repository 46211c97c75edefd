import { READ_CHUNK_BYTES } from './protocol';

/** Slices being read ahead of the consumer. */
export const READ_AHEAD = 3;

/**
 * Reads a Blob (a File) slice by slice, so a multi-gigabyte file is never one buffer or one
 * string. The next slices are already being read while the consumer works on the current one
 * (at most {@link READ_AHEAD} + 1 slices in memory): a read waits on the browser's file thread,
 * and without the read-ahead the ingest worker sat idle for a quarter of a 1M-row load.
 */
export async function* readBlobChunks(blob: Blob, chunkBytes: number = READ_CHUNK_BYTES, ahead: number = READ_AHEAD): AsyncGenerator<Uint8Array> {
  const reads: Promise<ArrayBuffer>[] = [];
  let off = 0;
  const fill = () => {
    while (reads.length < ahead && off < blob.size) {
      const p = blob.slice(off, off + chunkBytes).arrayBuffer();
      // a read-ahead the consumer never asks for (it stopped early) must not be an unhandled rejection
      p.catch(() => undefined);
      reads.push(p);
      off += chunkBytes;
    }
  };
  fill();
  for (let next = reads.shift(); next; next = reads.shift()) {
    const buf = await next;
    fill();
    yield new Uint8Array(buf);
  }
}

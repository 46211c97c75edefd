import { READ_CHUNK_BYTES } from './protocol';

/**
 * Reads a Blob (a File) slice by slice, so a multi-gigabyte file is never one buffer or one
 * string. Each slice is read only when the consumer asks for the next chunk.
 */
export async function* readBlobChunks(blob: Blob, chunkBytes: number = READ_CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  for (let off = 0; off < blob.size; off += chunkBytes) {
    const buf = await blob.slice(off, off + chunkBytes).arrayBuffer();
    yield new Uint8Array(buf);
  }
}

import { streamChunks } from '../ingest/stream-chunks';
import { READ_CHUNK_BYTES } from './protocol';

/**
 * Reads a Blob (a File) as the platform streams it, each piece new memory (see
 * {@link streamBlobInto} for reading into reused buffers): pieces of about a mebibyte in Chromium,
 * never the whole file. Cheaper than reading slices: in a Chromium worker a 288 MB file took
 * 2.1 CPU-seconds over all the browser's threads this way, against 3.3–5.2 for 4 MiB slices
 * read three ahead (1.1–1.5 s of wall time against 1.8–2.9), and on two cores that CPU is
 * taken from the parser.
 */
export function streamBlob(blob: Blob): AsyncGenerator<Uint8Array> {
  return streamChunks(blob.stream());
}

/** Bytes of each buffer {@link streamBlobInto} fills. */
export const READ_BUFFER_BYTES = 1 << 20;

/**
 * Streams a Blob (a File) into buffers the caller supplies (`take`, called once per chunk) with
 * the stream's BYOB reader, each filled up to its size (the last one less): a caller that hands
 * the buffers back once done with them reads a whole file through a few buffers. The platform's
 * own chunks are new memory each, and first touching new memory is expensive: in a Chromium
 * worker on this project's 2-core machine, reading a 214 MB file took 1.1–1.5 s and 52–61
 * thousand page faults streamed, against 0.4–0.5 s and 1–4 thousand into one reused buffer
 * (scratch-prof/stream-test.mts). Where the stream has no BYOB reader, it is {@link streamBlob}.
 */
export async function* streamBlobInto(blob: Blob, take: () => ArrayBuffer): AsyncGenerator<Uint8Array> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = blob.stream().getReader({ mode: 'byob' });
  } catch {
    yield* streamBlob(blob);
    return;
  }
  let done = false;
  try {
    for (;;) {
      let buffer = take();
      let filled = 0;
      while (filled < buffer.byteLength) {
        const r = await reader.read(new Uint8Array(buffer, filled));
        // the read hands the buffer back (moved: a new ArrayBuffer object over the same memory)
        if (r.value) buffer = r.value.buffer as ArrayBuffer;
        if (r.done) {
          done = true;
          break;
        }
        filled += r.value.length;
      }
      if (filled > 0) yield new Uint8Array(buffer, 0, filled);
      if (done) return;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * A Blob streamed through two buffers ({@link streamBlobInto}): each chunk is valid until the
 * next is asked for, then its buffer is read into again (what ingest() reads a source by).
 */
export async function* streamBlobReused(blob: Blob): AsyncGenerator<Uint8Array> {
  const free: ArrayBuffer[] = [];
  let held: Uint8Array | null = null;
  for await (const chunk of streamBlobInto(blob, () => free.pop() ?? new ArrayBuffer(READ_BUFFER_BYTES))) {
    if (held) free.push(held.buffer as ArrayBuffer);
    held = chunk;
    yield chunk;
  }
}

/**
 * A Blob streamed ({@link streamBlobReused}: a chunk is valid until the next is asked for), or
 * read in slices of `chunkBytes` when given (tests cut files small with it; each slice its own).
 */
export function readBlob(blob: Blob, chunkBytes?: number): AsyncGenerator<Uint8Array> {
  return chunkBytes === undefined ? streamBlobReused(blob) : readBlobChunks(blob, chunkBytes);
}

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

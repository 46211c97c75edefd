/**
 * Reading a File in a second worker. In Chromium a Blob read is drained on the thread that asked
 * for it: slices read ahead by the ingest worker only arrive when its parser pauses, so that
 * worker sat idle waiting for bytes for ~15-25 % of a load. A reader worker streams the file
 * (ahead of need), hashes each chunk (sha256) and hands it over without a copy (transferred
 * ArrayBuffer); the ingest worker only parses. The file is read once for both.
 */
import { z } from 'zod';
import { createFastSha256, type Hasher } from '../ingest/hash';
import { readBlob, readBlobChunks, READ_BUFFER_BYTES, streamBlobInto } from './read-file';

/** The chunks of a file and its sha256, from wherever they are read. */
export interface FileRead {
  chunks: AsyncIterable<Uint8Array>;
  /** rejects when the read was aborted */
  sha256: Promise<string>;
}

/** Reads a file for the ingest pass; `signal` aborts it (a cancelled file). */
export type ReadFile = (file: File, signal: AbortSignal) => FileRead;

/**
 * Chunks handed over and not yet given back by the parser (the one it works on, and those
 * waiting), at most: bounds the memory in transit.
 */
export const MAX_CHUNKS_IN_FLIGHT = 4;

export const ReaderRequestSchema = z.union([
  /** the file to read; `chunkBytes` reads it in slices of that size instead of streaming it (tests) */
  z.object({ file: z.custom<File>((v) => typeof File !== 'undefined' && v instanceof File, 'expected a File'), chunkBytes: z.number().int().positive().optional() }),
  /** the parser is done with one more chunk, and gives back its buffer when it was streamed into one (streamBlobInto) */
  z.object({ ack: z.literal(true), buffer: z.instanceof(ArrayBuffer).refine((b) => b.byteLength > 0).optional() }),
]);

export const ReaderReplySchema = z.union([
  z.object({ chunk: z.instanceof(Uint8Array) }),
  z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ error: z.string().max(2000) }),
]);
export type ReaderReply = z.infer<typeof ReaderReplySchema>;

/**
 * The reader worker's side: reads the file given, hashes every chunk, posts it (transferring its
 * buffer), and waits while {@link MAX_CHUNKS_IN_FLIGHT} chunks are not given back yet; then the
 * digest. A streamed file is read into the buffers the parser gives back (streamBlobInto), so a
 * file goes through a handful of buffers instead of new memory per chunk.
 */
export function readerWorkerHandler(post: (reply: ReaderReply, transfer: Transferable[]) => void): (data: unknown) => void {
  // the hasher (its sha256 WebAssembly compiled) is made while the worker waits for its file (a
  // worker started ahead), and hashes that file
  let ready: Promise<Hasher> | null = createFastSha256();
  let acked = 0;
  let sent = 0;
  let room: (() => void) | null = null;
  /** buffers given back, to read into again */
  const buffers: ArrayBuffer[] = [];
  const take = () => buffers.pop() ?? new ArrayBuffer(READ_BUFFER_BYTES);
  return (data) => {
    const req = ReaderRequestSchema.safeParse(data);
    if (!req.success) {
      post({ error: 'expected a File or an acknowledgement' }, []);
      return;
    }
    if ('ack' in req.data) {
      acked++;
      if (req.data.buffer) buffers.push(req.data.buffer);
      if (room && sent - acked < MAX_CHUNKS_IN_FLIGHT) {
        const go = room;
        room = null;
        go();
      }
      return;
    }
    const { file, chunkBytes } = req.data;
    void (async () => {
      try {
        const made = ready ?? createFastSha256();
        ready = null;
        const h = await made;
        for await (const chunk of chunkBytes === undefined ? streamBlobInto(file, take) : readBlobChunks(file, chunkBytes)) {
          h.update(chunk);
          if (sent - acked >= MAX_CHUNKS_IN_FLIGHT) await new Promise<void>((resolve) => (room = resolve));
          sent++;
          post({ chunk: chunk as Uint8Array<ArrayBuffer> }, [chunk.buffer as ArrayBuffer]);
        }
        post({ sha256: h.hex() }, []);
      } catch (e) {
        post({ error: e instanceof Error ? e.message : String(e) }, []);
      }
    })();
  };
}

/** Reads and hashes in this thread (no second worker). */
export function readHere(file: File, chunkBytes?: number): FileRead {
  const hasher = createFastSha256();
  let settle: { resolve: (s: string) => void; reject: (e: Error) => void } | null = null;
  const sha256 = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  sha256.catch(() => undefined);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      const h = await hasher;
      for await (const chunk of readBlob(file, chunkBytes)) {
        h.update(chunk);
        yield chunk;
      }
      settle?.resolve(h.hex());
    } catch (e) {
      settle?.reject(e instanceof Error ? e : new Error(String(e)));
      throw e;
    } finally {
      settle?.reject(new Error('aborted')); // no-op once resolved
    }
  }
  return { chunks: chunks(), sha256 };
}

/**
 * Reads each file in a worker made by `spawn` (see the module comment). When no worker can be
 * made the file is read here; when the worker fails midway, the rest is read here from where it
 * stopped and the digest is computed here from the whole file (late, never missing or wrong).
 *
 * One reader is started ahead, before the first file and again once a file is read: a worker's
 * start (its script, the sha256 WebAssembly) took 160–420 ms before its first chunk in Chromium,
 * against 20 ms for one started ahead (scratch harness, 1M-line log), time every load waited.
 */
export function readInWorker(spawn: () => Worker, chunkBytes?: number): ReadFile {
  let spare: Worker | null = null;
  const startSpare = () => {
    if (spare) return;
    try {
      spare = spawn();
    } catch {
      spare = null;
    }
  };
  startSpare();
  return (file, signal) => {
    let worker: Worker;
    if (spare) {
      worker = spare;
      spare = null;
    } else {
      try {
        worker = spawn();
      } catch {
        return readHere(file, chunkBytes);
      }
    }
    const queue: Uint8Array[] = [];
    let received = 0;
    let ended = false;
    let local: AsyncIterator<Uint8Array> | null = null;
    let wake: (() => void) | null = null;
    let settle: { resolve: (s: string) => void; reject: (e: Error) => void } | null = null;
    const sha256 = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
    sha256.catch(() => undefined);
    const notify = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    const failOver = () => {
      if (ended || local) return;
      worker.terminate();
      local = readBlob(file.slice(received), chunkBytes)[Symbol.asyncIterator]();
      hashBlob(file, signal).then(
        (s) => settle?.resolve(s),
        (e: unknown) => settle?.reject(e instanceof Error ? e : new Error(String(e))),
      );
      notify();
    };
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const reply = ReaderReplySchema.safeParse(event.data);
      if (!reply.success || 'error' in reply.data) return failOver();
      if ('chunk' in reply.data) {
        received += reply.data.chunk.length;
        queue.push(reply.data.chunk);
      } else {
        ended = true;
        worker.terminate();
        settle?.resolve(reply.data.sha256);
      }
      notify();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      failOver();
    };
    const abort = () => {
      worker.terminate();
      settle?.reject(new Error('aborted'));
      notify();
    };
    signal.addEventListener('abort', abort, { once: true });
    worker.postMessage(chunkBytes === undefined ? { file } : { file, chunkBytes });

    async function* chunks(): AsyncGenerator<Uint8Array> {
      try {
        /** the chunk the parser has: done with once it asks for the next (see ingest's source) */
        let held: Uint8Array | null = null;
        for (;;) {
          if (signal.aborted) return;
          if (held && !ended && !local) worker.postMessage({ ack: true, buffer: held.buffer }, [held.buffer as ArrayBuffer]);
          held = null;
          const next = queue.shift();
          if (next) {
            held = next;
            yield next;
            continue;
          }
          if (local) {
            const r = await local.next();
            if (r.done) return;
            yield r.value;
            continue;
          }
          if (ended) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        signal.removeEventListener('abort', abort);
        if (!ended) worker.terminate();
        startSpare();
      }
    }
    return { chunks: chunks(), sha256 };
  };
}

/** sha256 of a Blob, streamed here; rejects when aborted. */
export async function hashBlob(blob: Blob, signal?: AbortSignal): Promise<string> {
  const h = await createFastSha256();
  for await (const chunk of readBlob(blob)) {
    if (signal?.aborted) throw new Error('aborted');
    h.update(chunk);
  }
  return h.hex();
}

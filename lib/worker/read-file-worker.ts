/**
 * Reading a File in a second worker. In Chromium a Blob read is drained on the thread that asked
 * for it: slices read ahead by the ingest worker only arrive when its parser pauses, so that
 * worker sat idle waiting for bytes for ~15-25 % of a load. A reader worker streams the file
 * (ahead of need) and hands each chunk over without a copy (transferred ArrayBuffer); the ingest
 * worker only parses.
 *
 * The sha256 of the file is not computed on that pass but on a later one, when asked
 * ({@link FileRead.digest}): in a worker, hashing is WebAssembly at ~320 MB/s (Web Crypto has no
 * streaming digest), and on two cores it took the time the parse needed (1M-row CSV in Chromium:
 * ingest 1.87–1.91 s hashing, 1.26–1.46 s not). The page asks for it once the findings are shown.
 */
import { z } from 'zod';
import { createFastSha256 } from '../ingest/hash';
import { Sha256Schema } from './protocol';
import { readBlob, readBlobChunks, READ_BUFFER_BYTES, streamBlobInto } from './read-file';

/** The chunks of a file and its sha256, from wherever they are read. */
export interface FileRead {
  chunks: AsyncIterable<Uint8Array>;
  /**
   * The file's sha256 (the same promise on every call); rejects when the read was aborted or
   * the file cannot be read again. When {@link deferred}, calling it starts a second read of the
   * file; otherwise the chunks were hashed as they were read and it settles once they all were.
   */
  digest(): Promise<string>;
  /** digest() reads the file again (so a caller may put it off until nothing else is waiting) */
  deferred: boolean;
}

/**
 * Reads a file for the ingest pass; `signal` aborts it (a cancelled file). `prepare`, when
 * given, gets ready for the next read (starts its reader worker); the caller calls it once it
 * is quiet after a load (see WorkerSession).
 */
export type ReadFile = ((file: File, signal: AbortSignal) => FileRead) & { prepare?: () => void };

/**
 * Chunks handed over and not yet given back by the parser (the one it works on, those waiting,
 * and those done with but not yet given back), at most: bounds the memory in transit.
 */
export const MAX_CHUNKS_IN_FLIGHT = 8;

/**
 * The parser gives chunks back this many at a time, in one message: a postMessage from the
 * ingest worker took ~0.2 ms whatever it carried (median; 113 ms for the 1M CSV's 275 chunks
 * given back one by one in Chromium, 39 ms four by four). Less than {@link MAX_CHUNKS_IN_FLIGHT},
 * so the reader always has room to read ahead of the parser.
 */
export const ACK_BATCH = 4;

const FileSchema = z.custom<File>((v) => typeof File !== 'undefined' && v instanceof File, 'expected a File');

export const ReaderRequestSchema = z.union([
  /** the file to read; `chunkBytes` reads it in slices of that size instead of streaming it (tests) */
  z.object({ file: FileSchema, chunkBytes: z.number().int().positive().optional() }),
  /** the file to hash (read again, nothing handed over) */
  z.object({ digest: FileSchema }),
  /** the parser is done with one more chunk per buffer it gives back (read into again when the file is streamed: streamBlobInto) */
  z.object({
    ack: z.literal(true),
    buffers: z.array(z.instanceof(ArrayBuffer).refine((b) => b.byteLength > 0)).min(1).max(MAX_CHUNKS_IN_FLIGHT),
  }),
]);

export const ReaderReplySchema = z.union([
  z.object({ chunk: z.instanceof(Uint8Array) }),
  /** every chunk of the file was posted */
  z.object({ end: z.literal(true) }),
  z.object({ sha256: Sha256Schema }),
  z.object({ error: z.string().max(2000) }),
]);
export type ReaderReply = z.infer<typeof ReaderReplySchema>;

/**
 * The reader worker's side. Given a file: reads it, posts each chunk (transferring its buffer),
 * and waits while {@link MAX_CHUNKS_IN_FLIGHT} chunks are not given back yet; then `end`. A
 * streamed file is read into the buffers the parser gives back (streamBlobInto), so a file goes
 * through a handful of buffers instead of new memory per chunk. Given a file to digest: reads it
 * through two buffers of its own and posts its sha256.
 */
export function readerWorkerHandler(post: (reply: ReaderReply, transfer: Transferable[]) => void): (data: unknown) => void {
  let acked = 0;
  let sent = 0;
  let room: (() => void) | null = null;
  /** buffers given back, to read into again */
  const buffers: ArrayBuffer[] = [];
  const take = () => buffers.pop() ?? new ArrayBuffer(READ_BUFFER_BYTES);
  const fail = (e: unknown) => post({ error: e instanceof Error ? e.message : String(e) }, []);
  return (data) => {
    const req = ReaderRequestSchema.safeParse(data);
    if (!req.success) {
      post({ error: 'expected a File, a File to digest or an acknowledgement' }, []);
      return;
    }
    if ('ack' in req.data) {
      acked += req.data.buffers.length;
      buffers.push(...req.data.buffers);
      if (room && sent - acked < MAX_CHUNKS_IN_FLIGHT) {
        const go = room;
        room = null;
        go();
      }
      return;
    }
    if ('digest' in req.data) {
      hashBlob(req.data.digest).then((sha256) => post({ sha256 }, []), fail);
      return;
    }
    const { file, chunkBytes } = req.data;
    void (async () => {
      try {
        for await (const chunk of chunkBytes === undefined ? streamBlobInto(file, take) : readBlobChunks(file, chunkBytes)) {
          if (sent - acked >= MAX_CHUNKS_IN_FLIGHT) await new Promise<void>((resolve) => (room = resolve));
          sent++;
          post({ chunk: chunk as Uint8Array<ArrayBuffer> }, [chunk.buffer as ArrayBuffer]);
        }
        post({ end: true }, []);
      } catch (e) {
        fail(e);
      }
    })();
  };
}

/** Reads and hashes in this thread (no second worker): the digest is there once the chunks are read. */
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
  return { chunks: chunks(), digest: () => sha256, deferred: false };
}

/**
 * Reads each file in a worker made by `spawn` (see the module comment). When no worker can be
 * made the file is read (and hashed) here; when the worker fails midway, the rest is read here
 * from where it stopped.
 *
 * The digest, when asked, is computed by another worker from `spawn`, which reads the file again;
 * here when no worker can be made or it fails (late, never missing or wrong).
 *
 * One reader is started ahead, before the first file and again by `prepare` after a read: a
 * worker's start (its script, and then the sha256 WebAssembly, now compiled only for a digest)
 * took 160–420 ms before its first chunk in Chromium, against 20 ms for one started ahead
 * (scratch harness, 1M-line log), time every load waited. Not at the end of a read: this worker
 * is busy with detection then, so the new worker's scripts were fetched and run only once the
 * findings were out, on the cores the page was drawing them with (a trace of the 1M CSV's
 * load: the reader's scripts 85–160 ms after the findings, beside the overview's render).
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
  const takeWorker = (): Worker | null => {
    const w = spare;
    spare = null;
    if (w) return w;
    try {
      return spawn();
    } catch {
      return null;
    }
  };
  startSpare();

  /** sha256 of `file` from a reader worker; here when none can be made or it fails */
  const digestInWorker = (file: File): Promise<string> => {
    const worker = takeWorker();
    startSpare();
    if (!worker) return hashBlob(file);
    return new Promise<string>((resolve) => {
      let done = false;
      const finish = (p: Promise<string> | string) => {
        if (done) return;
        done = true;
        worker.terminate();
        resolve(p);
      };
      worker.onmessage = (event: MessageEvent<unknown>) => {
        const reply = ReaderReplySchema.safeParse(event.data);
        finish(reply.success && 'sha256' in reply.data ? reply.data.sha256 : hashBlob(file));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish(hashBlob(file));
      };
      worker.postMessage({ digest: file });
    });
  };

  const read = (file: File, signal: AbortSignal): FileRead => {
    let digest: Promise<string> | null = null;
    const deferredDigest = () => {
      if (signal.aborted) return Promise.reject(new Error('aborted'));
      return (digest ??= digestInWorker(file));
    };
    const taken = takeWorker();
    if (!taken) return readHere(file, chunkBytes);
    const worker: Worker = taken;
    const queue: Uint8Array[] = [];
    let received = 0;
    let ended = false;
    let local: AsyncIterator<Uint8Array> | null = null;
    let wake: (() => void) | null = null;
    const notify = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    const failOver = () => {
      if (ended || local) return;
      worker.terminate();
      local = readBlob(file.slice(received), chunkBytes)[Symbol.asyncIterator]();
      notify();
    };
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const reply = ReaderReplySchema.safeParse(event.data);
      if (!reply.success || 'error' in reply.data || 'sha256' in reply.data) return failOver();
      if ('chunk' in reply.data) {
        received += reply.data.chunk.length;
        queue.push(reply.data.chunk);
      } else {
        ended = true;
        worker.terminate();
      }
      notify();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      failOver();
    };
    const abort = () => {
      worker.terminate();
      notify();
    };
    signal.addEventListener('abort', abort, { once: true });
    worker.postMessage(chunkBytes === undefined ? { file } : { file, chunkBytes });

    async function* chunks(): AsyncGenerator<Uint8Array> {
      try {
        /** the chunk the parser has: done with once it asks for the next (see ingest's source) */
        let held: Uint8Array | null = null;
        /** buffers of chunks done with, given back {@link ACK_BATCH} at a time */
        let done: ArrayBuffer[] = [];
        for (;;) {
          if (signal.aborted) return;
          if (held && !ended && !local) {
            done.push(held.buffer as ArrayBuffer);
            if (done.length >= ACK_BATCH) {
              worker.postMessage({ ack: true, buffers: done }, done);
              done = [];
            }
          }
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
      }
    }
    return { chunks: chunks(), digest: deferredDigest, deferred: true };
  };
  return Object.assign(read, { prepare: startSpare });
}

/** sha256 of a Blob, streamed here. */
export async function hashBlob(blob: Blob): Promise<string> {
  const h = await createFastSha256();
  for await (const chunk of readBlob(blob)) h.update(chunk);
  return h.hex();
}

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
import type { InputItem } from '../ingest/ingest';
import { batchBuffers, CutBatchSchema, CutConfigSchema, isCutBatch, precutChunks, type CutBatch, type CutConfig, type PrecutDecision, type PrecutLink } from '../ingest/precut';
import { textRuleFor } from '../ingest/precut-rules';
import { Sha256Schema } from './protocol';
import { readBlob, readBlobChunks, READ_BUFFER_BYTES, streamBlobInto } from './read-file';

/** The chunks of a file and its sha256, from wherever they are read. */
export interface FileRead {
  /** the file's bytes, or once they were handed over on {@link precut}, rows cut by the reader */
  chunks: AsyncIterable<InputItem>;
  /** the reader that may cut the rows (see precut.ts); absent when the file is read here */
  precut?: PrecutLink;
  /**
   * The file's sha256 (the same promise on every call); rejects when the read was aborted or
   * the file cannot be read again. When {@link deferred}, calling it starts a second read of the
   * file; otherwise the chunks were hashed as they were read and it settles once they all were.
   */
  digest(): Promise<string>;
  /** digest() reads the file again (so a caller may put it off until nothing else is waiting) */
  deferred: boolean;
}

/** Reads a file for the ingest pass; `signal` aborts it (a cancelled file). */
export type ReadFile = (file: File, signal: AbortSignal) => FileRead;

/**
 * Chunks handed over and not yet given back by the parser (the one it works on, and those
 * waiting), at most: bounds the memory in transit.
 */
export const MAX_CHUNKS_IN_FLIGHT = 4;

const FileSchema = z.custom<File>((v) => typeof File !== 'undefined' && v instanceof File, 'expected a File');

export const ReaderRequestSchema = z.union([
  /** the file to read; `chunkBytes` reads it in slices of that size instead of streaming it (tests) */
  z.object({ file: FileSchema, chunkBytes: z.number().int().positive().optional() }),
  /** the file to hash (read again, nothing handed over) */
  z.object({ digest: FileSchema }),
  /** the parser is done with one more chunk (or batch), and gives back its buffers when they are the reader's to reuse */
  z.object({ ack: z.literal(true), buffers: z.array(z.instanceof(ArrayBuffer).refine((b) => b.byteLength > 0)).max(8).optional() }),
  /** after the first chunk: go on with plain chunks, or cut the rows from `tail` on (see precut.ts) */
  z.object({ decide: z.literal('raw') }),
  z.object({ decide: z.literal('cut'), config: CutConfigSchema, tail: z.instanceof(Uint8Array) }),
  /** plain chunks from the next one on (the parser cuts the rest itself) */
  z.object({ raw: z.literal(true) }),
]);

export const ReaderReplySchema = z.union([
  z.object({ chunk: z.instanceof(Uint8Array) }),
  z.object({ batch: CutBatchSchema }),
  /** every chunk of the file was posted */
  z.object({ end: z.literal(true) }),
  z.object({ sha256: Sha256Schema }),
  z.object({ error: z.string().max(2000) }),
]);
/** (a batch as the reader makes it: the schema's typed arrays are over plain ArrayBuffers) */
export type ReaderReply = Exclude<z.infer<typeof ReaderReplySchema>, { batch: unknown }> | { batch: CutBatch };

/**
 * The reader worker's side. Given a file: reads it, posts its first chunk, and waits to hear how
 * to go on (the parser may hand its row cutting over, see precut.ts); then posts each chunk, or
 * each batch of rows cut from it, transferring their buffers, and waits while
 * {@link MAX_CHUNKS_IN_FLIGHT} are not given back yet; then `end`. A streamed file is read into
 * buffers given back (streamBlobInto), and batches are written into them, so a file goes through
 * a handful of buffers instead of new memory per chunk. Given a file to digest: reads it through
 * two buffers of its own and posts its sha256.
 */
export function readerWorkerHandler(post: (reply: ReaderReply, transfer: Transferable[]) => void): (data: unknown) => void {
  let acked = 0;
  let sent = 0;
  let room: (() => void) | null = null;
  /** buffers given back: those of a chunk's size to read into again, the others to cut batches into */
  const buffers: ArrayBuffer[] = [];
  const spare: ArrayBuffer[] = [];
  const giveBack = (b: ArrayBuffer) => (b.byteLength === READ_BUFFER_BYTES ? buffers : spare).push(b);
  /** a buffer to read a chunk into */
  const takeRead = (): ArrayBuffer => buffers.pop() ?? new ArrayBuffer(READ_BUFFER_BYTES);
  /** the smallest spare buffer of at least `bytes` (a new one, with some room, when none is) */
  const take = (bytes: number): ArrayBuffer => {
    let best = -1;
    for (let i = 0; i < spare.length; i++) {
      const len = (spare[i] as ArrayBuffer).byteLength;
      if (len >= bytes && (best < 0 || len < (spare[best] as ArrayBuffer).byteLength)) best = i;
    }
    if (best >= 0) return spare.splice(best, 1)[0] as ArrayBuffer;
    const room = bytes + (bytes >> 4) + 4096;
    return new ArrayBuffer(room === READ_BUFFER_BYTES ? room + 8 : room);
  };
  let decide: ((d: PrecutDecision) => void) | null = null;
  let decision: PrecutDecision | null = null;
  let rawAsked = false;
  const fail = (e: unknown) => post({ error: e instanceof Error ? e.message : String(e) }, []);
  return (data) => {
    const req = ReaderRequestSchema.safeParse(data);
    if (!req.success) {
      post({ error: 'expected a File, a File to digest, a decision or an acknowledgement' }, []);
      return;
    }
    const r = req.data;
    if ('ack' in r) {
      acked++;
      for (const b of r.buffers ?? []) giveBack(b);
      if (room && sent - acked < MAX_CHUNKS_IN_FLIGHT) {
        const go = room;
        room = null;
        go();
      }
      return;
    }
    if ('decide' in r) {
      const d: PrecutDecision = r.decide === 'cut' ? { cut: true, config: r.config, tail: r.tail } : { cut: false };
      if (decide) decide(d);
      else decision = d;
      return;
    }
    if ('raw' in r) {
      rawAsked = true;
      return;
    }
    if ('digest' in r) {
      hashBlob(r.digest).then((sha256) => post({ sha256 }, []), fail);
      return;
    }
    const { file, chunkBytes } = r;
    /** the chunk being cut or posted (its buffer is reused once it is cut) */
    let current: Uint8Array | null = null;
    async function* read(): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunkBytes === undefined ? streamBlobInto(file, takeRead) : readBlobChunks(file, chunkBytes)) {
        current = chunk;
        yield chunk;
      }
    }
    const decided = () => decision ?? new Promise<PrecutDecision>((resolve) => (decide = resolve));
    void (async () => {
      try {
        for await (const item of precutChunks(read(), decided, () => rawAsked, textRuleFor, take)) {
          if (sent - acked >= MAX_CHUNKS_IN_FLIGHT) await new Promise<void>((resolve) => (room = resolve));
          sent++;
          if (isCutBatch(item)) {
            post({ batch: item }, batchBuffers(item));
            // the chunk was copied into the cutter: its buffer reads the next one
            const c = current as Uint8Array | null;
            if (c && chunkBytes === undefined) giveBack(c.buffer as ArrayBuffer);
          } else post({ chunk: item as Uint8Array<ArrayBuffer> }, [item.buffer as ArrayBuffer]);
          current = null;
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
 * One reader is started ahead, before the first file and again once a file is read: a worker's
 * start (its script, and then the sha256 WebAssembly, now compiled only for a digest) took 160–420 ms before its first chunk in Chromium,
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

  return (file, signal) => {
    let digest: Promise<string> | null = null;
    const deferredDigest = () => {
      if (signal.aborted) return Promise.reject(new Error('aborted'));
      return (digest ??= digestInWorker(file));
    };
    const taken = takeWorker();
    if (!taken) return readHere(file, chunkBytes);
    const worker: Worker = taken;
    const queue: InputItem[] = [];
    let received = 0;
    let ended = false;
    let local: AsyncIterator<Uint8Array> | null = null;
    /** the parser's word after the first chunk (see precut.ts): sent once */
    let decided = false;
    const link: PrecutLink = {
      get open() {
        return !decided;
      },
      cut(config: CutConfig, tail: Uint8Array) {
        if (decided) throw new Error('the reader no longer waits for a decision');
        decided = true;
        // a copy (not transferred): the parser reads the tail itself if the reader fails
        worker.postMessage({ decide: 'cut', config, tail });
      },
      raw() {
        worker.postMessage({ raw: true });
      },
    };
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
      } else if ('batch' in reply.data) {
        received += reply.data.batch.fresh;
        queue.push(reply.data.batch as CutBatch);
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

    async function* chunks(): AsyncGenerator<InputItem> {
      try {
        /** the chunk the parser has: done with once it asks for the next (see ingest's source) */
        let held: InputItem | null = null;
        let first = true;
        for (;;) {
          if (signal.aborted) return;
          if (held && !ended && !local) {
            const buffers = isCutBatch(held) ? batchBuffers(held) : [held.buffer as ArrayBuffer];
            worker.postMessage({ ack: true, buffers }, buffers);
          }
          held = null;
          if (!first && !decided) {
            // the parser took the first chunk without handing its cutting over
            decided = true;
            worker.postMessage({ decide: 'raw' });
          }
          const next = queue.shift();
          if (next) {
            held = next;
            first = false;
            yield next;
            continue;
          }
          if (local) {
            const r = await local.next();
            if (r.done) return;
            first = false;
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
    return { chunks: chunks(), precut: link, digest: deferredDigest, deferred: true };
  };
}

/** sha256 of a Blob, streamed here. */
export async function hashBlob(blob: Blob): Promise<string> {
  const h = await createFastSha256();
  for await (const chunk of readBlob(blob)) h.update(chunk);
  return h.hex();
}

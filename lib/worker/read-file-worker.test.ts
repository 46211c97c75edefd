import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACK_BATCH, MAX_CHUNKS_IN_FLIGHT, readerWorkerHandler, readInWorker, type ReaderReply } from './read-file-worker';
import { READ_BUFFER_BYTES } from './read-file';

/**
 * A reader Worker running read.worker.ts's handler in this thread: the ingest side's messages
 * reach it at once; its replies wait in `outbox` until `deliver` (a test decides when the ingest
 * side hears of them), or arrive by themselves with `auto`.
 */
class FakeReaderWorker {
  onmessage: ((e: MessageEvent<unknown>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly outbox: ReaderReply[] = [];
  terminated = false;
  /** replies posted by the handler so far (chunks count toward in-flight) */
  posted = 0;
  private readonly handle = readerWorkerHandler((reply) => {
    if (this.terminated) return;
    this.posted++;
    this.outbox.push(reply);
    if (this.auto) queueMicrotask(() => this.deliver());
  });

  constructor(private readonly auto = true) {}

  postMessage(data: unknown): void {
    if (!this.terminated) this.handle(data);
  }

  deliver(n = Infinity): void {
    for (let i = 0; i < n && this.outbox.length > 0 && !this.terminated; i++) this.onmessage?.({ data: this.outbox.shift() } as MessageEvent<unknown>);
  }

  fail(): void {
    this.onerror?.({ preventDefault: () => undefined } as ErrorEvent);
  }

  terminate(): void {
    this.terminated = true;
  }
}

const bytesOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const settle = () => new Promise((r) => setTimeout(r, 10));

async function collect(it: AsyncIterable<Uint8Array>, each?: (i: number) => void): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const c of it) {
    each?.(out.length);
    out.push(c);
  }
  return Buffer.concat(out);
}

describe('readInWorker', () => {
  it('starts a reader ahead of the first file, and the next one only when asked to prepare, not as a read ends', async () => {
    const spawned: FakeReaderWorker[] = [];
    const spawn = () => {
      const w = new FakeReaderWorker();
      spawned.push(w);
      return w as unknown as Worker;
    };
    const readFile = readInWorker(spawn, 700);
    expect(spawned).toHaveLength(1);
    const first = readFile(new File([bytesOf(2000)], 'a.log'), new AbortController().signal);
    let read = 0;
    for await (const c of first.chunks) read += c.length;
    expect(read).toBe(2000);
    // the read has ended: its worker is done with, and no other was started
    expect(spawned).toHaveLength(1);
    expect(spawned[0]?.terminated).toBe(true);
    readFile.prepare?.();
    readFile.prepare?.();
    expect(spawned).toHaveLength(2);
    // the next file is read by the worker started ahead
    const bytes = bytesOf(1500);
    const second = readFile(new File([bytes], 'b.log'), new AbortController().signal);
    const out: Uint8Array[] = [];
    for await (const c of second.chunks) out.push(c.slice());
    expect(Buffer.concat(out).equals(Buffer.from(bytes))).toBe(true);
    expect(spawned).toHaveLength(2);
    expect((spawned[1] as FakeReaderWorker).posted).toBeGreaterThan(0);
    expect(spawned[1]?.terminated).toBe(true);
  });

  it('hands over every byte in order from the reader worker, which hashes nothing on that pass', async () => {
    const worker = new FakeReaderWorker(false);
    const bytes = bytesOf(10_000);
    const read = readInWorker(() => worker as unknown as Worker, 1000)(new File([bytes], 'f.log'), new AbortController().signal);
    expect(read.deferred).toBe(true);
    const replies: ReaderReply[] = [];
    const pump = setInterval(() => {
      replies.push(...worker.outbox);
      worker.deliver();
    }, 1);
    const got = await collect(read.chunks);
    clearInterval(pump);
    expect(got.equals(Buffer.from(bytes))).toBe(true);
    expect(replies.filter((r) => 'chunk' in r)).toHaveLength(10);
    expect(replies.at(-1)).toEqual({ end: true });
    expect(replies.some((r) => 'sha256' in r)).toBe(false);
    expect(worker.terminated).toBe(true);
  });

  it('computes the digest only when asked, in another reader worker that reads the file again', async () => {
    const made: FakeReaderWorker[] = [];
    const asked: unknown[] = [];
    const read = readInWorker(() => {
      const w = new FakeReaderWorker();
      const post = w.postMessage.bind(w);
      w.postMessage = (data: unknown) => {
        asked.push(data);
        post(data);
      };
      made.push(w);
      return w as unknown as Worker;
    }, 1000);
    const bytes = bytesOf(7000);
    const file = new File([bytes], 'f.log');
    const r = read(file, new AbortController().signal);
    await collect(r.chunks);
    expect(made.length).toBe(1); // the reader (the next is started by prepare)
    expect(asked.some((m) => typeof m === 'object' && m !== null && 'digest' in m)).toBe(false);
    const digest = r.digest();
    expect(r.digest()).toBe(digest); // asked twice, computed once
    await expect(digest).resolves.toBe(sha256(bytes));
    expect(asked.filter((m) => typeof m === 'object' && m !== null && 'digest' in m)).toEqual([{ digest: file }]);
    expect(made[1]?.terminated).toBe(true); // a worker made for it computed it, and is done
    expect(made.length).toBe(3); // another is started ahead for the next file
  });

  it('computes the digest here when the digest worker fails, and when no worker can be made', async () => {
    const bytes = bytesOf(3000);
    let failing = false;
    const read = readInWorker(() => {
      const w = new FakeReaderWorker();
      if (failing) w.postMessage = () => queueMicrotask(() => w.fail());
      return w as unknown as Worker;
    }, 1000);
    const r = read(new File([bytes], 'f.log'), new AbortController().signal);
    await collect(r.chunks);
    failing = true;
    // the spare started ahead is a working one: make the next spare a failing one first
    const other = read(new File([bytesOf(10)], 'g.log'), new AbortController().signal);
    await collect(other.chunks);
    await expect(r.digest()).resolves.toBe(sha256(bytes));
    const none = readInWorker(() => {
      throw new Error('no workers');
    }, 1000)(new File([bytes], 'h.log'), new AbortController().signal);
    expect(none.deferred).toBe(false);
    await collect(none.chunks);
    await expect(none.digest()).resolves.toBe(sha256(bytes));
  });

  it('streams a file into full buffers the parser gives back when it asks for the next chunk, every byte in order', async () => {
    const worker = new FakeReaderWorker();
    const bytes = bytesOf(3 * READ_BUFFER_BYTES + 12_345);
    const read = readInWorker(() => worker as unknown as Worker)(new File([bytes], 'f.log'), new AbortController().signal);
    const lengths: number[] = [];
    const out: Uint8Array[] = [];
    // a parser is done with a chunk when it asks for the next (this fake's buffers are not moved
    // between threads: a chunk kept instead of copied would be read into again)
    for await (const c of read.chunks) {
      lengths.push(c.length);
      out.push(c.slice());
    }
    expect(Buffer.concat(out).equals(Buffer.from(bytes))).toBe(true);
    expect(lengths).toEqual([READ_BUFFER_BYTES, READ_BUFFER_BYTES, READ_BUFFER_BYTES, 12_345]);
  });

  it('gives chunks back a batch at a time, each batch with its buffers', async () => {
    const worker = new FakeReaderWorker();
    const acks: { ack: true; buffers: ArrayBuffer[] }[] = [];
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (data: unknown) => {
      if (typeof data === 'object' && data !== null && 'ack' in data) acks.push(data as { ack: true; buffers: ArrayBuffer[] });
      post(data);
    };
    const chunks = 2 * ACK_BATCH + 3;
    const bytes = bytesOf((chunks - 1) * READ_BUFFER_BYTES + 999);
    const read = readInWorker(() => worker as unknown as Worker)(new File([bytes], 'f.log'), new AbortController().signal);
    const out: Uint8Array[] = [];
    for await (const c of read.chunks) out.push(c.slice());
    expect(Buffer.concat(out).equals(Buffer.from(bytes))).toBe(true);
    // one message per ACK_BATCH chunks done with (the last ones need none: the file had ended)
    // (the count is the number of buffers given back)
    expect(acks.map((a) => a.buffers.length)).toEqual([ACK_BATCH, ACK_BATCH]);
    expect(out).toHaveLength(chunks);
  });

  it('the reader waits while chunks are not taken, so they never pile up', async () => {
    const worker = new FakeReaderWorker(false);
    readInWorker(() => worker as unknown as Worker, 100)(new File([bytesOf(2000)], 'f.log'), new AbortController().signal);
    await settle();
    // nothing delivered, nothing taken: the reader stops after the in-flight bound
    expect(worker.posted).toBe(MAX_CHUNKS_IN_FLIGHT);
  });

  it('when the reader fails midway, the rest is read here from where it stopped, and the digest is still right', async () => {
    const worker = new FakeReaderWorker();
    const bytes = bytesOf(5000);
    const workers = [worker];
    const spawn = () => (workers.shift() ?? new FakeReaderWorker()) as unknown as Worker;
    const read = readInWorker(spawn, 700)(new File([bytes], 'f.log'), new AbortController().signal);
    const got = await collect(read.chunks, (i) => {
      if (i === 2) worker.fail();
    });
    expect(got.equals(Buffer.from(bytes))).toBe(true);
    expect(worker.terminated).toBe(true);
    await expect(read.digest()).resolves.toBe(sha256(bytes));
  });

  it('stops the reader when the file is cancelled', async () => {
    const worker = new FakeReaderWorker();
    const abort = new AbortController();
    const read = readInWorker(() => worker as unknown as Worker, 100)(new File([bytesOf(2000)], 'f.log'), abort.signal);
    const it = read.chunks[Symbol.asyncIterator]();
    await it.next();
    abort.abort();
    expect(worker.terminated).toBe(true);
    await expect(read.digest()).rejects.toThrow('aborted');
    expect((await it.next()).done).toBe(true);
  });

  it('the reader answers anything but a File, a File to digest or an acknowledgement with an error', () => {
    const replies: ReaderReply[] = [];
    readerWorkerHandler((r) => replies.push(r))({ file: 'not a file' });
    readerWorkerHandler((r) => replies.push(r))({ digest: 'not a file' });
    expect(replies).toEqual([{ error: 'expected a File, a File to digest or an acknowledgement' }, { error: 'expected a File, a File to digest or an acknowledgement' }]);
  });

  it('a digest the reader cannot compute (the file is gone) is an error, not a wrong sha256', async () => {
    const replies: ReaderReply[] = [];
    const gone = new File(['abc'], 'gone.log');
    Object.defineProperty(gone, 'stream', { value: () => new ReadableStream({ pull: (c) => c.error(new Error('NotReadableError: the file changed')) }) });
    readerWorkerHandler((r) => replies.push(r))({ digest: gone });
    await settle();
    expect(replies).toEqual([{ error: 'NotReadableError: the file changed' }]);
  });
});

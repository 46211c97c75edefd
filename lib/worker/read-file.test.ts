import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readBlob, readBlobChunks, streamBlobInto } from './read-file';

async function collect(it: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of it) out.push(c);
  return out;
}

/** A Blob that records which slices were asked for, and can fail a slice's read. */
function tracedBlob(bytes: Uint8Array, failAt = -1) {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const starts: number[] = [];
  const traced = {
    size: blob.size,
    slice(start: number, end: number) {
      starts.push(start);
      const part = blob.slice(start, end);
      return { arrayBuffer: () => (start === failAt ? Promise.reject(new Error('read failed')) : part.arrayBuffer()) };
    },
  };
  return { blob: traced as unknown as Blob, starts };
}

describe('readBlobChunks', () => {
  it('gives back every byte in order, in slices of the chunk size, for any size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), fc.integer({ min: 1, max: 700 }), async (bytes, chunk) => {
        const chunks = await collect(readBlobChunks(new Blob([bytes as Uint8Array<ArrayBuffer>]), chunk));
        expect(chunks.every((c, i) => c.length === (i < chunks.length - 1 ? chunk : c.length) && c.length <= chunk)).toBe(true);
        expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('reads a fixed number of slices ahead of the consumer, never more', async () => {
    const { blob, starts } = tracedBlob(new Uint8Array(1000), -1);
    const it = readBlobChunks(blob, 100, 2)[Symbol.asyncIterator]();
    await it.next();
    expect(starts).toEqual([0, 100, 200]); // two slices on their way while the first is used
    await it.next();
    expect(starts).toEqual([0, 100, 200, 300]);
    await it.return(undefined);
  });

  it('an empty file gives no chunks', async () => {
    expect(await collect(readBlobChunks(new Blob([]), 64))).toEqual([]);
  });

  it('a failed read reaches the consumer that asks for it, and a read-ahead nobody asks for is harmless', async () => {
    const failing = tracedBlob(new Uint8Array(300), 100);
    await expect(collect(readBlobChunks(failing.blob, 100))).rejects.toThrow('read failed');
    // stopping after the first chunk leaves the failed read-ahead unobserved: no unhandled rejection
    const stopped = tracedBlob(new Uint8Array(300), 100);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    for await (const c of readBlobChunks(stopped.blob, 100, 1)) {
      expect(c.length).toBe(100);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
    process.off('unhandledRejection', onUnhandled);
    expect(stopped.starts).toEqual([0, 100]);
    expect(unhandled).toEqual([]);
  });
});

describe('readBlob', () => {
  it('streams every byte in order when no slice size is given, and slices when one is', async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff);
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    // streamed chunks are read into again once the next is asked for: copies
    const copies: Uint8Array[] = [];
    for await (const c of readBlob(blob)) copies.push(c.slice());
    expect(Buffer.concat(copies).equals(Buffer.from(bytes))).toBe(true);
    const sliced = await collect(readBlob(blob, 100_000));
    expect(sliced.map((c) => c.length)).toEqual([100_000, 100_000, 100_000]);
  });

  it('a consumer that stops early cancels the stream (the file is not read on)', async () => {
    let pulls = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (c) => {
        pulls++;
        c.enqueue(new Uint8Array(10));
      },
      cancel: () => {
        cancelled = true;
      },
    }, { highWaterMark: 0 });
    const blob = { stream: () => stream } as unknown as Blob;
    for await (const c of readBlob(blob)) {
      expect(c.length).toBe(10);
      break;
    }
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThanOrEqual(2);
  });
});

describe('streamBlobInto', () => {
  it('fills each buffer it is given (the last one less), and a consumer that gives them back reads the whole file through two', async () => {
    const bytes = new Uint8Array(2_600_000).map((_, i) => (i * 13 + (i >> 10)) & 0xff);
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    const free: ArrayBuffer[] = [];
    let made = 0;
    const take = () => free.pop() ?? (made++, new ArrayBuffer(1 << 18));
    const lengths: number[] = [];
    const out: Uint8Array[] = [];
    let held: Uint8Array | null = null;
    for await (const c of streamBlobInto(blob, take)) {
      if (held) free.push(held.buffer as ArrayBuffer); // done with the one before
      lengths.push(c.length);
      out.push(c.slice());
      held = c;
    }
    expect(Buffer.concat(out).equals(Buffer.from(bytes))).toBe(true);
    expect(lengths.slice(0, -1).every((n) => n === 1 << 18)).toBe(true);
    expect(lengths.at(-1)).toBe(2_600_000 % (1 << 18));
    expect(made).toBe(2);
  });

  it('streams as the platform does where the stream has no BYOB reader, and stops reading when the consumer stops', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(new Uint8Array(10).fill(1)),
      cancel: () => {
        cancelled = true;
      },
    }, { highWaterMark: 0 });
    const blob = { stream: () => stream } as unknown as Blob;
    for await (const c of streamBlobInto(blob, () => new ArrayBuffer(64))) {
      expect(Array.from(c)).toEqual(Array(10).fill(1));
      break;
    }
    expect(cancelled).toBe(true);
  });
});

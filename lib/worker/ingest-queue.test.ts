import { describe, expect, it } from 'vitest';
import { EventStore } from '../store/event-store';
import { createHash } from 'node:crypto';
import { readHere, readInWorker, type ReadFile } from './read-file-worker';
import { IngestQueue } from './ingest-queue';
import { FromWorkerSchema, type FromWorker } from './protocol';
import { fakeAdapter } from '../testing/fake-adapter';

function setup(chunkBytes = 1 << 20) {
  const store = new EventStore();
  const messages: FromWorker[] = [];
  const queue = new IngestQueue(store, (m) => messages.push(FromWorkerSchema.parse(m)), {
    adapters: [fakeAdapter],
    chunkBytes,
  });
  return { store, messages, queue };
}

const fakeFile = (name: string, rows: number, extra = '') =>
  new File([`#fake\n${Array.from({ length: rows }, (_, i) => `${1_600_000_000_000 + i},q${i}.example`).join('\n')}\n${extra}`], name);

describe('IngestQueue', () => {
  it('reads queued files in order into one store and posts only summaries', async () => {
    const { store, messages, queue } = setup(7);
    queue.handle({ type: 'ingest', id: 'a', file: fakeFile('a.log', 3, 'bad\n') });
    queue.handle({ type: 'ingest', id: 'b', file: fakeFile('b.log', 2) });
    await queue.whenIdle();
    const done = messages.filter((m) => m.type === 'done');
    expect(done.map((m) => [m.id, m.summary.events, m.summary.skipped, m.storeEvents])).toEqual([
      ['a', 3, 1, 3],
      ['b', 2, 0, 5],
    ]);
    expect(store.size).toBe(5);
    expect(done.map((m) => m.fields)).toEqual([[...fakeAdapter.fields], [...fakeAdapter.fields]]);
    expect(messages.map((m) => m.type).filter((t) => t !== 'progress')).toEqual(['started', 'done', 'started', 'done']);
  });

  it('reports an unrecognised file in its summary, not as a worker error', async () => {
    const { messages, queue } = setup();
    queue.handle({ type: 'ingest', id: 'x', file: new File(['hello world\n'], 'x.txt') });
    await queue.whenIdle();
    const done = messages.find((m) => m.type === 'done');
    expect(done?.type === 'done' && done.summary.error).toMatch(/Unrecognised format.*Fake log/);
    expect(done?.type === 'done' && done.fields).toEqual([]);
  });

  it('cancels a queued file without reading it and a running one by aborting', async () => {
    const { store, messages, queue } = setup(16);
    queue.handle({ type: 'ingest', id: 'run', file: fakeFile('run.log', 500) });
    queue.handle({ type: 'ingest', id: 'wait', file: fakeFile('wait.log', 2) });
    queue.handle({ type: 'cancel', id: 'wait' });
    queue.handle({ type: 'cancel', id: 'run' });
    await queue.whenIdle();
    expect(messages.filter((m) => m.type === 'cancelled').map((m) => m.id)).toEqual(['wait', 'run']);
    expect(messages.some((m) => m.type === 'started' && m.id === 'wait')).toBe(false);
    expect(store.size).toBe(0);
  });

  it('throttles progress to one message per interval', async () => {
    const store = new EventStore();
    const messages: FromWorker[] = [];
    const queue = new IngestQueue(store, (m) => messages.push(m), { adapters: [fakeAdapter], chunkBytes: 8, now: () => 0 });
    queue.handle({ type: 'ingest', id: 'p', file: fakeFile('p.log', 50) });
    await queue.whenIdle();
    expect(messages.filter((m) => m.type === 'progress')).toHaveLength(1);
  });

  it('answers invalid messages with an error naming the id when it has one', () => {
    const { messages, queue } = setup();
    queue.handle({ type: 'ingest', id: 'z', file: 'not a file' });
    queue.handle({ type: 'explode' });
    queue.handle(null);
    expect(messages.map((m) => (m.type === 'error' ? m.id : m.type))).toEqual(['z', null, null]);
  });

  it('refuses a second file with an id already queued', async () => {
    const { messages, queue } = setup();
    queue.handle({ type: 'ingest', id: 'd', file: fakeFile('d.log', 1) });
    queue.handle({ type: 'ingest', id: 'd', file: fakeFile('d.log', 1) });
    await queue.whenIdle();
    expect(messages.filter((m) => m.type === 'error')).toHaveLength(1);
    expect(messages.filter((m) => m.type === 'done')).toHaveLength(1);
  });

  it('takes the chunks and the sha256 from a reader beside the ingest pass, and stops it when the file is cancelled', async () => {
    const store = new EventStore();
    const messages: FromWorker[] = [];
    const signals: AbortSignal[] = [];
    const queue = new IngestQueue(store, (m) => messages.push(FromWorkerSchema.parse(m)), {
      adapters: [fakeAdapter],
      readFile: (file, signal) => {
        signals.push(signal);
        return readHere(file, 64);
      },
    });
    const a = fakeFile('a.log', 50);
    queue.handle({ type: 'ingest', id: 'a', file: a });
    await queue.whenIdle();
    const done = messages.find((m) => m.type === 'done');
    const expected = createHash('sha256').update(new Uint8Array(await a.arrayBuffer())).digest('hex');
    expect(done?.type === 'done' && [done.summary.sha256, done.summary.events]).toEqual([expected, 50]);
    expect(signals[0]?.aborted).toBe(false);

    queue.handle({ type: 'ingest', id: 'b', file: fakeFile('b.log', 5000) });
    queue.handle({ type: 'cancel', id: 'b' });
    await queue.whenIdle();
    expect(messages.at(-1)?.type).toBe('cancelled');
    expect(signals[1]?.aborted).toBe(true);
    expect(store.size).toBe(50);
  });

  it('leaves a digest the reader puts off out of the summary, and posts it (or why it failed) when asked', async () => {
    const store = new EventStore();
    const messages: FromWorker[] = [];
    const failing = new Set<string>();
    const digests: string[] = [];
    const readFile: ReadFile = (file) => {
      const here = readHere(file, 64);
      const digest = () => {
        digests.push(file.name);
        return failing.has(file.name) ? Promise.reject(new Error('the file changed on disk')) : here.digest();
      };
      return { chunks: here.chunks, digest, deferred: true };
    };
    const queue = new IngestQueue(store, (m) => messages.push(FromWorkerSchema.parse(m)), { adapters: [fakeAdapter], readFile });
    const a = fakeFile('a.log', 50);
    failing.add('b.log');
    queue.handle({ type: 'ingest', id: 'a', file: a });
    queue.handle({ type: 'ingest', id: 'b', file: fakeFile('b.log', 5) });
    await queue.whenIdle();
    expect(messages.filter((m) => m.type === 'done').map((m) => m.type === 'done' && [m.id, m.summary.sha256, m.summary.events])).toEqual([
      ['a', '', 50],
      ['b', '', 5],
    ]);
    expect(digests).toEqual([]); // nothing hashed until asked
    expect(queue.digestsPending).toBe(2);
    await queue.digestPending();
    const expected = createHash('sha256').update(new Uint8Array(await a.arrayBuffer())).digest('hex');
    expect(messages.filter((m) => m.type === 'digest')).toEqual([
      { type: 'digest', id: 'a', sha256: expected, message: null },
      { type: 'digest', id: 'b', sha256: null, message: 'The SHA-256 could not be computed: the file changed on disk' },
    ]);
    expect(queue.digestsPending).toBe(0);
    await queue.digestPending(); // nothing left: nothing posted twice
    expect(messages.filter((m) => m.type === 'digest')).toHaveLength(2);
  });

  it('reads and hashes in place when no worker can be made', async () => {
    const file = fakeFile('c.log', 20);
    const read = readInWorker(() => {
      throw new Error('no workers here');
    }, 16)(file, new AbortController().signal);
    const chunks: Uint8Array[] = [];
    for await (const c of read.chunks) chunks.push(c);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
    await expect(read.digest()).resolves.toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

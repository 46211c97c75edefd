import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EventStore } from '../store/event-store';
import { ingest, type IngestProgress } from './ingest';
import { LineFramer } from './line-framer';
import type { DnsEventInput, SourceAdapter } from './types';

/** A toy format: first line `TESTLOG`, then `epochSeconds,qname` rows. */
const testAdapter: SourceAdapter = {
  id: 'test-log',
  label: 'Test log',
  fields: ['time', 'qname'],
  sniff: (head) => (head.replace(/^\uFEFF/, '').startsWith('TESTLOG') ? 1 : 0),
  open(sink) {
    const ev: DnsEventInput = {
      time: 0, line: 0, host: 'h', user: '', image: '', pid: -1, guid: '', qname: '', qtype: 1,
      status: 'NOERROR', statusCode: 0, answers: 0, ttl: -1, resolver: '', client: '',
    };
    const framer = new LineFramer(
      (line, n) => {
        if (n === 1 || line === '') return;
        if (line === 'THROW') throw new Error('adapter bug');
        const [t, q] = line.split(',');
        if (!t || !q || !/^\d+$/.test(t)) return sink.problem(n, `bad row “${line.slice(0, 20)}”`);
        ev.time = Number(t) * 1000;
        ev.line = n;
        ev.qname = q;
        sink.dns(ev);
      },
      (n) => sink.problem(n, 'line too long'),
    );
    return { push: (t) => framer.push(t), end: () => framer.end() };
  },
};

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function run(bytes: Uint8Array, opts: { size?: number; store?: EventStore; signal?: AbortSignal; onProgress?: (p: IngestProgress) => void } = {}) {
  const store = opts.store ?? new EventStore();
  const summary = await ingest(chunks(bytes, opts.size ?? 1 << 16), store, {
    name: 'in.log',
    totalBytes: bytes.length,
    adapters: [testAdapter],
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return { store, summary };
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const GOOD = 'TESTLOG\n1600000000,a.example.com\n1600000060,b.example.com.\n';

describe('ingest pipeline', () => {
  it('reads rows, hashes the bytes and reports the time range', async () => {
    const bytes = utf8(GOOD);
    const { store, summary } = await run(bytes);
    expect(summary).toMatchObject({ format: 'test-log', events: 2, skipped: 0, bytes: bytes.length });
    expect(summary.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(summary.timeRange).toEqual({ first: '2020-09-13T12:26:40.000Z', last: '2020-09-13T12:27:40.000Z' });
    expect(store.event(1)).toMatchObject({ qname: 'b.example.com', qnameRaw: 'b.example.com.', line: 3 });
  });

  it('leaves the digest to the caller when the bytes are hashed where they are read (hasher: null)', async () => {
    const bytes = utf8(GOOD);
    const summary = await ingest(chunks(bytes, 7), new EventStore(), { name: 'in.log', adapters: [testAdapter], hasher: null });
    expect(summary).toMatchObject({ format: 'test-log', events: 2, bytes: bytes.length, sha256: '' });
  });

  it('keeps good rows around bad ones and names the bad lines', async () => {
    const { summary } = await run(utf8('TESTLOG\n1600000000,a\ngarbage\n1600000001,b\n'));
    expect(summary.events).toBe(2);
    expect(summary.problems).toEqual([{ line: 3, reason: 'bad row “garbage”' }]);
  });

  it('names the supported formats when the content is unknown', async () => {
    const { summary } = await run(utf8('hello,world\n1,2\n'));
    expect(summary.format).toBe('unknown');
    expect(summary.error).toMatch(/Unrecognised format: the first line is “hello,world”\. Supported formats: Test log\./);
  });

  it('says so for an empty file and for a binary .evtx', async () => {
    expect((await run(new Uint8Array())).summary.error).toBe('The file is empty.');
    const evtx = new Uint8Array(4096);
    evtx.set(utf8('ElfFile\0'));
    expect((await run(evtx)).summary.error).toMatch(/binary \.evtx.*export it/);
  });

  it('decodes UTF-16 with and without a BOM, and UTF-8 with a BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]);
    const noBom = Buffer.from(GOOD, 'utf16le');
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD)]);
    for (const b of [le, noBom, bom8]) {
      const { summary, store } = await run(new Uint8Array(b), { size: 3 });
      expect(summary.events).toBe(2);
      expect(store.event(0).qname).toBe('a.example.com');
    }
  });

  it('inflates gzip and hashes the compressed bytes', async () => {
    const gz = new Uint8Array(gzipSync(Buffer.from(GOOD)));
    const { summary } = await run(gz, { size: 10 });
    expect(summary.events).toBe(2);
    expect(summary.sha256).toBe(createHash('sha256').update(gz).digest('hex'));
  });

  it('gives the same result for any chunk size', async () => {
    const text = GOOD + Array.from({ length: 200 }, (_, i) => `${1600000100 + i},n${i}.é.example\n`).join('');
    const whole = await run(utf8(text));
    for (const size of [1, 2, 7, 64]) {
      const part = await run(utf8(text), { size });
      expect(part.summary).toEqual(whole.summary);
      expect(part.store.event(150)).toEqual(whole.store.event(150));
    }
  });

  it('reports progress in bytes and events', async () => {
    const seen: IngestProgress[] = [];
    const text = GOOD + '1600000000,x.example\n'.repeat(500);
    await run(utf8(text), { size: 1024, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.map((p) => p.bytes)).toEqual([...seen.map((p) => p.bytes)].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ bytes: text.length, totalBytes: text.length, events: 502 });
  });

  it('removes the rows of a cancelled input and keeps the earlier inputs', async () => {
    const store = new EventStore();
    await run(utf8(GOOD), { store });
    const ctrl = new AbortController();
    const big = utf8('TESTLOG\n' + '1600000000,x\n'.repeat(50000));
    const { summary } = await run(big, {
      store,
      size: 1000,
      signal: ctrl.signal,
      onProgress: (p) => {
        if (p.events > 10000) ctrl.abort();
      },
    });
    expect(summary.cancelled).toBe(true);
    expect(store.size).toBe(2);
    expect(store.inputs).toHaveLength(1);
  });

  it('turns an adapter crash into an error without losing the rows before it', async () => {
    const { summary, store } = await run(utf8('TESTLOG\n1600000000,a\nTHROW\n1600000001,b\n'));
    expect(summary.error).toMatch(/Reading stopped: adapter bug/);
    expect(store.size).toBe(1);
    expect(summary.events).toBe(1);
  });
});

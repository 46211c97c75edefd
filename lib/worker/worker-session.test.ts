import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { readHere, type ReadFile } from './read-file-worker';
import { FromWorkerSchema, type FromWorker } from './protocol';
import { QUIET_MS, WorkerSession } from './worker-session';
import { fakeAdapter } from '../testing/fake-adapter';
import { xDetector } from '../testing/x-detector';

const file = (name: string, names: string[]) =>
  new File([`#fake\n${names.map((q, i) => `${1_600_000_000_000 + i * 1000},${q}`).join('\n')}\n`], name);

function setup() {
  const messages: FromWorker[] = [];
  const session = new WorkerSession((m) => messages.push(FromWorkerSchema.parse(m)), { adapters: [fakeAdapter], detectors: [xDetector] });
  return { session, messages };
}

describe('WorkerSession', () => {
  it('announces each new dataset, then detects once when the queue settles', async () => {
    const { session, messages } = setup();
    session.handle({ type: 'ingest', id: 'a', file: file('a.log', ['x1.test', 'b.test']) });
    session.handle({ type: 'ingest', id: 'b', file: file('b.log', ['x2.test']) });
    await session.whenIdle();
    const kinds = messages.filter((m) => m.type !== 'progress').map((m) => m.type);
    expect(kinds).toEqual(['started', 'done', 'dataset', 'started', 'done', 'dataset', 'detected']);
    const detected = messages.at(-1);
    expect(detected?.type === 'detected' && detected.detection).toMatchObject({ status: 'ready', version: 2, findings: 1, suspects: 1 });
  });

  it('after detection, builds the host, process and domain filter indexes in idle tasks', async () => {
    const { session } = setup();
    session.handle({ type: 'ingest', id: 'a', file: file('a.log', ['x1.test', 'b.test']) });
    await session.whenIdle();
    await session.whenWarm(); // the idle tasks (a fixed 20 ms wait was too short on a loaded machine)
    expect(session.engine.warmStep()).toBe(false); // nothing left to build: the first filter is a lookup
  });

  it('builds no index while the page is still asking: only after a quiet spell', async () => {
    const { session } = setup();
    // the page asks while the file is read, as it does after a load
    session.handle({ type: 'query', reqId: 1, query: { kind: 'suspects', filter: {}, limit: 10 } });
    session.handle({ type: 'ingest', id: 'a', file: file('a.log', ['x1.test', 'b.test']) });
    await session.whenIdle();
    const asked = performance.now();
    session.handle({ type: 'query', reqId: 2, query: { kind: 'suspects', filter: {}, limit: 10 } });
    await session.whenWarm();
    expect(performance.now() - asked).toBeGreaterThanOrEqual(QUIET_MS - 5);
    expect(session.engine.warmStep()).toBe(false);
  });

  it('computes the digests the reader put off only after the findings, once the page has been quiet', async () => {
    const messages: { m: FromWorker; at: number }[] = [];
    const readFile: ReadFile = (f) => {
      const here = readHere(f, 16);
      return { chunks: here.chunks, digest: () => here.digest(), deferred: true };
    };
    const session = new WorkerSession((m) => messages.push({ m: FromWorkerSchema.parse(m), at: performance.now() }), { adapters: [fakeAdapter], detectors: [xDetector], readFile });
    const a = file('a.log', ['x1.test', 'b.test']);
    session.handle({ type: 'ingest', id: 'a', file: a });
    await session.whenIdle();
    // the page asks for its views as soon as the findings are out
    session.handle({ type: 'query', reqId: 1, query: { kind: 'suspects', filter: {}, limit: 10 } });
    const asked = performance.now();
    await vi.waitFor(() => expect(messages.some(({ m }) => m.type === 'digest')).toBe(true), { timeout: 5000, interval: 5 });
    const kinds = messages.map(({ m }) => m.type).filter((t) => t !== 'progress');
    expect(kinds).toEqual(['started', 'done', 'dataset', 'detected', 'result', 'digest']);
    const done = messages.find(({ m }) => m.type === 'done')?.m;
    expect(done?.type === 'done' && done.summary.sha256).toBe('');
    const digest = messages.find(({ m }) => m.type === 'digest');
    expect(digest?.m).toEqual({ type: 'digest', id: 'a', sha256: createHash('sha256').update(new Uint8Array(await a.arrayBuffer())).digest('hex'), message: null });
    expect((digest?.at ?? 0) - asked).toBeGreaterThanOrEqual(QUIET_MS - 5);
  });

  it("starts the next file's reader only after the findings, once the page has been quiet", async () => {
    const events: { what: string; at: number }[] = [];
    const readFile: ReadFile = Object.assign(
      (f: File) => {
        const here = readHere(f, 16);
        return { chunks: here.chunks, digest: () => here.digest(), deferred: false };
      },
      { prepare: () => events.push({ what: 'prepare', at: performance.now() }) },
    );
    const session = new WorkerSession((m) => events.push({ what: FromWorkerSchema.parse(m).type, at: performance.now() }), { adapters: [fakeAdapter], detectors: [xDetector], readFile });
    session.handle({ type: 'ingest', id: 'a', file: file('a.log', ['x1.test', 'b.test']) });
    await session.whenIdle();
    session.handle({ type: 'query', reqId: 1, query: { kind: 'suspects', filter: {}, limit: 10 } });
    const asked = performance.now();
    await vi.waitFor(() => expect(events.some((e) => e.what === 'prepare')).toBe(true), { timeout: 5000, interval: 5 });
    const kinds = events.map((e) => e.what).filter((t) => t !== 'progress');
    expect(kinds).toEqual(['started', 'done', 'dataset', 'detected', 'result', 'prepare']);
    expect((events.find((e) => e.what === 'prepare')?.at ?? 0) - asked).toBeGreaterThanOrEqual(QUIET_MS - 5);
  });

  it('computes the digest of a file it could not read too', async () => {
    const messages: FromWorker[] = [];
    const readFile: ReadFile = (f) => {
      const here = readHere(f, 16);
      return { chunks: here.chunks, digest: () => here.digest(), deferred: true };
    };
    const session = new WorkerSession((m) => messages.push(FromWorkerSchema.parse(m)), { adapters: [fakeAdapter], detectors: [xDetector], readFile });
    session.handle({ type: 'ingest', id: 'a', file: file('a.log', ['x1.test']) });
    await session.whenIdle();
    await vi.waitFor(() => expect(messages.filter((m) => m.type === 'digest')).toHaveLength(1), { timeout: 5000, interval: 5 });
    const junk = new File(['not a log\n'], 'junk.txt');
    session.handle({ type: 'ingest', id: 'b', file: junk });
    await session.whenIdle();
    const done = messages.find((m) => m.type === 'done' && m.id === 'b');
    expect(done?.type === 'done' && done.summary.error).toBeTruthy();
    await vi.waitFor(() => expect(messages.filter((m) => m.type === 'digest')).toHaveLength(2), { timeout: 5000, interval: 5 });
    expect(messages.filter((m) => m.type === 'digest').at(-1)).toEqual({ type: 'digest', id: 'b', sha256: createHash('sha256').update('not a log\n').digest('hex'), message: null });
  });

  it('answers queries by request id with validated results', async () => {
    const { session, messages } = setup();
    session.handle({ type: 'ingest', id: 'a', file: file('a.log', ['x1.test', 'b.test', 'x3.test']) });
    await session.whenIdle();
    session.handle({ type: 'query', reqId: 7, query: { kind: 'suspects', filter: {}, limit: 10 } });
    const answer = messages.at(-1);
    expect(answer?.type).toBe('result');
    if (answer?.type !== 'result' || answer.result.kind !== 'suspects') throw new Error('no suspects result');
    expect(answer.reqId).toBe(7);
    const findingId = answer.result.suspects[0]?.findings[0]?.id ?? '';
    session.handle({ type: 'query', reqId: 8, query: { kind: 'finding-rows', findingId, offset: 0, limit: 10 } });
    const rows = messages.at(-1);
    expect(rows?.type === 'result' && rows.result.kind === 'finding-rows' && rows.result.rows.map((r) => r.qnameRaw)).toEqual(['x1.test', 'x3.test']);
  });

  it('rejects an invalid query by its request id and a query without one as a worker error', () => {
    const { session, messages } = setup();
    session.handle({ type: 'query', reqId: 3, query: { kind: 'pivot', filter: {}, dims: ['nope'], offset: 0, limit: 5 } });
    session.handle({ type: 'query', query: { kind: 'rows' } });
    expect(messages.map((m) => m.type)).toEqual(['query-error', 'error']);
    expect(messages[0]?.type === 'query-error' && messages[0].reqId).toBe(3);
  });

  it('runs detection on request, with a validated hunt config', async () => {
    const { session, messages } = setup();
    session.handle({ type: 'ingest', id: 'a', file: file('a.log', ['x1.test']) });
    await session.whenIdle();
    session.handle({ type: 'detect', reqId: 1, config: { detectors: { 'x-names': { enabled: false } } } });
    const m = messages.at(-1);
    expect(m?.type === 'detected' && [m.reqId, m.detection.findings, m.detection.ran]).toEqual([1, 0, 0]);
    session.handle({ type: 'detect', reqId: 2, config: { detectors: { nope: {} } } });
    expect(messages.at(-1)).toMatchObject({ type: 'query-error', reqId: 2 });
  });

  it('still handles ingest messages and their errors as before', () => {
    const { session, messages } = setup();
    session.handle({ type: 'ingest', id: 'z', file: 'not a file' });
    session.handle({ type: 'explode' });
    expect(messages.map((m) => (m.type === 'error' ? m.id : m.type))).toEqual(['z', null]);
  });
});

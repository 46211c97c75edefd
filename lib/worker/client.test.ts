import { describe, expect, it } from 'vitest';
import { fakeAdapter } from '../testing/fake-adapter';
import { xDetector } from '../testing/x-detector';
import { createIngestClient } from './client';
import { WorkerSession } from './worker-session';

/**
 * The client wired to a real WorkerSession through a message port of the test's own: messages
 * to the worker wait in `inbox` until the test delivers them (as a busy worker's queue does),
 * and the worker's answers reach the client in order, each in a task of its own.
 */
function connect() {
  const inbox: unknown[] = [];
  const port = {
    onmessage: null as ((e: MessageEvent<unknown>) => void) | null,
    onerror: null,
    onmessageerror: null,
    // (not cloned: Node clones a File into a plain Blob)
    postMessage: (m: unknown) => inbox.push(m),
    terminate: () => undefined,
  };
  const session = new WorkerSession((m) => setTimeout(() => port.onmessage?.({ data: structuredClone(m) } as MessageEvent<unknown>)), { adapters: [fakeAdapter], detectors: [xDetector] });
  const client = createIngestClient({}, () => port as unknown as Worker);
  /** hands the waiting messages to the worker, in order, and waits for its answers to arrive */
  const deliver = async () => {
    for (const m of inbox.splice(0)) session.handle(m);
    await session.whenIdle();
    await new Promise((r) => setTimeout(r, 5));
  };
  return { client, inbox, deliver };
}

const file = new File(['#fake\n1600000000000,x.example\n1600000001000,b.example\n'], 'a.log');
const overview = { kind: 'overview', filter: {}, stackBy: 'status', maxBuckets: 10, top: 5 } as const;

describe('createIngestClient', () => {
  it('asks the worker once when a view asks the same question again before the answer came', async () => {
    const { client, inbox, deliver } = connect();
    client.ingest(file);
    await deliver();
    const first = client.query(overview);
    // the view asks again (the findings came in meanwhile, say): nothing more is sent
    const again = client.query({ ...overview });
    expect(inbox.filter((m) => (m as { type: string }).type === 'query')).toHaveLength(1);
    await deliver();
    const [a, b] = await Promise.all([first, again]);
    expect(b).toBe(a);
    expect(a.result.events).toBe(2);
  });

  it('asks again once the answer has come, and for a different question', async () => {
    const { client, inbox, deliver } = connect();
    client.ingest(file);
    await deliver();
    const first = client.query(overview);
    const other = client.query({ ...overview, top: 1 });
    await deliver();
    await Promise.all([first, other]);
    const later = client.query(overview);
    expect(inbox).toHaveLength(1);
    await deliver();
    expect((await later).result.events).toBe(2);
  });

  it('does not join a question asked before the page sent the worker something else', async () => {
    const { client, inbox, deliver } = connect();
    client.ingest(file);
    await deliver();
    const suspects = { kind: 'suspects', filter: {}, limit: 10 } as const;
    // asked before the detectors are run again without the one that found something
    const before = client.query(suspects);
    const rerun = client.detect({ detectors: { 'x-names': { enabled: false } } });
    const after = client.query(suspects);
    expect(inbox.map((m) => (m as { type: string }).type)).toEqual(['query', 'detect', 'query']);
    await deliver();
    await rerun;
    expect((await before).result.inView).toBe(1);
    expect((await after).result.inView).toBe(0);
  });
});

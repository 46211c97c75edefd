import { describe, expect, it } from 'vitest';
import { createIngestClient } from './client';
import { toWire, type OverviewResult } from './query-results';

/** A Worker that records what the page posts; the test plays the worker's messages. */
class FakeWorker {
  onmessage: ((e: MessageEvent<unknown>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly posted: unknown[] = [];
  postMessage(data: unknown): void {
    this.posted.push(data);
  }
  terminate(): void {}
  reply(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent<unknown>);
  }
}

const overview = { kind: 'overview' as const, filter: {}, stackBy: 'status' as const, maxBuckets: 120, top: 10 };
const result = (events: number): OverviewResult => ({
  kind: 'overview',
  events,
  nxdomain: 0,
  byStatus: {},
  range: null,
  dataRange: null,
  series: { start: 0, bucketMs: 1000, buckets: 0, series: [] },
  top: { process: [], domain: [], host: [] },
});

describe('createIngestClient', () => {
  it('tells the worker which overview the page shows, once per change', () => {
    const worker = new FakeWorker();
    const client = createIngestClient({}, () => worker as unknown as Worker);
    client.expect(overview);
    client.expect({ ...overview });
    client.expect({ ...overview, stackBy: 'qtype' });
    client.expect(null);
    expect(worker.posted).toEqual([
      { type: 'expect', overview },
      { type: 'expect', overview: { ...overview, stackBy: 'qtype' } },
      { type: 'expect', overview: null },
    ]);
  });

  it('answers the overview that came with the dataset without asking the worker, until the next dataset', async () => {
    const worker = new FakeWorker();
    const datasets: number[] = [];
    const client = createIngestClient({ onDataset: (v) => datasets.push(v) }, () => worker as unknown as Worker);
    worker.reply({ type: 'dataset', version: 1, events: 5, overview: { query: overview, result: toWire(result(5)) } });
    expect(datasets).toEqual([1]);
    await expect(client.query(overview)).resolves.toEqual({ version: 1, result: result(5) });
    await expect(client.query({ ...overview })).resolves.toMatchObject({ version: 1 });
    expect(worker.posted).toEqual([]);
    // another overview is asked of the worker
    void client.query({ ...overview, top: 5 });
    expect(worker.posted).toMatchObject([{ type: 'query', query: { top: 5 } }]);
    // a dataset without one: the worker is asked again
    worker.reply({ type: 'dataset', version: 2, events: 6 });
    const asked = client.query(overview);
    const last = worker.posted.at(-1) as { type: string; reqId: number };
    expect(last).toMatchObject({ type: 'query', query: overview });
    worker.reply({ type: 'result', reqId: last.reqId, version: 2, result: toWire(result(6)) });
    await expect(asked).resolves.toEqual({ version: 2, result: result(6) });
  });
});

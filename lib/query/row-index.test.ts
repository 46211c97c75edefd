import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DetectContext } from '../detect/context';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { pivot, PivotIndex, totals, volumeSeries } from './aggregate';
import { codeCounts } from './code-counts';
import { compileFilter, type RowPredicate, type ViewFilter } from './filter';
import { RowIndex } from './row-index';
import { topCounts } from './top-counts';

const T0 = 1_700_000_000;
const HOSTS = ['WS1', 'WS2', 'SRV9'];
const IMAGES = ['C:\\chrome.exe', 'C:\\stager.exe', 'C:\\svchost.exe'];
const NAMES = ['a.example.com', 'b.example.com', 'x.evil.net', 'cdn.contoso.org', 'nx1.invalid'];

const eventArb = fc.record({
  dt: fc.integer({ min: 0, max: 3600 }),
  host: fc.constantFrom(...HOSTS),
  image: fc.constantFrom(...IMAGES),
  qname: fc.constantFrom(...NAMES),
  status: fc.constantFrom('NOERROR', 'NXDOMAIN', 'SERVFAIL'),
});

describe('RowIndex', () => {
  it('lists the rows of a host, image or domain in ascending order', () => {
    const store = buildStore([
      { t: T0, qname: 'a.example.com', host: 'WS1', image: IMAGES[0] },
      { t: T0 + 1, qname: 'x.evil.net', host: 'WS2', image: IMAGES[1] },
      { t: T0 + 2, qname: 'b.example.com', host: 'WS1', image: IMAGES[1] },
    ]);
    const ix = new RowIndex(new DetectContext(store), store.size);
    expect([...ix.rowsOf('host', 'WS1')]).toEqual([0, 2]);
    expect([...ix.rowsOf('process', IMAGES[1] as string)]).toEqual([1, 2]);
    expect([...ix.rowsOf('domain', 'example.com')]).toEqual([0, 2]);
    expect([...ix.rowsOf('host', 'nowhere')]).toEqual([]);
  });

  it('a view read through the index counts exactly what a scan of every row counts', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 60 }), fc.constantFrom<keyof typeof pick>('host', 'process', 'domain'), fc.nat(2), (evs, dim, k) => {
        const events: TestEvent[] = evs.map((e) => ({ t: T0 + e.dt, qname: e.qname, host: e.host, image: e.image, status: e.status as TestEvent['status'] }));
        const store = buildStore(events);
        const ctx = new DetectContext(store);
        const label = pick[dim][k] as string;
        const view: ViewFilter = { [dim]: label, statuses: ['NOERROR', 'NXDOMAIN'] };
        const scan = compileFilter(ctx, view);
        const indexed: RowPredicate = (r) => scan(r);
        indexed.rows = new RowIndex(ctx, store.size).rowsOf(dim, label);
        const range = { from: T0 * 1000, to: (T0 + 3600) * 1000 };
        expect(totals(ctx, indexed)).toEqual(totals(ctx, scan));
        expect(topCounts(ctx, indexed, 5)).toEqual(topCounts(ctx, scan, 5));
        expect(codeCounts(ctx, indexed)).toEqual(codeCounts(ctx, scan));
        expect(volumeSeries(ctx, indexed, 'status', range, 20)).toEqual(volumeSeries(ctx, scan, 'status', range, 20));
      }),
      { numRuns: 150 },
    );
  });
});

const pick = { host: HOSTS, process: IMAGES, domain: ['example.com', 'evil.net', 'contoso.org'] };

describe('RowIndex candidates', () => {
  it('are exactly the rows the filter by that entity keeps (so a view need not test them again)', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 60 }), fc.constantFrom<keyof typeof pick>('host', 'process', 'domain'), fc.nat(2), (evs, dim, k) => {
        const store = buildStore(evs.map((e) => ({ t: T0 + e.dt, qname: e.qname, host: e.host, image: e.image })));
        const ctx = new DetectContext(store);
        const label = pick[dim][k] as string;
        const keep = compileFilter(ctx, { [dim]: label });
        const want = Array.from({ length: store.size }, (_, r) => r).filter((r) => keep(r));
        expect([...new RowIndex(ctx, store.size).rowsOf(dim, label)]).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });
});

describe('pivot', () => {
  it('groups exactly as a string key per row would, with or without the index', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 80 }), fc.subarray(['qname', 'domain', 'answers', 'host', 'user', 'process'] as const, { minLength: 1 }), (evs, dims) => {
        const store = buildStore(evs.map((e) => ({ t: T0 + e.dt, qname: e.qname, host: e.host, image: e.image, answers: e.status === 'NOERROR' ? ['1.2.3.4'] : [] })));
        const ctx = new DetectContext(store);
        const all = compileFilter(ctx, {});
        // reference: a string key per row, first row per key, by count then first row
        const ref = new Map<string, { count: number; row: number; keys: string[] }>();
        for (let r = 0; r < store.size; r++) {
          const keys = pivot(ctx, (x) => x === r, dims).rows[0]?.keys ?? [];
          const k = JSON.stringify(keys);
          const g = ref.get(k);
          if (g) g.count++;
          else ref.set(k, { count: 1, row: r, keys });
        }
        const expected = [...ref.values()].sort((a, b) => b.count - a.count || a.row - b.row).map((g) => ({ keys: g.keys, count: g.count, row: g.row }));
        expect(pivot(ctx, all, dims, { limit: 1000 })).toEqual({ total: expected.length, rows: expected });
        // one index answers several filters in turn, each as if grouped afresh
        const index = new PivotIndex(ctx, store.size, dims);
        for (const host of [...HOSTS, 'WS1']) {
          const keep = compileFilter(ctx, { host });
          const kept = new Map<string, { count: number; row: number }>();
          for (let r = 0; r < store.size; r++) {
            if (!keep(r)) continue;
            const k = JSON.stringify(pivot(ctx, (x) => x === r, dims).rows[0]?.keys ?? []);
            const g = kept.get(k);
            if (g) g.count++;
            else kept.set(k, { count: 1, row: r });
          }
          const want = [...kept.values()].sort((a, b) => b.count - a.count || a.row - b.row);
          const got = index.groups(keep);
          expect({ total: got.total, counts: [...got.counts], rows: [...got.rows] }).toEqual({ total: want.length, counts: want.map((g) => g.count), rows: want.map((g) => g.row) });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('groups thousands of distinct tuples as a keyed count of every row does', () => {
    // enough tuples for the pair tables to grow several times
    const evs: TestEvent[] = [];
    for (let i = 0; i < 12_000; i++) {
      const n = (i * 7919) % 5003;
      evs.push({ t: T0 + i, qname: `n${n % 1500}.example.com`, host: HOSTS[n % 3] as string, image: IMAGES[(n >> 2) % 3] as string, answers: n % 5 === 0 ? [] : [`10.0.${n % 7}.${n % 11}`] });
    }
    const store = buildStore(evs);
    const ctx = new DetectContext(store);
    const dims = ['qname', 'answers', 'host', 'process'] as const;
    const ref = new Map<string, { count: number; row: number }>();
    for (let r = 0; r < store.size; r++) {
      const k = [ctx.qnameText(r), store.answerText(ctx.answersId(r)), ctx.host(r), ctx.text(store.actors.image.get(ctx.actor(r)))].join('|');
      const g = ref.get(k);
      if (g) g.count++;
      else ref.set(k, { count: 1, row: r });
    }
    const want = [...ref.values()].sort((a, b) => b.count - a.count || a.row - b.row);
    expect(want.length).toBeGreaterThan(4000);
    const got = new PivotIndex(ctx, store.size, dims).groups(compileFilter(ctx, {}));
    expect({ total: got.total, counts: [...got.counts], rows: [...got.rows] }).toEqual({ total: want.length, counts: want.map((g) => g.count), rows: want.map((g) => g.row) });
  });
});

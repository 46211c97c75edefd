import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DetectContext } from '../detect/context';
import { buildStore } from '../testing/store-builder';
import { compileFilter, type RowPredicate } from './filter';
import { buildTimeline } from './timeline';

const T0 = 1_700_000_000;
const store = buildStore([
  { t: T0 + 5, qname: 'a.example.com', host: 'WS1', image: 'C:\\stager.exe', answers: ['1.2.3.4'] },
  { t: T0, qname: 'cloud-srv-0.test.evil.net', host: 'WS1', image: 'C:\\stager.exe', qtype: 'AAAA', answers: ['f642:89ee::1'] },
  { t: T0 + 10, qname: 'nope.other.org', host: 'WS1', image: 'C:\\stager.exe', status: 'NXDOMAIN', code: 9003 },
  { t: T0 + 20, qname: 'b.example.com', host: 'WS1', image: 'C:\\stager.exe', answers: ['2606:4700::1'] },
  { t: T0 + 1, qname: 'x.example.com', host: 'WS2', image: 'C:\\chrome.exe', answers: ['1.2.3.4'] },
]);
const ctx = new DetectContext(store);
const stager = compileFilter(ctx, { process: 'C:\\stager.exe' });

describe('timeline', () => {
  it('lists the entity rows in time order with domains by queries, status and validity', () => {
    const t = buildTimeline(ctx, stager, store.size, new Map());
    expect(t.total).toBe(4);
    expect(t.sampled).toBe(false);
    expect(t.points.map((p) => p.row)).toEqual([1, 0, 2, 3]);
    expect(t.domains).toEqual(['example.com', 'evil.net', 'other.org']);
    expect(t.domainQueries).toEqual([2, 1, 1]);
    expect(t.domainEvidence).toEqual([0, 0, 0]);
    expect(t.points.map((p) => p.domainIndex)).toEqual([1, 0, 2, 0]);
    expect(t.points.map((p) => p.validity)).toEqual(['anomalous', 'ok', 'none', 'ok']);
    expect(t.points[2]?.status).toBe('NXDOMAIN');
  });

  it('marks finding evidence as anomalous and names the findings touching each row', () => {
    const t = buildTimeline(ctx, stager, store.size, new Map([['f1', [3, 4]], ['f2', [3]]]));
    expect(t.findings).toEqual(['f1', 'f2']);
    const p = t.points.find((x) => x.row === 3);
    expect(p?.findings).toEqual([0, 1]);
    expect(p?.validity).toBe('anomalous');
    expect(t.points.find((x) => x.row === 0)?.findings).toEqual([]);
  });

  it('puts the domains with finding evidence first on the axis, whatever their volume', () => {
    const t = buildTimeline(ctx, stager, store.size, new Map([['f1', [2]]]));
    expect(t.domains).toEqual(['other.org', 'example.com', 'evil.net']);
    expect(t.domainEvidence).toEqual([1, 0, 0]);
    expect(t.points.find((p) => p.row === 2)?.domainIndex).toBe(0);
  });

  it('counts the queries of every domain even when sampling leaves some undrawn', () => {
    const t = buildTimeline(ctx, stager, store.size, new Map(), 1);
    expect(t.points).toHaveLength(1);
    expect(t.domains).toHaveLength(3);
    expect(t.domainQueries.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('samples evenly past the cap and always keeps evidence rows', () => {
    const t = buildTimeline(ctx, stager, store.size, new Map([['f1', [3]]]), 2);
    expect(t.total).toBe(4);
    expect(t.sampled).toBe(true);
    expect(t.points).toHaveLength(2);
    expect(t.points.some((p) => p.row === 3)).toBe(true);
  });

  it('keeps every evidence row in view, and picks the others evenly, for any cap and evidence', () => {
    const big = buildStore(Array.from({ length: 60 }, (_, i) => ({ t: T0 + (((i * 37) % 60) >> 2), qname: `n${i % 7}.example.com`, host: i % 5 === 0 ? 'WS2' : 'WS1', image: 'C:\\stager.exe' })));
    const bctx = new DetectContext(big);
    const ws1 = compileFilter(bctx, { host: 'WS1' });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.uniqueArray(fc.nat(59), { maxLength: 12 }), { maxLength: 4 }),
        fc.constantFrom('scan', 'candidates', 'exact'),
        fc.integer({ min: 40, max: 60 }),
        (cap, lists, shape, loaded) => {
          const evidence = new Map(lists.map((l, i) => [`f${i}`, l]));
          // the same rows asked three ways: a predicate over every row; one over candidate rows (a
          // superset); the candidates alone, marked exact (an entity's rows from the row index)
          const ws1Rows = Int32Array.from({ length: big.size }, (_, r) => r).filter((r) => ws1(r));
          const keep: RowPredicate =
            shape === 'scan'
              ? ws1
              : shape === 'candidates'
                ? Object.assign((r: number) => ws1(r), { rows: Int32Array.from({ length: big.size }, (_, r) => r) })
                : Object.assign(() => true, { rows: ws1Rows, exact: true });
          const t = buildTimeline(bctx, keep, loaded, evidence, cap);
          // reference: the loaded rows in view; evidence among them; others[⌊i·others/room⌋] for i < room
          const inView = Array.from({ length: loaded }, (_, r) => r).filter((r) => ws1(r));
          const ev = new Set(lists.flat().filter((r) => inView.includes(r)));
          const others = inView.filter((r) => !ev.has(r));
          const room = Math.max(0, cap - ev.size);
          const want = inView.length <= cap ? inView : [...ev, ...Array.from({ length: Math.min(room, others.length) }, (_, i) => others[Math.floor((i * others.length) / room)] as number)];
          expect(t.sampled).toBe(inView.length > cap);
          expect(t.points.map((p) => p.row).sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
          // in time order, ties by row (the store's times here are out of row order)
          const order = t.points.map((p) => [p.time, p.row] as const);
          expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
          for (const p of t.points) expect(p.time).toBe(bctx.time(p.row));
          // every point of an evidence row names each finding that rests on it
          for (const p of t.points) expect(p.findings.length).toBe(lists.filter((l) => l.includes(p.row)).length);
          // the domain axis counts the rows in view
          expect(t.domainQueries.reduce((a, b) => a + b, 0)).toBe(inView.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

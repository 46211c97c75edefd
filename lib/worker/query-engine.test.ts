import { describe, expect, it } from 'vitest';
import { defineDetector, type Detector } from '../detect/types';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { QueryEngine } from './query-engine';
import type { Query, QueryKind, ResultOf } from './query-protocol';
import { QueryResultSchema } from './query-results';

const T0 = 1_700_000_000;

/** Flags every registrable domain with "evil" in it; all its rows are the evidence. */
const evilDomains: Detector = defineDetector({
  meta: {
    id: 'evil-domain',
    title: 'Evil-looking domain',
    description: 'test detector',
    mitre: ['T1071.004'],
    requiredFields: [],
    thresholds: {},
    falsePositives: ['tests'],
    severity: 'medium',
  },
  run(ctx) {
    const byDomain = new Map<string, number[]>();
    for (let r = 0; r < ctx.size; r++) {
      const d = ctx.domainText(ctx.domain(r));
      if (!d.includes('evil')) continue;
      const rows = byDomain.get(d) ?? [];
      rows.push(r);
      byDomain.set(d, rows);
    }
    return [...byDomain].map(([domain, rows]) => ({
      title: `Lookups of ${domain}`,
      severity: rows.length > 25 ? 'high' : 'medium',
      score: rows.length > 25 ? 7 : 5,
      entity: { domain, host: ctx.host(rows[0] as number) },
      rows,
      details: { lookups: rows.length },
    }));
  },
});

const events: TestEvent[] = [
  { t: T0, qname: 'www.example.com', host: 'WS1', image: 'C:\\chrome.exe', answers: ['1.2.3.4'] },
  { t: T0 + 60, qname: 'mail.example.com', host: 'WS1', image: 'C:\\outlook.exe', answers: ['1.2.3.5'] },
  { t: T0 + 120, qname: 'nope.example.org', host: 'WS2', image: 'C:\\chrome.exe', status: 'NXDOMAIN', code: 9003 },
  // 30 rows of a stager, newest first, so evidence order is visibly re-sorted
  ...Array.from({ length: 30 }, (_, i): TestEvent => ({
    t: T0 + 3600 - i * 10,
    qname: `${i}.stage.evil.net`,
    host: 'WS2',
    image: 'C:\\Users\\x\\AppData\\Local\\Temp\\<b>stager</b>.exe',
    qtype: 'AAAA',
    answers: [`fc48:83e4::${i}`],
  })),
  { t: T0 + 7200, qname: 'cdn.evil.org', host: 'WS3', image: 'C:\\chrome.exe' },
];

/** The ref of an entity by its name, as the pickers find it. */
function refOf(ask: ReturnType<typeof setup>['ask'], dim: 'process' | 'domain' | 'host', label: string): number {
  const entry = ask({ kind: 'entity-choices', dims: [dim], search: label, limit: 1000 }).groups[0]?.entries.find((e) => e.label === label);
  if (!entry) throw new Error(`${dim} ${label} not offered`);
  return entry.ref;
}

function setup(detectors: readonly Detector[] = [evilDomains]) {
  const store = buildStore(events, { name: 'hunt.csv' });
  const engine = new QueryEngine(store, { detectors, now: () => 0 });
  engine.commit();
  engine.detect();
  const ask = <K extends QueryKind>(q: Extract<Query, { kind: K }>): ResultOf<K> => {
    const r = engine.run(q);
    QueryResultSchema.parse(r); // what the page would accept
    return r as ResultOf<K>;
  };
  return { store, engine, ask };
}

const overview = (filter: Extract<Query, { kind: 'overview' }>['filter'] = {}) =>
  ({ kind: 'overview', filter, stackBy: 'status', maxBuckets: 50, top: 5 }) as const;

describe('QueryEngine', () => {
  it('summarises the loaded data: totals, NXDOMAIN, series over the data range, top lists with refs', () => {
    const { ask } = setup();
    const o = ask(overview());
    expect(o.events).toBe(34);
    expect(o.nxdomain).toBe(1);
    expect(o.dataRange).toEqual({ first: T0 * 1000, last: (T0 + 7200) * 1000 });
    expect(o.series.series.map((s) => s.key)).toEqual(['NOERROR', 'NXDOMAIN']);
    expect(o.series.series.flatMap((s) => s.counts).reduce((a, b) => a + b, 0)).toBe(34);
    expect(o.top.host.map((h) => [h.label, h.count])).toEqual([['WS2', 31], ['WS1', 2], ['WS3', 1]]);
    // refs are indices into the sorted distinct values
    expect(o.top.host.map((h) => h.ref)).toEqual([1, 0, 2]);
    expect(o.top.domain[0]).toMatchObject({ label: 'evil.net', count: 30 });
  });

  it('narrows every aggregate by refs and time, and keeps the chart unnarrowed by time', () => {
    const { ask } = setup();
    const ws2 = ask(overview()).top.host.find((h) => h.label === 'WS2')?.ref;
    expect(ask(overview({ host: ws2 })).events).toBe(31);
    const ranged = ask(overview({ from: (T0 + 3000) * 1000, to: (T0 + 3600) * 1000 }));
    expect(ranged.events).toBe(30);
    expect(ranged.series.series.flatMap((s) => s.counts).reduce((a, b) => a + b, 0)).toBe(34);
    expect(ask(overview({ host: 99 })).events).toBe(0);
    expect(ask({ kind: 'filter-labels', filter: { host: ws2, domain: 99 } })).toEqual({
      kind: 'filter-labels', host: 'WS2', domain: null, dataRange: { first: T0 * 1000, last: (T0 + 7200) * 1000 },
      statuses: [{ code: 0, name: 'NOERROR', count: 33 }, { code: 1, name: 'NXDOMAIN', count: 1 }],
      qtypes: [{ code: 28, name: 'AAAA', count: 30 }, { code: 1, name: 'A', count: 4 }],
    });
  });

  it('switching the stack mode or the time range recomputes only what changed, with the same answers', () => {
    const { store, ask } = setup();
    const byStatus = ask(overview());
    const byType = ask({ ...overview(), stackBy: 'qtype' });
    expect(byType.series.series.map((s) => s.key)).toEqual(['AAAA', 'A']);
    expect([byType.events, byType.top]).toEqual([byStatus.events, byStatus.top]);
    const ranged = ask({ ...overview({ from: (T0 + 3000) * 1000, to: (T0 + 3600) * 1000 }), stackBy: 'qtype' });
    expect(ranged.series).toEqual(byType.series); // the chart shows the brush over the whole range
    // the same answers as an engine that never saw the earlier queries
    const fresh = new QueryEngine(store, { detectors: [], now: () => 0 });
    fresh.commit();
    expect(fresh.run({ ...overview({ from: (T0 + 3000) * 1000, to: (T0 + 3600) * 1000 }), stackBy: 'qtype' })).toEqual(ranged);
  });

  it('builds the filter indexes step by step for idle time, then has nothing left to do', () => {
    const { engine } = setup();
    expect([engine.warmStep(), engine.warmStep(), engine.warmStep(), engine.warmStep()]).toEqual([true, true, true, false]);
  });

  it('pivots by several dimensions with paging; counts add up to the events', () => {
    const { ask } = setup();
    const all = ask({ kind: 'pivot', filter: {}, dims: ['process', 'host'], offset: 0, limit: 1000 });
    expect(all.total).toBe(all.rows.length);
    expect(all.rows.reduce((a, r) => a + r.count, 0)).toBe(34);
    const page = ask({ kind: 'pivot', filter: {}, dims: ['process', 'host'], offset: 1, limit: 2 });
    expect(page.rows).toEqual(all.rows.slice(1, 3));
    expect(page.total).toBe(all.total);
  });

  it('answers no filter (every row, without a test per row) as a filter that keeps every row', () => {
    const { ask } = setup();
    const every = { statuses: ['NOERROR', 'NXDOMAIN'] as ('NOERROR' | 'NXDOMAIN')[] }; // the statuses there are
    const dimsList: Extract<Query, { kind: 'pivot' }>['dims'][] = [['process', 'host'], ['domain'], ['qname', 'answers', 'host', 'user', 'process']];
    for (const dims of dimsList) {
      const q = { kind: 'pivot', dims, offset: 0, limit: 1000 } as const;
      expect(ask({ ...q, filter: {} })).toEqual(ask({ ...q, filter: every }));
    }
    for (const stackBy of ['status', 'qtype'] as const) expect(ask({ ...overview(), stackBy })).toEqual(ask({ ...overview(every), stackBy }));
    const labels = ask({ kind: 'filter-labels', filter: {} });
    expect(labels).toEqual(ask({ kind: 'filter-labels', filter: every }));
  });

  it('lists suspects with facets and filters by severity, detector, host, time and search', () => {
    const { ask } = setup();
    const q = (filter: Extract<Query, { kind: 'suspects' }>['filter']) => ask({ kind: 'suspects', filter, limit: 100 });
    const all = q({});
    expect(all.detection).toMatchObject({ status: 'ready', findings: 2, suspects: 2, ran: 1, registered: 1 });
    expect(all.suspects.map((s) => [s.label, s.severity])).toEqual([['evil.net', 'high'], ['evil.org', 'medium']]);
    expect(all.suspects[0]?.detectors).toEqual([{ id: 'evil-domain', title: 'Evil-looking domain' }]);
    expect(all.bySeverity).toMatchObject({ high: 1, medium: 1, critical: 0 });
    expect(all.hosts.map((h) => h.label)).toEqual(['WS2', 'WS3']);
    expect(q({ severity: 'high' }).matched).toBe(1);
    expect(q({ detector: 'other' }).matched).toBe(0);
    expect(q({ search: 'EVIL.ORG' }).suspects.map((s) => s.label)).toEqual(['evil.org']);
    const ws3 = all.hosts.find((h) => h.label === 'WS3')?.ref;
    expect(q({ host: ws3 }).suspects.map((s) => s.label)).toEqual(['evil.org']);
    // the stager's burst ends an hour after T0; evil.org is seen at T0 + 2 h
    expect(q({ from: (T0 + 5000) * 1000 }).suspects.map((s) => s.label)).toEqual(['evil.org']);
    expect(q({ from: (T0 + 5000) * 1000 }).inView).toBe(1);
    // a selected suspect comes back even when the filters leave it out
    const picked = ask({ kind: 'suspects', filter: { severity: 'critical' }, limit: 10, select: all.suspects[1]?.id });
    expect([picked.matched, picked.selected?.label]).toEqual([0, 'evil.org']);
    expect(ask({ kind: 'suspects', filter: {}, limit: 1, select: 'nope' }).selected).toBeNull();
  });

  it('pages ALL evidence rows of a finding in time order, raw values as logged', () => {
    const { ask } = setup();
    const finding = ask({ kind: 'suspects', filter: {}, limit: 1 }).suspects[0]?.findings[0];
    expect(finding?.events).toBe(30);
    const id = finding?.id ?? '';
    const p1 = ask({ kind: 'finding-rows', findingId: id, offset: 0, limit: 25 });
    const p2 = ask({ kind: 'finding-rows', findingId: id, offset: 25, limit: 25 });
    expect([p1.found, p1.total, p1.all, p1.rows.length, p2.rows.length]).toEqual([true, 30, 30, 25, 5]);
    const times = [...p1.rows, ...p2.rows].map((r) => r.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(p1.rows[0]).toMatchObject({
      qnameRaw: '29.stage.evil.net', image: 'C:\\Users\\x\\AppData\\Local\\Temp\\<b>stager</b>.exe', answersRaw: 'fc48:83e4::29',
      qtypeName: 'AAAA', inputName: 'hunt.csv', line: 34, status: 'NOERROR', clipped: [],
    });
    const narrowed = ask({ kind: 'finding-rows', findingId: id, filter: { from: (T0 + 3500) * 1000 }, offset: 0, limit: 100 });
    expect([narrowed.total, narrowed.all]).toEqual([11, 30]);
    expect(ask({ kind: 'finding-rows', findingId: 'nope', offset: 0, limit: 10 })).toMatchObject({ found: false, total: 0, rows: [] });
  });

  it('draws the timeline of a process: points in time order, validity, findings; the suspect names its refs', () => {
    const { ask } = setup();
    const stager = 'C:\\Users\\x\\AppData\\Local\\Temp\\<b>stager</b>.exe';
    expect(ask({ kind: 'timeline', filter: {}, limit: 100 }).label).toBeNull();
    const ref = refOf(ask, 'process', stager);
    const t = ask({ kind: 'timeline', entity: { dim: 'process', ref }, filter: {}, limit: 100 });
    expect([t.label, t.total, t.sampled, t.domains, t.findings.length]).toEqual([stager, 30, false, ['evil.net'], 1]);
    expect(t.points.every((p) => p.validity === 'anomalous' && p.findings[0] === 0)).toBe(true);
    expect(t.points.map((p) => p.time)).toEqual([...t.points.map((p) => p.time)].sort((a, b) => a - b));
    const sampled = ask({ kind: 'timeline', entity: { dim: 'process', ref }, filter: { from: (T0 + 3500) * 1000 }, limit: 5 });
    expect([sampled.total, sampled.sampled, sampled.points.length]).toEqual([11, true, 11]); // evidence is always kept
    const ws1 = refOf(ask, 'host', 'WS1');
    const host = ask({ kind: 'timeline', entity: { dim: 'host', ref: ws1 }, filter: {}, limit: 100 });
    expect([host.total, host.points.map((p) => p.validity)]).toEqual([2, ['ok', 'ok']]);
    expect(ask({ kind: 'event', row: host.points[0]?.row ?? -1 }).event?.qnameRaw).toBe('www.example.com');
    expect(ask({ kind: 'event', row: 999 }).event).toBeNull();
    const suspect = ask({ kind: 'suspects', filter: {}, limit: 1 }).suspects[0];
    const selected = ask({ kind: 'suspects', filter: {}, limit: 1, select: suspect?.id });
    // the test detector names no process: the suspect's hosts stand in
    expect(selected.selectedEntities).toEqual([{ dim: 'host', ref: refOf(ask, 'host', 'WS2'), label: 'WS2' }]);
  });

  it('narrows the timeline to the chosen statuses and record types', () => {
    const { ask } = setup();
    const ws2 = refOf(ask, 'host', 'WS2');
    const all = ask({ kind: 'timeline', entity: { dim: 'host', ref: ws2 }, filter: {}, limit: 100 });
    const nx = ask({ kind: 'timeline', entity: { dim: 'host', ref: ws2 }, filter: { statuses: ['NXDOMAIN'] }, limit: 100 });
    const aaaa = ask({ kind: 'timeline', entity: { dim: 'host', ref: ws2 }, filter: { qtypes: [28] }, limit: 100 });
    expect([all.total, nx.total, aaaa.total]).toEqual([31, 1, 30]);
    expect(nx.domains).toEqual(['example.org']);
  });

  it('offers entities to pick by a case-insensitive search, per dimension, with how many match', () => {
    const { ask } = setup();
    const all = ask({ kind: 'entity-choices', dims: ['process', 'domain', 'host'], search: '', limit: 2 });
    expect(all.groups.map((g) => [g.dim, g.total, g.matched, g.entries.length])).toEqual([
      ['process', 3, 3, 2],
      ['domain', 4, 4, 2],
      ['host', 3, 3, 2],
    ]);
    const evil = ask({ kind: 'entity-choices', dims: ['domain'], search: ' EVIL ', limit: 10 });
    expect(evil.groups[0]?.entries.map((e) => e.label)).toEqual(['evil.net', 'evil.org']);
    expect(ask({ kind: 'entity-choices', dims: ['host'], search: 'nothing', limit: 10 }).groups[0]).toMatchObject({ matched: 0, entries: [] });
  });

  it('pages the rows of a filter in time order', () => {
    const { ask } = setup();
    const r = ask({ kind: 'rows', filter: { statuses: ['NXDOMAIN'] }, offset: 0, limit: 10 });
    expect(r.total).toBe(1);
    expect(r.rows[0]).toMatchObject({ qnameRaw: 'nope.example.org', statusCode: 9003, status: 'NXDOMAIN' });
  });

  it('cuts log text longer than the page may receive and says which field was cut', () => {
    const store = buildStore([{ t: T0, qname: `${'a'.repeat(10_000)}.example.com` }]);
    const engine = new QueryEngine(store, { detectors: [] });
    engine.commit();
    const r = engine.run({ kind: 'rows', filter: {}, offset: 0, limit: 1 });
    expect(QueryResultSchema.parse(r)).toBeTruthy();
    expect(r.kind === 'rows' && r.rows[0]?.clipped).toEqual(['qname', 'qnameRaw']);
  });

  it('a detector that throws fails detection, not the queries', () => {
    const boom: Detector = { ...evilDomains, run: () => { throw new Error('boom'); } };
    const { ask } = setup([boom]);
    const s = ask({ kind: 'suspects', filter: {}, limit: 10 });
    expect(s.detection.error).toMatch(/boom/);
    expect(s.suspects).toEqual([]);
    expect(ask(overview()).events).toBe(34);
  });

  it('ignores rows of a file still being read until it is committed', () => {
    const { store, engine, ask } = setup();
    buildStore([{ t: T0, qname: 'late.example.com' }], { store, name: 'second.csv' });
    expect(ask(overview()).events).toBe(34);
    expect(engine.detectionCurrent).toBe(true);
    engine.commit();
    expect(engine.detectionCurrent).toBe(false);
    expect(ask(overview()).events).toBe(35);
    expect(ask({ kind: 'suspects', filter: {}, limit: 1 }).detection.status).toBe('pending');
  });
});

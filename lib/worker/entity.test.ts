import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { payloadReassembly } from '../detect/payload-reassembly';
import { dnsstagerAaaa, dnsstagerTxt, stagerEvents, stagerPayload } from '../detect/scenarios/dnsstager-fixture';
import { defineDetector } from '../detect/types';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { QueryEngine } from './query-engine';
import type { Query, QueryKind, ResultOf } from './query-protocol';
import { QueryResultSchema } from './query-results';

const T0 = 1_700_000_000;
const STAGER = 'C:\\Temp\\stager.exe';

const evil = defineDetector({
  meta: { id: 'evil-domain', title: 'Evil', description: 'test', mitre: ['T1071.004'], requiredFields: [], thresholds: {}, falsePositives: ['tests'], severity: 'medium' },
  run(ctx) {
    const rows: number[] = [];
    for (let r = 0; r < ctx.size; r++) if (ctx.domainText(ctx.domain(r)) === 'evil.net') rows.push(r);
    return rows.length === 0 ? [] : [{ title: 'Lookups of evil.net', severity: 'medium', score: 5, entity: { domain: 'evil.net', host: 'WS2', process: STAGER }, rows, details: {} }];
  },
});

const events: TestEvent[] = [
  { t: T0, qname: 'www.example.com', host: 'WS1', image: 'C:\\chrome.exe', answers: ['1.2.3.4'] },
  ...Array.from({ length: 5 }, (_, i): TestEvent => ({ t: T0 + i, qname: `${i}.stage.evil.net`, host: 'WS2', image: STAGER, qtype: 'AAAA', answers: [`fc48:83e4::${i}`] })),
];

function setup() {
  const engine = new QueryEngine(buildStore(events, { name: 'hunt.csv' }), { detectors: [evil], now: () => 0 });
  engine.commit();
  engine.detect();
  return <K extends QueryKind>(q: Extract<Query, { kind: K }>): ResultOf<K> => QueryResultSchema.parse(engine.run(q)) as ResultOf<K>;
}

describe('entity pages', () => {
  it('a process: hosts, users, top domains with refs, findings', () => {
    const ask = setup();
    const o = ask({ kind: 'overview', filter: {}, stackBy: 'status', maxBuckets: 10, top: 5 });
    const ref = o.top.process.find((p) => p.label === STAGER)?.ref ?? -1;
    const e = ask({ kind: 'entity', entity: { dim: 'process', ref } });
    expect(e).toMatchObject({ dim: 'process', label: STAGER, queries: 5 });
    expect(e.hosts.map((h) => [h.label, h.count])).toEqual([['WS2', 5]]);
    expect(e.domains[0]).toMatchObject({ label: 'evil.net', count: 5 });
    expect(e.domains[0]?.ref).toBe(o.top.domain.find((d) => d.label === 'evil.net')?.ref);
    expect(e.findings.map((f) => f.title)).toEqual(['Lookups of evil.net']);
  });

  it('a domain: querying processes and hosts, answers with their IANA class; unknown refs are null', () => {
    const ask = setup();
    const o = ask({ kind: 'overview', filter: {}, stackBy: 'status', maxBuckets: 10, top: 5 });
    const ref = o.top.domain.find((d) => d.label === 'evil.net')?.ref ?? -1;
    const e = ask({ kind: 'entity', entity: { dim: 'domain', ref } });
    expect(e.processes.map((p) => p.label)).toEqual([STAGER]);
    expect(e.answers).toHaveLength(5);
    expect(e.answers[0]?.type).toBe('AAAA');
    expect(e.answers[0]?.ipv6Class).toMatch(/unique-local/);
    expect(ask({ kind: 'entity', entity: { dim: 'host', ref: 99 } }).label).toBeNull();
  });

  it('payload bytes: null for a finding that is not a payload', () => {
    const ask = setup();
    const o = ask({ kind: 'entity', entity: { dim: 'host', ref: 1 } });
    const id = o.findings[0]?.id ?? 'x';
    expect(ask({ kind: 'payload', findingId: id })).toEqual({ kind: 'payload', findingId: id, sha256: null, bytes: null });
  });

  it.each([
    ['AAAA with a missing record (a gap of 16 zero bytes)', dnsstagerAaaa(stagerPayload(510), 0x33), 'AAAA', 'cloud-srv-9.'],
    ['TXT with a missing record', dnsstagerTxt(stagerPayload(510), 0x0a), 'TXT', 'cloud-srv-3.'],
    ['AAAA without gaps, rows shuffled in time', dnsstagerAaaa(stagerPayload(300), 0x10), 'AAAA', null],
  ] as const)('payload bytes: %s are rebuilt in full and match the finding', (_name, answers, qtype, drop) => {
    let ev = stagerEvents({ answers: [...answers], qtype });
    if (drop) ev = ev.filter((e) => !e.qname.startsWith(drop));
    else ev = ev.map((e, i) => ({ ...e, t: e.t + ((i * 7) % 5) }));
    const engine = new QueryEngine(buildStore(ev, { name: 'stager.csv' }), { detectors: [payloadReassembly], now: () => 0 });
    engine.commit();
    engine.detect();
    const ask = <K extends QueryKind>(q: Extract<Query, { kind: K }>): ResultOf<K> => QueryResultSchema.parse(engine.run(q)) as ResultOf<K>;
    const o = ask({ kind: 'overview', filter: {}, stackBy: 'status', maxBuckets: 10, top: 5 });
    const ref = o.top.domain.find((d) => d.label === 'mydnsserver.live')?.ref ?? -1;
    const e = ask({ kind: 'entity', entity: { dim: 'domain', ref } });
    const p = e.payloads[0];
    expect(p).toBeDefined();
    expect(p?.gaps).toBe(drop ? 1 : 0);
    expect(p?.recordType).toBe(qtype);
    const r = ask({ kind: 'payload', findingId: p?.findingId ?? '' });
    expect(r.sha256).toBe(p?.sha256);
    expect(r.bytes?.byteLength).toBe(p?.bytes);
    const bytes = new Uint8Array(r.bytes ?? new ArrayBuffer(0));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(p?.sha256);
  });
});

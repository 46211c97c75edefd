import { describe, expect, it } from 'vitest';
import { isPublicName, registrableDomain } from '../enrich/domain';
import { BLOCK_SIZE } from '../store/column';
import { STATUS_ORDER, type StoreStatus } from '../store/event-store';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { DetectContext } from './context';

const statuses: StoreStatus[] = ['NOERROR', 'NXDOMAIN', 'SERVFAIL'];
// a row count past the first column block, so the block arithmetic of the accessors is exercised
const events: TestEvent[] = Array.from({ length: BLOCK_SIZE + 300 }, (_, i) => ({
  t: 1_700_000_000 + i * 0.25,
  qname: `Host${i % 37}.Example${i % 5}.com`,
  host: `WS${i % 11}`,
  qtype: i % 3 === 0 ? 'TXT' : 'A',
  status: statuses[i % 3],
  answers: i % 3 === 0 ? [] : [`10.0.${i % 7}.${i % 200}`],
}));

describe('DetectContext row accessors', () => {
  const store = buildStore(events);
  const ctx = new DetectContext(store);

  it('read what the store columns hold, on both sides of a block boundary', () => {
    for (let r = 0; r < ctx.size; r += r < BLOCK_SIZE - 50 || r > BLOCK_SIZE + 50 ? 97 : 1) {
      expect(ctx.time(r)).toBe(store.time.get(r));
      expect(ctx.actor(r)).toBe(store.actor.get(r));
      expect(ctx.answersId(r)).toBe(store.answers.get(r));
      expect(ctx.qtype(r)).toBe(store.qtypeOf(r));
      expect(ctx.statusIndex(r)).toBe(store.statusOf(r));
      expect(ctx.status(r)).toBe(STATUS_ORDER[store.statusOf(r)]);
      expect(ctx.qnameRawText(r)).toBe(store.strings.get(store.qname.get(r)));
      expect(ctx.qname(r)).toBe(store.qnameNorm(store.qname.get(r)));
    }
    expect(ctx.time(BLOCK_SIZE)).toBe((1_700_000_000 + BLOCK_SIZE * 0.25) * 1000);
    expect(ctx.qnameRawText(BLOCK_SIZE + 1)).toBe(`Host${(BLOCK_SIZE + 1) % 37}.Example${(BLOCK_SIZE + 1) % 5}.com`);
  });

  it('throw the column error for rows out of range', () => {
    for (const row of [-1, ctx.size, ctx.size + BLOCK_SIZE]) {
      expect(() => ctx.time(row)).toThrow(RangeError);
      expect(() => ctx.actor(row)).toThrow(RangeError);
      expect(() => ctx.answersId(row)).toThrow(RangeError);
      expect(() => ctx.statusIndex(row)).toThrow(RangeError);
      expect(() => ctx.qtype(row)).toThrow(RangeError);
      expect(() => ctx.qnameRawText(row)).toThrow(RangeError);
    }
  });

  it('spans the event times', () => {
    expect(ctx.timeSpan()).toEqual({ min: 1_700_000_000_000, max: (1_700_000_000 + (events.length - 1) * 0.25) * 1000 });
  });

  it('spans only its own rows when the store grew after it was made', () => {
    const grown = buildStore(events);
    const before = new DetectContext(grown);
    grown.beginInput('later', 'x');
    grown.append({
      time: 9e15, line: 1, host: 'WS1', user: '', image: '', pid: 1, guid: '', qname: 'late.example.com', qtype: 1,
      status: 'NOERROR', statusCode: 0, answers: 0, ttl: -1, resolver: '', client: '',
    });
    expect(grown.timeSpan().max).toBe(9e15);
    expect(before.timeSpan()).toEqual(ctx.timeSpan());
  });

  it('reads a group of rows\' times in whole units', () => {
    const rows = Int32Array.from([5, BLOCK_SIZE + 7, 0, BLOCK_SIZE - 1, 42]);
    const out = new Float64Array(4);
    ctx.unitsOf(rows, 1, 5, 1000, out);
    expect(Array.from(out)).toEqual([BLOCK_SIZE + 7, 0, BLOCK_SIZE - 1, 42].map((r) => Math.floor(store.time.get(r) / 1000)));
    ctx.unitsOf(rows, 0, 2, 60_000, out);
    expect(out.subarray(0, 2)).toEqual(Float64Array.from([5, BLOCK_SIZE + 7].map((r) => Math.floor(store.time.get(r) / 60_000))));
    expect(() => ctx.unitsOf(Int32Array.from([ctx.size]), 0, 1, 1000, out)).toThrow(RangeError);
  });
});

describe('DetectContext names', () => {
  const names = ['c2.evil.duckdns.org', 'wpad', 'x.corp', '4.3.2.1.in-addr.arpa', 'www.example.co.uk', 'ab+c/d==.t.vpn-gateway.info', 'host.local', '10.1.2.3'];
  const store = buildStore(Array.from({ length: 40 }, (_, i) => ({ t: 1_700_000_000 + i, qname: names[(i * 5) % names.length] as string, host: 'WS1' })));

  it('tells public names whichever is asked first, with the same domain ids either way', () => {
    const domainsFirst = new DetectContext(store);
    const publicFirst = new DetectContext(store);
    const qs = [...new Set(Array.from({ length: store.size }, (_, r) => publicFirst.qname(r)))].reverse();
    const asked = qs.map((q) => publicFirst.isPublicQname(q));
    const domains = Array.from(domainsFirst.domainColumn());
    expect(asked).toEqual(qs.map((q) => isPublicName(publicFirst.text(q))));
    expect(qs.map((q) => domainsFirst.isPublicQname(q))).toEqual(asked);
    expect(Array.from(publicFirst.domainColumn())).toEqual(domains);
    for (let r = 0; r < store.size; r++) expect(publicFirst.domainText(publicFirst.domain(r))).toBe(registrableDomain(publicFirst.qnameText(r)));
    // a name no row has (a string of the pool that is not a query name)
    const host = store.strings.lookup('WS1');
    expect(publicFirst.isPublicQname(host)).toBe(false);
  });
});

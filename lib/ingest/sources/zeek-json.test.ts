import { describe, expect, it } from 'vitest';
import type { EventStore, EventView } from '../../store/event-store';
import { ingestPath, ingestText, samplePath, SKIP_NO_SAMPLES } from '../../testing/ingest-helpers';
import { pickAdapter } from './index';
import { MAX_RECORD_CHARS } from '../types';
import { zeekJson } from './zeek-json';

function all(store: EventStore): EventView[] {
  return Array.from({ length: store.size }, (_, i) => store.event(i));
}

function atLine(store: EventStore, line: number): EventView {
  const e = all(store).find((v) => v.line === line);
  if (!e) throw new Error(`no event from line ${line}`);
  return e;
}

const BASE = {
  ts: 1700000000.25, uid: 'Cabc', 'id.orig_h': '10.0.0.5', 'id.orig_p': 50000, 'id.resp_h': '10.0.0.53',
  'id.resp_p': 53, proto: 'udp', trans_id: 1, rtt: 0.01, query: 'www.example.com', qclass: 1,
  qclass_name: 'C_INTERNET', qtype: 1, qtype_name: 'A', rcode: 0, rcode_name: 'NOERROR', AA: false, TC: false,
  RD: true, RA: true, Z: 0, answers: ['93.184.216.34'], TTLs: [300.0], rejected: false,
};

/** One NDJSON line: BASE with overrides; an override of undefined omits the key (unset). */
function line(over: Record<string, unknown> = {}): string {
  const o: Record<string, unknown> = { ...BASE, ...over };
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return JSON.stringify(o) + '\n';
}

describe('Zeek JSON adapter on synthetic logs', () => {
  it('reads a dotted-key record into a DNS event', async () => {
    const { store, summary } = await ingestText(line());
    expect(summary).toMatchObject({ format: 'zeek-json', events: 1, skipped: 0, timeBasis: 'UTC (Zeek epoch ts)' });
    expect(store.event(0)).toMatchObject({
      line: 1, time: 1700000000250, host: '10.0.0.5', client: '10.0.0.5', resolver: '10.0.0.53',
      qname: 'www.example.com', qtype: 1, status: 'NOERROR', statusCode: 0, user: '', image: '', pid: -1, guid: '',
      answersRaw: '93.184.216.34', answers: [{ type: 1, value: '93.184.216.34' }], ttl: 300,
    });
  });

  it('reads underscore id_ keys and ignores extra keys such as @stream', async () => {
    const text = line({ 'id.orig_h': undefined, 'id.resp_h': undefined, id_orig_h: '10.1.1.1', id_resp_h: '10.1.1.53', '@stream': 'dns', '@system': 'nsm', auth: ['ns.example'] });
    const { store, summary } = await ingestText(text);
    expect(summary.skipped).toBe(0);
    expect(store.event(0)).toMatchObject({ host: '10.1.1.1', client: '10.1.1.1', resolver: '10.1.1.53' });
  });

  it('reads omitted rcode as NO_RESPONSE and omitted query as an empty name', async () => {
    const text = line({ rcode: undefined, rcode_name: undefined, answers: undefined, TTLs: undefined })
      + line({ query: undefined, qtype: undefined, qtype_name: undefined, rcode: 2, rcode_name: 'SERVFAIL', answers: undefined, TTLs: undefined, rejected: true });
    const { store } = await ingestText(text);
    expect(store.event(0)).toMatchObject({ status: 'NO_RESPONSE', statusCode: -1, answers: [], ttl: -1 });
    expect(store.event(1)).toMatchObject({ qname: '', qtype: 0, status: 'SERVFAIL', statusCode: 2 });
  });

  it('reads an ISO8601 ts and says so in the time basis', async () => {
    const { store, summary } = await ingestText(line({ ts: '2020-05-01T06:03:39.797806Z' }));
    expect(store.event(0).time).toBe(Date.UTC(2020, 4, 1, 6, 3, 39) + 797.806);
    expect(summary.timeBasis).toBe('UTC (Zeek ISO8601 ts)');
  });

  it('reads answer elements containing commas and an empty answers array as NODATA', async () => {
    const text = line({ qtype: 16, qtype_name: 'TXT', answers: ['TXT 5 a,b c', 'alias.example.'], TTLs: [60.0, 5.0] })
      + line({ answers: [], TTLs: [] });
    const { store } = await ingestText(text);
    expect(store.event(0)).toMatchObject({
      answersRaw: 'TXT 5 a\\x2cb c,alias.example.',
      answers: [{ type: 16, value: 'a,b c' }, { type: 5, value: 'alias.example' }],
      ttl: 60,
    });
    expect(store.event(1)).toMatchObject({ status: 'NODATA', answers: [], ttl: -1 });
  });

  it('reports a bad JSON line with its line number and keeps the good lines', async () => {
    const text = line({ query: 'a.example' }) + '{"ts": 1700000000.5, "query": \n' + 'not json\n' + line({ query: 'b.example' }) + '[1,2]\n';
    const { store, summary } = await ingestText(text);
    expect(summary).toMatchObject({ events: 2, skipped: 3 });
    expect(summary.problems.map((p) => p.line)).toEqual([2, 3, 5]);
    expect(summary.problems[0]?.reason).toMatch(/^invalid JSON: /);
    expect(summary.problems[1]?.reason).toBe('not a JSON object: “not json”');
    expect(all(store).map((e) => [e.line, e.qname])).toEqual([[1, 'a.example'], [4, 'b.example']]);
  });

  it('skips a line over the record size limit and reads the next one', async () => {
    const huge = line({ query: 'x'.repeat(MAX_RECORD_CHARS + 10) });
    const { store, summary } = await ingestText(huge + line({ query: 'after.example' }), { chunkSize: 65536 });
    expect(summary.problems).toEqual([{ line: 1, reason: 'line too long: skipped' }]);
    expect(all(store).map((e) => [e.line, e.qname])).toEqual([[2, 'after.example']]);
  });

  it('reports records without a usable ts, rcode or answers list', async () => {
    const text = line({ ts: undefined }) + line({ ts: 'soon' }) + line({ rcode: 'weird' }) + line({ answers: 7 }) + line();
    const { summary } = await ingestText(text);
    expect(summary.events).toBe(1);
    expect(summary.problems).toEqual([
      { line: 1, reason: 'no ts' },
      { line: 2, reason: 'bad ts “soon”' },
      { line: 3, reason: 'bad rcode “weird”' },
      { line: 4, reason: 'answers is not a list: “7”' },
    ]);
  });

  it('gives the same events in 5-byte chunks, with CRLF line endings, as in one chunk', async () => {
    const text = line({ query: 'ü.example' }) + 'oops\n' + line({ rcode: undefined }) + line({ ts: '2020-05-01T06:03:39Z' });
    const one = await ingestText(text);
    const small = await ingestText(text, { chunkSize: 5 });
    const crlf = await ingestText(text.replace(/\n/g, '\r\n'), { chunkSize: 5 });
    expect(one.summary).toMatchObject({ events: 3, skipped: 1 });
    expect(all(small.store)).toEqual(all(one.store));
    expect(all(crlf.store)).toEqual(all(one.store));
    expect(crlf.summary.problems).toEqual(one.summary.problems);
  });

  it('is sniffed from Zeek dns records in either key style but not from Sysmon JSON or conn logs', () => {
    expect(zeekJson.sniff(line())).toBe(1);
    expect(zeekJson.sniff('\uFEFF' + line({ 'id.orig_h': undefined, id_orig_h: '10.0.0.1' }))).toBe(1);
    expect(zeekJson.sniff(line() + line().slice(0, 40))).toBe(1);
    expect(zeekJson.sniff(line({ query: 'x'.repeat(70000) }).slice(0, 65536))).toBeGreaterThan(0.5);
    expect(zeekJson.sniff('{"EventID":22,"QueryName":"a.example","Image":"C:\\\\x.exe"}\n')).toBe(0);
    expect(zeekJson.sniff('{"ts":1700000000.1,"uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","proto":"tcp","service":"http"}\n')).toBe(0);
    expect(pickAdapter(line())?.id).toBe('zeek-json');
  });
});

const RITA_JSON = samplePath('activecm-rita__test_data_json_with_all_fields__dns.log');
const RITA_TSV = samplePath('activecm-rita__test_data_open_conns_open__dns.log');
const APT29 = samplePath('OTRF-Security-Datasets__apt29_day2_NEWYORK_dns.log');

describe.skipIf(!RITA_JSON || !RITA_TSV)(`rita json_with_all_fields dns.log${RITA_JSON && RITA_TSV ? '' : ': ' + SKIP_NO_SAMPLES}`, () => {
  it('reads 34 records with the dnscat2 TXT rows', async () => {
    const { store, summary } = await ingestPath(RITA_JSON as string);
    expect(summary).toMatchObject({ format: 'zeek-json', events: 34, skipped: 0, timeBasis: 'UTC (Zeek epoch ts)' });
    expect(summary.statusMix).toEqual({ NOERROR: 31, ERROR: 1, NO_RESPONSE: 2 });
    expect(summary.statusCodes).toEqual({ '0': 31, '1': 1, '-1': 2 });
    expect(store.event(0)).toMatchObject({
      line: 1, time: 1517336042279.652, host: '192.168.88.2', resolver: '165.227.88.15',
      qname: '6dde0175375169c68f.dnsc.r-1x.com', qtype: 16, status: 'NOERROR',
      answers: [{ type: 16, value: '302f017537c68f5169' }], ttl: 60,
    });
  });

  it('gives the same events as the TSV log of the same records, except the edited rcode row', async () => {
    const json = all((await ingestPath(RITA_JSON as string)).store);
    const tsv = all((await ingestPath(RITA_TSV as string)).store);
    const pick = (e: EventView) => [e.time, e.host, e.resolver, e.qnameRaw, e.qtype, e.answersRaw, e.answers, e.ttl];
    expect(json.map(pick)).toEqual(tsv.map(pick));
    // the fixture edit differs between the two files: rcode 5 in the TSV, rcode 1 in the JSON
    const status = (e: EventView) => `${e.status}/${e.statusCode}`;
    expect(tsv.map(status).filter((_, i) => i !== 31)).toEqual(json.map(status).filter((_, i) => i !== 31));
    expect([tsv[31] && status(tsv[31]), json[31] && status(json[31])]).toEqual(['REFUSED/5', 'ERROR/1']);
  });
});

describe.skipIf(!APT29)(`OTRF APT29 day 2 NEWYORK dns.log (underscore keys)${APT29 ? '' : ': ' + SKIP_NO_SAMPLES}`, () => {
  it('reads 153 records with the verified status mix', async () => {
    const { summary } = await ingestPath(APT29 as string);
    expect(summary).toMatchObject({ format: 'zeek-json', events: 153, skipped: 0, timeBasis: 'UTC (Zeek epoch ts)' });
    expect(summary.statusMix).toEqual({ NOERROR: 89, NO_RESPONSE: 35, NXDOMAIN: 28, NODATA: 1 });
    expect(summary.statusCodes).toEqual({ '0': 90, '-1': 35, '3': 28 });
  });

  it('reads rows without rcode as NO_RESPONSE', async () => {
    const { store } = await ingestPath(APT29 as string);
    expect(atLine(store, 2)).toMatchObject({
      qname: 'ctldl.windowsupdate.com', host: '10.0.1.5', resolver: '10.0.0.4', status: 'NO_RESPONSE',
      statusCode: -1, answers: [], ttl: -1, time: 1588316619816.337,
    });
  });

  it('types the SRV answers for dmevals.local as 33 and the SOA query without answers as NODATA', async () => {
    const { store } = await ingestPath(APT29 as string);
    expect(atLine(store, 26)).toMatchObject({
      qname: '_ldap._tcp.pdc._msdcs.dmevals.local', qtype: 33, host: '10.0.1.4', status: 'NOERROR',
      answers: [{ type: 33, value: 'newyork.dmevals.local' }], ttl: 600, time: 1588317050981.076,
    });
    const srv = all(store).filter((e) => e.qtype === 33 && e.answers.length > 0);
    expect(srv).toHaveLength(15);
    expect(srv.every((e) => e.answers.every((a) => a.type === 33 && a.value === 'newyork.dmevals.local'))).toBe(true);
    expect(atLine(store, 109)).toMatchObject({ qname: 'utica.dmevals.local', qtype: 6, status: 'NODATA', statusCode: 0 });
  });
});

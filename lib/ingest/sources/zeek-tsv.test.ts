import { describe, expect, it } from 'vitest';
import type { EventStore, EventView } from '../../store/event-store';
import { ingestPath, ingestText, samplePath, SKIP_NO_SAMPLES } from '../../testing/ingest-helpers';
import { pickAdapter } from './index';
import { zeekTsv } from './zeek-tsv';

function all(store: EventStore): EventView[] {
  return Array.from({ length: store.size }, (_, i) => store.event(i));
}

function atLine(store: EventStore, line: number): EventView {
  const e = all(store).find((v) => v.line === line);
  if (!e) throw new Error(`no event from line ${line}`);
  return e;
}

const FIELDS = [
  'ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'trans_id', 'rtt', 'query',
  'qclass', 'qclass_name', 'qtype', 'qtype_name', 'rcode', 'rcode_name', 'AA', 'TC', 'RD', 'RA', 'Z',
  'answers', 'TTLs', 'rejected',
];

const DEFAULTS: Readonly<Record<string, string>> = {
  ts: '1700000000.250000', uid: 'Cabc', 'id.orig_h': '10.0.0.5', 'id.orig_p': '50000', 'id.resp_h': '10.0.0.53',
  'id.resp_p': '53', proto: 'udp', trans_id: '1', rtt: '0.01', query: 'www.example.com', qclass: '1',
  qclass_name: 'C_INTERNET', qtype: '1', qtype_name: 'A', rcode: '0', rcode_name: 'NOERROR', AA: 'F', TC: 'F',
  RD: 'T', RA: 'T', Z: '0', answers: '93.184.216.34', TTLs: '300.000000', rejected: 'F',
};

function header(fields: readonly string[] = FIELDS, sep = '\t', escapedSep = '\\x09', setSep = ','): string {
  return [
    `#separator ${escapedSep}`,
    `#set_separator${sep}${setSep}`,
    `#empty_field${sep}(empty)`,
    `#unset_field${sep}-`,
    `#path${sep}dns`,
    `#open${sep}2023-11-14-22-13-20`,
    `#fields${sep}${fields.join(sep)}`,
    `#types${sep}${fields.map(() => 'string').join(sep)}`,
  ].join('\n') + '\n';
}

function row(values: Readonly<Record<string, string>> = {}, fields: readonly string[] = FIELDS, sep = '\t'): string {
  return fields.map((f) => values[f] ?? DEFAULTS[f] ?? '-').join(sep) + '\n';
}

describe('Zeek TSV adapter on synthetic logs', () => {
  it('reads a row into a DNS event with client, resolver, type, status, answers and TTL', async () => {
    const { store, summary } = await ingestText(header() + row() + '#close\t2023-11-14-22-13-21\n');
    expect(summary).toMatchObject({ format: 'zeek-tsv', events: 1, skipped: 0, timeBasis: 'UTC (Zeek epoch ts)' });
    expect(store.event(0)).toMatchObject({
      line: 9, time: 1700000000250, host: '10.0.0.5', client: '10.0.0.5', resolver: '10.0.0.53',
      user: '', image: '', pid: -1, guid: '', qname: 'www.example.com', qtype: 1, status: 'NOERROR',
      statusCode: 0, answersRaw: '93.184.216.34', answers: [{ type: 1, value: '93.184.216.34' }], ttl: 300,
    });
  });

  it('decodes \\x2c escapes inside answer elements and splits only on the set separator', async () => {
    const answers = 'TXT 11 a\\x2cb\\x2cc d e,10.1.2.3';
    const { store } = await ingestText(header() + row({ qtype: '16', qtype_name: 'TXT', answers, TTLs: '60.000000,30.000000' }));
    expect(store.event(0)).toMatchObject({
      answersRaw: answers,
      answers: [{ type: 16, value: 'a,b,c d e' }, { type: 1, value: '10.1.2.3' }],
      ttl: 60,
    });
  });

  it('reads (empty) answers as an empty set, and NOERROR without answers as NODATA', async () => {
    const { store, summary } = await ingestText(header() + row({ qtype: '28', qtype_name: 'AAAA', answers: '(empty)', TTLs: '(empty)' }));
    expect(store.event(0)).toMatchObject({ status: 'NODATA', statusCode: 0, answers: [], answersRaw: '', ttl: -1 });
    expect(summary.statusMix).toEqual({ NODATA: 1 });
  });

  it('reads an unset rcode as NO_RESPONSE and keeps rejected rows without a question', async () => {
    const text = header()
      + row({ rcode: '-', rcode_name: '-', answers: '-', TTLs: '-', rtt: '-' })
      + row({ query: '-', qtype: '-', qtype_name: '-', rcode: '2', rcode_name: 'SERVFAIL', answers: '-', TTLs: '-', rejected: 'T' });
    const { store, summary } = await ingestText(text);
    expect(summary.events).toBe(2);
    expect(store.event(0)).toMatchObject({ status: 'NO_RESPONSE', statusCode: -1, answers: [], ttl: -1 });
    expect(store.event(1)).toMatchObject({ qname: '', qnameRaw: '', qtype: 0, status: 'SERVFAIL', statusCode: 2 });
  });

  it('lets the rcode number win over a contradicting rcode_name', async () => {
    const { store } = await ingestText(header() + row({ rcode: '5', rcode_name: 'NOERROR' }));
    expect(store.event(0)).toMatchObject({ status: 'REFUSED', statusCode: 5 });
  });

  it('keeps control-byte escapes in query names as logged and decodes printable ones', async () => {
    const text = header() + row({ query: '*\\x00\\x00', qtype: '33', qtype_name: 'NBSTAT' }) + row({ query: '\\x2d' });
    const { store } = await ingestText(text);
    expect(store.event(0).qnameRaw).toBe('*\\x00\\x00');
    expect(store.event(1).qnameRaw).toBe('-');
  });

  it('re-reads #fields when a second header block appears mid-file, tolerating extra columns', async () => {
    const fields2 = ['ts', 'id.orig_h', 'id.resp_h', 'query', 'qtype', 'qtype_name', 'rcode', 'rcode_name',
      'answers', 'TTLs', 'auth', 'addl', 'original_query', 'community_id'];
    const text = header() + row({ query: 'first.example' }) + '#close\t2023-11-14-23-00-00\n'
      + header(fields2) + row({ query: 'second.example', 'id.orig_h': '10.9.9.9', auth: 'ns1.example', original_query: 'SECOND.example' }, fields2);
    const { store, summary } = await ingestText(text);
    expect(summary).toMatchObject({ events: 2, skipped: 0 });
    expect(store.event(0)).toMatchObject({ qname: 'first.example', host: '10.0.0.5' });
    expect(store.event(1)).toMatchObject({ line: 19, qname: 'second.example', host: '10.9.9.9', resolver: '10.0.0.53', answers: [{ type: 1, value: '93.184.216.34' }] });
  });

  it('reports a garbled row with its line and keeps the good rows around it', async () => {
    const text = header() + row({ query: 'a.example' }) + 'garbage \u0000 not a zeek row\n' + row({ query: 'b.example' });
    const { store, summary } = await ingestText(text);
    expect(summary).toMatchObject({ events: 2, skipped: 1 });
    expect(summary.problems).toEqual([{ line: 10, reason: 'expected 24 columns (from #fields), found 1' }]);
    expect(all(store).map((e) => [e.line, e.qname])).toEqual([[9, 'a.example'], [11, 'b.example']]);
  });

  it('reports a row with one column too many or too few', async () => {
    const good = row().slice(0, -1);
    const text = header() + good + '\textra\n' + good.split('\t').slice(1).join('\t') + '\n' + good + '\n';
    const { summary } = await ingestText(text);
    expect(summary.events).toBe(1);
    expect(summary.problems).toEqual([
      { line: 9, reason: 'expected 24 columns (from #fields), found 25' },
      { line: 10, reason: 'expected 24 columns (from #fields), found 23' },
    ]);
  });

  it('reports rows with a bad ts or rcode and rows before any #fields', async () => {
    const text = '#separator \\x09\n' + row() + header().split('\n').slice(1).join('\n')
      + row({ ts: 'yesterday' }) + row({ rcode: 'x' }) + row();
    const { summary } = await ingestText(text);
    expect(summary.events).toBe(1);
    expect(summary.problems).toEqual([
      { line: 2, reason: 'data row before the #fields header' },
      { line: 10, reason: 'bad ts “yesterday”' },
      { line: 11, reason: 'bad rcode “x”' },
    ]);
  });

  it('gives the same events whether the text arrives in 5-byte chunks or one chunk', async () => {
    const text = header() + row({ answers: 'a.example,TXT 3 x\\x2cy,1.2.3.4', TTLs: '5.000000,6.000000,7.000000' })
      + 'bad row\n' + row({ query: 'ü.example' }) + row({ rcode: '-' });
    const one = await ingestText(text);
    const small = await ingestText(text, { chunkSize: 5 });
    expect(all(small.store)).toEqual(all(one.store));
    expect(small.summary.problems).toEqual(one.summary.problems);
    expect(one.summary.events).toBe(3);
  });

  it('reads CRLF line endings like LF', async () => {
    const text = header() + row({ query: 'crlf.example' }) + row({ rcode: '3', rcode_name: 'NXDOMAIN', answers: '-', TTLs: '-' });
    const lf = await ingestText(text);
    const crlf = await ingestText(text.replace(/\n/g, '\r\n'), { chunkSize: 7 });
    expect(crlf.summary).toMatchObject({ events: 2, skipped: 0 });
    expect(all(crlf.store)).toEqual(all(lf.store));
  });

  it('honours a non-tab separator and set separator from the header', async () => {
    const text = header(FIELDS, '|', '\\x7c', ';') + row({ answers: 'alias.example;10.0.0.7', TTLs: '10.000000;20.000000' }, FIELDS, '|');
    const { store, summary } = await ingestText(text);
    expect(summary.skipped).toBe(0);
    expect(store.event(0)).toMatchObject({
      answersRaw: 'alias.example,10.0.0.7',
      answers: [{ type: 5, value: 'alias.example' }, { type: 1, value: '10.0.0.7' }],
      ttl: 10,
    });
  });

  it('is sniffed from a dns header and not from other Zeek logs or Sysmon JSON', () => {
    expect(zeekTsv.sniff('\uFEFF' + header())).toBe(1);
    expect(zeekTsv.sniff(header().replace('#path\tdns', '#path\tdns_custom'))).toBe(1);
    expect(zeekTsv.sniff('#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\n')).toBe(0);
    expect(zeekTsv.sniff('{"EventID":22,"QueryName":"a.example"}\n')).toBe(0);
    expect(pickAdapter(header() + row())?.id).toBe('zeek-tsv');
  });
});

const OPEN = samplePath('activecm-rita__test_data_open_conns_open__dns.log');
const PROXY = samplePath('activecm-rita__test_data_proxy__dns.log');

describe.skipIf(!OPEN)(`rita open_conns dns.log (dnscat2, no #close)${OPEN ? '' : ': ' + SKIP_NO_SAMPLES}`, () => {
  it('reads all 34 records with no problems', async () => {
    const { summary } = await ingestPath(OPEN as string);
    expect(summary).toMatchObject({ format: 'zeek-tsv', events: 34, skipped: 0, timeBasis: 'UTC (Zeek epoch ts)' });
    expect(summary.statusMix).toEqual({ NOERROR: 31, REFUSED: 1, NO_RESPONSE: 2 });
    expect(summary.statusCodes).toEqual({ '0': 31, '5': 1, '-1': 2 });
  });

  it('reads the first dnscat2 TXT row field by field', async () => {
    const { store } = await ingestPath(OPEN as string);
    expect(store.event(0)).toMatchObject({
      line: 9, time: 1517336042279.652, host: '192.168.88.2', client: '192.168.88.2', resolver: '165.227.88.15',
      qname: '6dde0175375169c68f.dnsc.r-1x.com', qtype: 16, status: 'NOERROR', statusCode: 0,
      answersRaw: 'TXT 18 302f017537c68f5169', answers: [{ type: 16, value: '302f017537c68f5169' }], ttl: 60,
    });
    const dnscat = all(store).filter((e) => e.qname.endsWith('.dnsc.r-1x.com'));
    expect(dnscat).toHaveLength(24);
    expect(dnscat.every((e) => e.qtype === 16 && e.answers[0]?.type === 16 && e.ttl === 60)).toBe(true);
  });

  it('reads the edited rcode=5 row named NOERROR as REFUSED', async () => {
    const { store } = await ingestPath(OPEN as string);
    expect(atLine(store, 40)).toMatchObject({
      qname: 'cy2.settings.data.microsoft.com.akadns.net', status: 'REFUSED', statusCode: 5,
      answers: [{ type: 1, value: '64.4.54.253' }], ttl: 300, host: '10.55.200.11',
    });
    expect(atLine(store, 35)).toMatchObject({ qname: 'v10-win.vortex.data.microsoft.com.akadns.net', status: 'NO_RESPONSE', statusCode: -1, ttl: -1 });
  });
});

describe.skipIf(!PROXY)(`rita proxy dns.log (benign baseline)${PROXY ? '' : ': ' + SKIP_NO_SAMPLES}`, () => {
  it('reads 942 records (951 lines minus 9 header lines) with the verified status mix', async () => {
    const { summary } = await ingestPath(PROXY as string);
    expect(summary).toMatchObject({ format: 'zeek-tsv', events: 942, skipped: 0 });
    expect(summary.statusMix).toEqual({ NO_RESPONSE: 686, NOERROR: 227, NODATA: 4, NXDOMAIN: 23, SERVFAIL: 2 });
    expect(summary.statusCodes).toEqual({ '-1': 686, '0': 231, '3': 23, '2': 2 });
    expect(summary.timeRange).toEqual({ first: '2021-01-14T17:26:43.325Z', last: '2021-01-14T21:07:22.324Z' });
  });

  it('keeps mDNS rows with qclass 32769 and reads their missing rcode as NO_RESPONSE', async () => {
    const { store } = await ingestPath(PROXY as string);
    expect(atLine(store, 9)).toMatchObject({
      qname: '_homekit._tcp.local', qtype: 12, host: '192.168.0.20', resolver: '224.0.0.251',
      status: 'NO_RESPONSE', statusCode: -1, answers: [], ttl: -1, time: 1610645203325.59,
    });
  });

  it('types a PTR answer 12 and the CNAME before an A answer 5', async () => {
    const { store } = await ingestPath(PROXY as string);
    expect(atLine(store, 39)).toMatchObject({
      qname: '67.13.217.172.in-addr.arpa', qtype: 12, status: 'NOERROR', statusCode: 0,
      answers: [{ type: 12, value: 'iad23s60-in-f3.1e100.net' }], ttl: 83733, resolver: '1.1.1.1',
    });
    expect(atLine(store, 30).answers).toEqual([
      { type: 5, value: 'prod-haproxy-edge-nlb-eip-3f4c246e4b1ed994.elb.us-east-1.amazonaws.com' },
      { type: 1, value: '54.204.130.107' },
      { type: 1, value: '18.233.140.209' },
      { type: 1, value: '52.54.155.203' },
    ]);
  });

  it('reads an mDNS response with names, an address and a multi-string TXT record', async () => {
    const { store } = await ingestPath(PROXY as string);
    const e = atLine(store, 54);
    expect(e).toMatchObject({ qname: '_uqxmij12thne._sub._amzn-wplay._tcp.local', qtype: 0, status: 'NOERROR', ttl: 3599 });
    expect(e.answers.map((a) => a.type)).toEqual([5, 5, 5, 16]);
    expect(e.answers[3]?.value.startsWith("s=0at=uQxMiJ12THNen=Chris's Fire TV Sticktr=tcp")).toBe(true);
  });

  it('reads NODATA, SERVFAIL and NetBIOS rows', async () => {
    const { store } = await ingestPath(PROXY as string);
    expect(atLine(store, 851)).toMatchObject({ qname: 'twitter.com', qtype: 28, status: 'NODATA', statusCode: 0 });
    expect(atLine(store, 869)).toMatchObject({ qname: '113.105.250.142.in-addr.arpa', status: 'SERVFAIL', statusCode: 2 });
    expect(atLine(store, 55)).toMatchObject({ qnameRaw: '*' + '\\x00'.repeat(14), qtype: 33, status: 'NO_RESPONSE' });
  });
});

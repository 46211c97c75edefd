import { describe, expect, it } from 'vitest';
import { ingestText } from '../../testing/ingest-helpers';
import { sysmonJson } from './sysmon-json';

const flat = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    EventID: 22, SourceName: 'Microsoft-Windows-Sysmon', Channel: 'Microsoft-Windows-Sysmon/Operational',
    Hostname: 'WS1.corp.local', UtcTime: '2020-10-22 05:54:21.349', ProcessGuid: '{39E4A257-1E6C-5F91-C712-000000000700}',
    ProcessId: '6708', QueryName: 'github.com', QueryStatus: '0', QueryResults: '::ffff:140.82.113.3;',
    Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', User: 'CORP\\ann', ...over,
  });

/** Winlogbeat 8 sysmon module output for EID 22 (log-formats.md §1.7), as a Kibana hit. */
const winlogbeatHit = JSON.stringify({
  _index: 'winlogbeat-8', _id: 'x1',
  _source: {
    '@timestamp': '2019-03-18T16:57:38.636Z',
    event: { code: '22', module: 'sysmon', provider: 'Microsoft-Windows-Sysmon' },
    winlog: {
      channel: 'Microsoft-Windows-Sysmon/Operational', computer_name: 'vagrant-2016', event_id: 22,
      provider_name: 'Microsoft-Windows-Sysmon', event_data: { User: 'VAGRANT-2016\\vagrant', RuleName: '-' },
    },
    dns: {
      question: { name: 'go.microsoft.com', registered_domain: 'microsoft.com' },
      answers: [
        { type: 'CNAME', data: 'go.microsoft.com.edgekey.net' },
        { type: 'CNAME', data: 'e11290.dspg.akamaiedge.net' },
        { type: 'A', data: '23.223.14.67' },
      ],
      resolved_ip: ['23.223.14.67'],
    },
    sysmon: { dns: { status: 'DNS_ERROR_RCODE_NAME_ERROR' } },
    process: { entity_id: '{42f11c3b-ce01-5c8f-0000-00102f7c2000}', pid: 5676, executable: 'C:\\Program Files\\Internet Explorer\\iexplore.exe' },
  },
});

describe('sysmon-json sniffing', () => {
  it('claims Sysmon NDJSON, ECS with dns.question.name, and JSON arrays of Sysmon objects', () => {
    expect(sysmonJson.sniff(flat() + '\n')).toBe(0.95);
    expect(sysmonJson.sniff(winlogbeatHit)).toBe(0.95);
    expect(sysmonJson.sniff(`[\n  ${flat()}\n]`)).toBe(0.95);
  });

  it('leaves Zeek JSON, other JSON and non-JSON text alone', () => {
    expect(sysmonJson.sniff('{"ts":1517336042.2,"id.orig_h":"10.0.0.1","query":"a.example","QueryName":"x"}')).toBe(0);
    expect(sysmonJson.sniff('{"ts":1517336042.2,"id_orig_h":"10.0.0.1","query":"a.example"}')).toBe(0);
    expect(sysmonJson.sniff('{"query_name":"a.example.","srcids":{}}')).toBe(0);
    expect(sysmonJson.sniff('QueryName,Image\n')).toBe(0);
  });
});

describe('sysmon-json records', () => {
  it('maps a flat record, keeping the raw query name while the store normalises it', async () => {
    const { summary, store } = await ingestText(flat({ QueryName: 'MORDORDC.THESHIRE.LOCAL.' }) + '\n');
    expect(summary.events).toBe(1);
    expect(store.event(0)).toMatchObject({
      line: 1, host: 'WS1.corp.local', user: 'CORP\\ann', pid: 6708, guid: '{39e4a257-1e6c-5f91-c712-000000000700}',
      qnameRaw: 'MORDORDC.THESHIRE.LOCAL.', qname: 'mordordc.theshire.local', qtype: 1, status: 'NOERROR', statusCode: 0,
      time: Date.UTC(2020, 9, 22, 5, 54, 21, 349),
    });
  });

  it('reads Winlogbeat ECS: nested keys, _source, dns.answers objects and the status symbol', async () => {
    const { summary, store } = await ingestText(winlogbeatHit + '\n');
    expect(summary.events).toBe(1);
    expect(summary.timeBasis).toBe('UTC (from @timestamp; no UtcTime)');
    expect(store.event(0)).toMatchObject({
      time: Date.parse('2019-03-18T16:57:38.636Z'), host: 'vagrant-2016', user: 'VAGRANT-2016\\vagrant',
      image: 'C:\\Program Files\\Internet Explorer\\iexplore.exe', pid: 5676, guid: '{42f11c3b-ce01-5c8f-0000-00102f7c2000}',
      qname: 'go.microsoft.com', qtype: 1, status: 'NXDOMAIN', statusCode: 9003,
      answers: [
        { type: 5, value: 'go.microsoft.com.edgekey.net' },
        { type: 5, value: 'e11290.dspg.akamaiedge.net' },
        { type: 1, value: '23.223.14.67' },
      ],
    });
  });

  it('reads the older Sentinel Event table, whose EventData is XML', async () => {
    const rec = JSON.stringify({
      Computer: 'WS2', EventID: 22, Source: 'Microsoft-Windows-Sysmon', TimeGenerated: '2021-01-01T00:00:00Z',
      EventData: '<DataItem type="System.XmlData"><EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><Data Name="UtcTime">2021-01-01 00:00:01.000</Data><Data Name="QueryName">a.example</Data><Data Name="QueryStatus">9003</Data><Data Name="QueryResults">-</Data><Data Name="Image">C:\\a&amp;b.exe</Data></EventData></DataItem>',
    });
    const { store } = await ingestText(rec + '\n');
    expect(store.event(0)).toMatchObject({ host: 'WS2', qname: 'a.example', image: 'C:\\a&b.exe', status: 'NXDOMAIN', time: Date.UTC(2021, 0, 1, 0, 0, 1) });
  });

  it('reports bad lines with their line number and keeps the good ones around them', async () => {
    const text = [flat(), '{"EventID": 22, "QueryName": ', flat({ UtcTime: 'yesterday' }), '', flat({ QueryName: undefined }), '42', flat({ QueryName: 'b.example' })].join('\n');
    const { summary, store } = await ingestText(text);
    expect(summary.events).toBe(2);
    expect(summary.problems.map((p) => p.line)).toEqual([2, 3, 5, 6]);
    expect(summary.problems[0]?.reason).toMatch(/^invalid JSON/);
    expect(summary.problems[1]?.reason).toBe('unreadable UtcTime “yesterday”');
    expect(summary.problems[2]?.reason).toBe('Sysmon event 22 without QueryName');
    expect(summary.problems[3]?.reason).toBe('not a JSON object');
    expect(store.event(1)).toMatchObject({ line: 7, qname: 'b.example' });
  });

  it('counts non-DNS Sysmon records and other providers, and treats a QueryName without an id as EID 22', async () => {
    const text = [
      flat({ EventID: 3 }),
      flat({ EventID: 3008, SourceName: 'Microsoft-Windows-DNS-Client', Channel: 'Microsoft-Windows-DNS-Client/Operational' }),
      JSON.stringify({ EventID: 4688, Channel: 'Security' }),
      flat({ EventID: undefined, SourceName: undefined, Channel: undefined }),
    ].join('\n');
    const { summary } = await ingestText(text);
    expect(summary.otherRecords).toEqual({ 'Sysmon 3': 1, 'Microsoft-Windows-DNS-Client 3008': 1, 'Security 4688': 1 });
    expect(summary.events).toBe(1);
  });

  it('treats hostile keys such as __proto__ as plain data', async () => {
    const text = '{"__proto__":{"QueryName":"evil.example"},"constructor":"x","EventID":22,"QueryName":"ok.example","UtcTime":"2020-01-01 00:00:00.000"}\n';
    const { summary, store } = await ingestText(text);
    expect(summary.events).toBe(1);
    expect(store.event(0).qname).toBe('ok.example');
    expect(({} as Record<string, unknown>)['QueryName']).toBeUndefined();
  });

  it('reads a pretty-printed JSON array of events with each record at the line of its brace', async () => {
    const a = JSON.parse(flat()) as Record<string, unknown>;
    const b = { ...a, QueryName: 'second.example' };
    const text = JSON.stringify([a, b], null, 2);
    const { summary, store } = await ingestText(text, { chunkSize: 5 });
    expect(summary.format).toBe('sysmon-json');
    expect(summary.events).toBe(2);
    expect(store.event(0).line).toBe(2);
    expect(store.event(1)).toMatchObject({ qname: 'second.example', line: 2 + Object.keys(a).length + 2 });
  });

  it('reads pretty-printed objects one after another, reporting text between them', async () => {
    const pretty = JSON.stringify(JSON.parse(flat()), null, 1);
    const { summary } = await ingestText(`${pretty}\noops\n${pretty}\n`);
    expect(summary.events).toBe(2);
    expect(summary.problems).toEqual([{ line: pretty.split('\n').length + 1, reason: 'text outside a JSON object' }]);
  });

  it('gives identical results in 7-character chunks and in one chunk', async () => {
    const text = [winlogbeatHit, flat(), 'garbage', flat({ QueryResults: 'type:  33 dc01.example.;10.0.0.4;', QueryName: 'é.example' })].join('\r\n');
    const one = await ingestText(text);
    const small = await ingestText(text, { chunkSize: 7 });
    expect(one.summary.events).toBe(3);
    expect(small.summary).toEqual(one.summary);
    for (let i = 0; i < one.store.size; i++) expect(small.store.event(i)).toEqual(one.store.event(i));
  });
});

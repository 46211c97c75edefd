import { describe, expect, it } from 'vitest';
import { ingestText } from '../../testing/ingest-helpers';
import { sysmonSplunkCsv } from './sysmon-splunk-csv';

const SEED_HEADER = '_time,QueryName,QueryResults,Computer,user,process_path';

function utf16le(text: string): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
}

const rawXml = (qname: string, computer: string) =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/>` +
  `<EventID>22</EventID><TimeCreated SystemTime='2023-08-16T04:54:44.0000000Z'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>${computer}</Computer>` +
  `<Security UserID='S-1-5-18'/></System><EventData><Data Name='RuleName'>-</Data><Data Name='UtcTime'>2023-08-10 14:40:10.123</Data>` +
  `<Data Name='ProcessGuid'>{AAAAAAAA-1111-2222-3333-444444444444}</Data><Data Name='ProcessId'>4242</Data><Data Name='QueryName'>${qname}</Data>` +
  `<Data Name='QueryStatus'>9003</Data><Data Name='QueryResults'>-</Data><Data Name='Image'>C:\\Users\\ann\\winx64_payload.exe</Data>` +
  `<Data Name='User'>CORP\\ann</Data></EventData></Event>`;

describe('sysmon-splunk-csv sniffing', () => {
  it('claims tables with a QueryName or an alias column, and Sysmon _raw or Message exports', () => {
    expect(sysmonSplunkCsv.sniff(SEED_HEADER + '\n')).toBe(0.9);
    expect(sysmonSplunkCsv.sniff('"_time","dns.question.name","host"\r\n')).toBe(0.9);
    expect(sysmonSplunkCsv.sniff(`_time,host,_raw\n2023-01-01,h,"${rawXml('a', 'b').replace(/"/g, '""')}"\n`)).toBe(0.85);
    expect(sysmonSplunkCsv.sniff('#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\n"Message","Id","ProviderName"\n"Dns query:\r\nRuleName: -"\n')).toBe(0.85);
  });

  it('leaves the Event Viewer header, JSON, XML and unrelated CSV alone', () => {
    expect(sysmonSplunkCsv.sniff('Level,Date and Time,Source,Event ID,Task Category\n')).toBe(0);
    expect(sysmonSplunkCsv.sniff('{"QueryName":"a"}\n')).toBe(0);
    expect(sysmonSplunkCsv.sniff('<Events>\n')).toBe(0);
    expect(sysmonSplunkCsv.sniff('a,b,c\n1,2,3\n')).toBe(0);
  });
});

describe('sysmon-splunk-csv rows', () => {
  it("reads the seed's minimal table: no EventCode, no QueryStatus, status from the answers", async () => {
    const text = [
      SEED_HEADER,
      '2023-08-16T04:54:43.778+00:00,github.com,::ffff:140.82.113.3;,WS1,CORP\\ann,C:\\x.exe',
      '2023-08-16T06:54:43.000+02:00,nx.example,-,WS1,CORP\\ann,C:\\x.exe',
    ].join('\n');
    const { summary, store } = await ingestText(text);
    expect(summary.format).toBe('sysmon-splunk-csv');
    expect(summary.events).toBe(2);
    expect(summary.timeBasis).toBe('UTC (from _time; no UtcTime)');
    expect(store.event(0)).toMatchObject({
      line: 2, time: Date.parse('2023-08-16T04:54:43.778Z'), host: 'WS1', user: 'CORP\\ann', image: 'C:\\x.exe',
      qname: 'github.com', qtype: 1, status: 'NOERROR', statusCode: -1, answers: [{ type: 1, value: '140.82.113.3' }],
    });
    expect(store.event(1)).toMatchObject({ time: Date.parse('2023-08-16T04:54:43.000Z'), status: 'ERROR', statusCode: -1, answers: [] });
  });

  it('prefers the event XML in _raw over the columns, which fill the gaps', async () => {
    const header = '_time,host,EventCode,QueryName,dest,_raw';
    const row = `2023-08-16T04:54:43.778+00:00,splunk-fwd,22,from-column.example,,"${rawXml('from-xml.example', 'WS-XML').replace(/"/g, '""')}"`;
    const { summary, store } = await ingestText(`${header}\n${row}\n`);
    expect(summary.events).toBe(1);
    expect(summary.timeBasis).toBe('UTC (Sysmon UtcTime)');
    expect(store.event(0)).toMatchObject({
      time: Date.UTC(2023, 7, 10, 14, 40, 10, 123), host: 'WS-XML', user: 'CORP\\ann', pid: 4242,
      guid: '{aaaaaaaa-1111-2222-3333-444444444444}', qname: 'from-xml.example', status: 'NXDOMAIN', statusCode: 9003,
      image: 'C:\\Users\\ann\\winx64_payload.exe',
    });
  });

  it('reads multivalue cells, CRLF line ends and a UTF-8 BOM, keeping line numbers of multi-line rows', async () => {
    const text =
      '\uFEFF' +
      ['_time,EventCode,QueryName,QueryStatus,QueryResults,Computer,Image',
        '2023-01-01T00:00:00Z,22,multi.example,0,"type:  5 cdn.example.\r\n::ffff:1.2.3.4\r\n5.6.7.8",WS1,C:\\a.exe',
        '2023-01-01T00:00:01Z,22,next.example.,9501,-,WS1,C:\\a.exe'].join('\r\n') + '\r\n';
    const { summary, store } = await ingestText(text);
    expect(summary.events).toBe(2);
    expect(store.event(0)).toMatchObject({
      line: 2, qtype: 1,
      answers: [{ type: 5, value: 'cdn.example' }, { type: 1, value: '1.2.3.4' }, { type: 1, value: '5.6.7.8' }],
    });
    expect(store.event(1)).toMatchObject({ line: 5, qnameRaw: 'next.example.', qname: 'next.example', status: 'NODATA' });
  });

  it('reads UTF-16LE with a BOM', async () => {
    const text = `${SEED_HEADER}\r\n2023-08-16T04:54:43.778Z,ünïcode.example,1.2.3.4;,WS1,CORP\\ann,C:\\x.exe\r\n`;
    const { summary, store } = await ingestText(utf16le(text));
    expect(summary.format).toBe('sysmon-splunk-csv');
    expect(store.event(0).qname).toBe('ünïcode.example');
  });

  it('reads PowerShell Export-Csv: #TYPE line, fields from Message, local TimeCreated only as fallback, not its ProcessId column', async () => {
    const msg = 'Dns query:\r\nRuleName: -\r\nUtcTime: 2020-10-22 05:54:21.349\r\nProcessGuid: {39e4a257-1e6c-5f91-c712-000000000700}\r\nProcessId: 6708\r\nQueryName: github.com\r\nQueryStatus: 0\r\nQueryResults: ::ffff:140.82.113.3;\r\nImage: C:\\x.exe\r\nUser: CORP\\ann';
    const text = [
      '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord',
      '"Message","Id","Version","ProviderName","LogName","ProcessId","MachineName","UserId","TimeCreated"',
      `"${msg}","22","5","Microsoft-Windows-Sysmon","Microsoft-Windows-Sysmon/Operational","3140","WS1.corp.local","S-1-5-18","10/22/2020 1:54:21 AM"`,
      `"Dns query:\r\nQueryName: fallback.example\r\nQueryStatus: 1460","22","5","Microsoft-Windows-Sysmon","Microsoft-Windows-Sysmon/Operational","3140","WS1.corp.local","S-1-5-18","10/22/2020 1:54:21 PM"`,
      `"Process accessed:","10","3","Microsoft-Windows-Sysmon","Microsoft-Windows-Sysmon/Operational","3140","WS1.corp.local","S-1-5-18","10/22/2020 1:54:21 AM"`,
    ].join('\r\n');
    const { summary, store } = await ingestText(text);
    expect(summary.format).toBe('sysmon-splunk-csv');
    expect(summary.events).toBe(2);
    expect(summary.otherRecords).toEqual({ 'Sysmon 10': 1 });
    expect(store.event(0)).toMatchObject({
      line: 3, time: Date.UTC(2020, 9, 22, 5, 54, 21, 349), host: 'WS1.corp.local', user: 'CORP\\ann', pid: 6708, qname: 'github.com',
    });
    expect(store.event(1)).toMatchObject({ time: Date.UTC(2020, 9, 22, 13, 54, 21), status: 'TIMEOUT', statusCode: 1460, pid: -1 });
    expect(summary.timeBasis).toBe('UTC (Sysmon UtcTime); TimeCreated without a zone, read as UTC (may be local time of the exporting machine)');
  });

  it('reports bad rows with their lines and keeps the good rows around them', async () => {
    const good = (q: string) => `2023-01-01T00:00:00Z,22,${q},0,1.2.3.4;,WS1,C:\\a.exe`;
    const text = [
      '_time,EventCode,QueryName,QueryStatus,QueryResults,Computer,Image',
      good('a.example'),
      '2023-01-01T00:00:00Z,22,short.example',
      'not a time,22,b.example,0,-,WS1,C:\\a.exe',
      '2023-01-01T00:00:00Z,22,,0,-,WS1,C:\\a.exe',
      '2023-01-01T00:00:00Z,abc,c.example,0,-,WS1,C:\\a.exe',
      '2023-01-01T00:00:00Z,22,"unterminated,0,-,WS1,C:\\a.exe',
      good('d.example'),
      good('e.example'),
    ].join('\n');
    const one = await ingestText(text);
    expect(one.summary.problems).toEqual([
      { line: 3, reason: 'expected 7 fields as in the header, found 3' },
      { line: 4, reason: 'no UtcTime, and unreadable _time “not a time”' },
      { line: 5, reason: 'Sysmon event 22 without QueryName' },
      { line: 6, reason: 'unreadable event id “abc”' },
      { line: 7, reason: 'unterminated quoted field' },
    ]);
    const names = Array.from({ length: one.store.size }, (_, i) => `${one.store.event(i).line}:${one.store.event(i).qname}`);
    expect(names).toEqual(['2:a.example', '8:d.example', '9:e.example']);
    const small = await ingestText(text, { chunkSize: 7 });
    expect(small.summary).toEqual(one.summary);
  });

  it('reads a Kibana CSV export with ECS column names and its date format', async () => {
    const text = [
      '"@timestamp","winlog.event_id","winlog.computer_name","dns.question.name","process.executable","process.pid","process.entity_id","sysmon.dns.status"',
      '"Aug 16, 2023 @ 04:54:43.778",22,"WS7","evil.example","C:\\Users\\ann\\a.exe",4242,"{ABCDEF01-1111-2222-3333-444444444444}","DNS_ERROR_RCODE_NAME_ERROR"',
    ].join('\n');
    const { summary, store } = await ingestText(text);
    expect(summary.format).toBe('sysmon-splunk-csv');
    expect(summary.timeBasis).toBe('@timestamp without a zone, read as UTC (may be local time of the exporting machine)');
    expect(store.event(0)).toMatchObject({
      time: Date.UTC(2023, 7, 16, 4, 54, 43, 778), host: 'WS7', qname: 'evil.example', image: 'C:\\Users\\ann\\a.exe',
      pid: 4242, guid: '{abcdef01-1111-2222-3333-444444444444}', status: 'NXDOMAIN', statusCode: 9003,
    });
  });

  it('reads classic WinEventLog key=value _raw text', async () => {
    const raw = 'LogName=Microsoft-Windows-Sysmon/Operational\nEventCode=22\nComputerName=WS9\nMessage=Dns query:\nRuleName: -\nUtcTime: 2021-02-03 04:05:06.007\nQueryName: classic.example\nQueryStatus: 0\nQueryResults: ::ffff:9.9.9.9;\nImage: C:\\c.exe';
    const { store, summary } = await ingestText(`_time,_raw\n2021-02-03T04:05:07Z,"${raw}"\n`);
    expect(summary.format).toBe('sysmon-splunk-csv');
    expect(store.event(0)).toMatchObject({ host: 'WS9', qname: 'classic.example', image: 'C:\\c.exe', time: Date.UTC(2021, 1, 3, 4, 5, 6, 7) });
  });
});

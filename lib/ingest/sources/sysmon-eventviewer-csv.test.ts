import { describe, expect, it } from 'vitest';
import { ingestText } from '../../testing/ingest-helpers';
import { sysmonEventViewerCsv } from './sysmon-eventviewer-csv';

const HEADER = 'Level,Date and Time,Source,Event ID,Task Category';

function message(fields: Record<string, string>, title = 'Dns query:'): string {
  return [title, ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
}

const DNS = {
  RuleName: '-',
  UtcTime: '2020-10-22 05:54:21.349',
  ProcessGuid: '{39e4a257-1e6c-5f91-c712-000000000700}',
  ProcessId: '6708',
  QueryName: 'github.com',
  QueryStatus: '0',
  QueryResults: '::ffff:140.82.113.3;',
  Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  User: 'CORP\\ann',
};

const row = (fields: Record<string, string>, opts: { id?: string; source?: string; date?: string; title?: string } = {}) =>
  `Information,${opts.date ?? '10/22/2020 1:54:21 AM'},${opts.source ?? 'Microsoft-Windows-Sysmon'},${opts.id ?? '22'},Dns query (rule: DnsQuery),"${message(fields, opts.title)}"`;

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
}

describe('sysmon-eventviewer-csv', () => {
  it('sniffs only the Event Viewer header', () => {
    expect(sysmonEventViewerCsv.sniff(`${HEADER}\r\n`)).toBe(0.95);
    expect(sysmonEventViewerCsv.sniff(`\uFEFF"Level","Date and Time","Source","Event ID","Task Category"\n`)).toBe(0.95);
    expect(sysmonEventViewerCsv.sniff('_time,QueryName\n')).toBe(0);
  });

  it('reads six-field rows whose message spans CRLF lines, preferring UtcTime over the local date', async () => {
    const text = [HEADER, row(DNS), row({ ...DNS, QueryName: 'nx.example', QueryStatus: '9003', QueryResults: '-' })].join('\r\n') + '\r\n';
    const { summary, store } = await ingestText(text);
    expect(summary.format).toBe('sysmon-eventviewer-csv');
    expect(summary.events).toBe(2);
    expect(summary.timeBasis).toBe('UTC (Sysmon UtcTime)');
    expect(store.event(0)).toMatchObject({
      line: 2, time: Date.UTC(2020, 9, 22, 5, 54, 21, 349), host: '', user: 'CORP\\ann', pid: 6708,
      guid: '{39e4a257-1e6c-5f91-c712-000000000700}', qname: 'github.com', qtype: 1, status: 'NOERROR', statusCode: 0,
      image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', answers: [{ type: 1, value: '140.82.113.3' }],
    });
    expect(store.event(1)).toMatchObject({ line: 2 + 10, qname: 'nx.example', status: 'NXDOMAIN', statusCode: 9003 });
  });

  it('falls back to the local Date and Time, and says so in the time basis', async () => {
    const { UtcTime: _drop, ...noUtc } = DNS;
    const text = [HEADER, row(noUtc, { date: '22.10.2020 13:54:21' })].join('\r\n');
    const { summary, store } = await ingestText(text);
    expect(store.event(0).time).toBe(Date.UTC(2020, 9, 22, 13, 54, 21));
    expect(summary.timeBasis).toBe(
      "Event Viewer 'Date and Time' without a zone, read as UTC (may be local time of the exporting machine)",
    );
  });

  it('reads a UTF-16LE export with a BOM', async () => {
    const { summary, store } = await ingestText(utf16le([HEADER, row(DNS)].join('\r\n') + '\r\n'));
    expect(summary.format).toBe('sysmon-eventviewer-csv');
    expect(store.event(0).qname).toBe('github.com');
  });

  it('counts other Sysmon events, process facts and other sources instead of DNS events', async () => {
    const fileCreate = { RuleName: '-', UtcTime: '2020-10-22 01:40:44.607', ProcessGuid: '{39e4a257-e287-5f90-cc10-000000000700}', ProcessId: '3904', Image: 'C:\\p.exe', TargetFilename: 'C:\\ProgramData\\T1055.dll', CreationUtcTime: '2020-10-22 01:40:44.607' };
    const text = [
      HEADER,
      row({ RuleName: '-', UtcTime: '2020-10-22 05:54:21.349', SourceIp: '10.0.0.1' }, { id: '3', title: 'Network connection detected:' }),
      row(fileCreate, { id: '11', title: 'File created:' }),
      row({ Foo: 'bar' }, { id: '4688', source: 'Microsoft-Windows-Security-Auditing' }),
      row(DNS),
    ].join('\r\n');
    const { summary, store } = await ingestText(text);
    expect(summary.events).toBe(1);
    expect(summary.processFacts).toBe(1);
    expect(summary.otherRecords).toEqual({ 'Sysmon 3': 1, 'Microsoft-Windows-Security-Auditing 4688': 1 });
    expect(store.processes.get('{39e4a257-e287-5f90-cc10-000000000700}')?.createdFiles[0]?.path).toBe('C:\\ProgramData\\T1055.dll');
  });

  it('reports short rows and unreadable messages with their lines, keeping the good rows', async () => {
    const text = [
      HEADER,
      row(DNS),
      'Information,10/22/2020 1:54:21 AM,Microsoft-Windows-Sysmon,22',
      row({ ...DNS, QueryName: '' }),
      row({ ...DNS, UtcTime: '2020-13-45 99:00:00' }),
      row({ ...DNS, QueryName: 'last.example' }),
    ].join('\r\n');
    const one = await ingestText(text);
    expect(one.summary.events).toBe(2);
    expect(one.summary.problems).toEqual([
      { line: 12, reason: 'expected 6 fields (Level, Date and Time, Source, Event ID, Task Category, message), found 4' },
      { line: 13, reason: 'Sysmon event 22 without QueryName' },
      { line: 23, reason: 'unreadable UtcTime “2020-13-45 99:00:00”' },
    ]);
    expect(one.store.event(1)).toMatchObject({ line: 33, qname: 'last.example' });
    const small = await ingestText(text, { chunkSize: 7 });
    expect(small.summary).toEqual(one.summary);
  });
});

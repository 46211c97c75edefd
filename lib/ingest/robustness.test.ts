/**
 * Property tests over every adapter: hostile or garbled input never throws nor stops the reader,
 * and a good record placed after garbage is still read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../testing/ingest-helpers';

interface Case {
  format: string;
  header: string;
  good: string;
  /** garbage lines must not be able to change the file's own header (e.g. Zeek `#fields`) */
  garbageFilter?: (line: string) => boolean;
}

const GOOD_NAME = 'good.example.com';

const CASES: Case[] = [
  {
    format: 'zeek-tsv',
    header: [
      '#separator \\x09',
      '#set_separator\t,',
      '#empty_field\t(empty)',
      '#unset_field\t-',
      '#path\tdns',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected',
      '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\tstring\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool',
    ].join('\n'),
    good: `1517336042.279652\tC1\t10.0.0.1\t5353\t10.0.0.53\t53\tudp\t1\t0.01\t${GOOD_NAME}\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t1.2.3.4\t60.000000\tF`,
    garbageFilter: (l) => !l.startsWith('#'),
  },
  {
    format: 'zeek-json',
    header: '',
    good: JSON.stringify({
      ts: 1517336042.279652, uid: 'C1', 'id.orig_h': '10.0.0.1', 'id.orig_p': 5, 'id.resp_h': '10.0.0.53', 'id.resp_p': 53,
      proto: 'udp', query: GOOD_NAME, qtype: 1, qtype_name: 'A', rcode: 0, rcode_name: 'NOERROR', answers: ['1.2.3.4'], TTLs: [60.0],
    }),
  },
  {
    format: 'sysmon-json',
    header: '',
    good: JSON.stringify({
      EventID: 22, SourceName: 'Microsoft-Windows-Sysmon', Hostname: 'WS1', UtcTime: '2020-10-22 05:54:21.349',
      ProcessGuid: '{39e4a257-1e6c-5f91-c712-000000000700}', ProcessId: '6708', QueryName: GOOD_NAME, QueryStatus: '0',
      QueryResults: '::ffff:1.2.3.4;', Image: 'C:\\x.exe',
    }),
  },
  {
    format: 'sysmon-splunk-csv',
    header: '_time,EventCode,QueryName,QueryStatus,QueryResults,Computer,user,process_path',
    good: `2023-08-16T04:54:43.778+00:00,22,${GOOD_NAME},0,::ffff:1.2.3.4;,WS1,CORP\\ann,C:\\x.exe`,
  },
  {
    format: 'sysmon-eventviewer-csv',
    header: 'Level,Date and Time,Source,Event ID,Task Category',
    good: `Information,10/22/2020 1:54:21 AM,Microsoft-Windows-Sysmon,22,Dns query (rule: DnsQuery),"Dns query:\r\nRuleName: -\r\nUtcTime: 2020-10-22 05:54:21.349\r\nProcessGuid: {39e4a257-1e6c-5f91-c712-000000000700}\r\nProcessId: 6708\r\nQueryName: ${GOOD_NAME}\r\nQueryStatus: 0\r\nQueryResults: ::ffff:1.2.3.4;\r\nImage: C:\\x.exe"`,
  },
  {
    format: 'sysmon-xml',
    header: '<?xml version="1.0" encoding="utf-8"?>\n<Events>',
    good:
      '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>22</EventID>' +
      '<TimeCreated SystemTime="2020-10-20T11:51:01.476722900Z"/><Computer>WS1</Computer></System><EventData><Data Name="UtcTime">2020-10-20 11:50:59.461</Data>' +
      `<Data Name="ProcessGuid">{23F38D93-ABAC-5F8E-3900-000000000C00}</Data><Data Name="ProcessId">2428</Data><Data Name="QueryName">${GOOD_NAME}</Data>` +
      '<Data Name="QueryStatus">0</Data><Data Name="QueryResults">::ffff:1.2.3.4;</Data><Data Name="Image">C:\\x.exe</Data></EventData></Event>',
  },
];

const hostileChar = fc.constantFrom('a', 'Z', '0', ',', ';', '"', "'", '\t', '{', '}', '[', ']', ':', '<', '>', '/', '=', '\\', ' ', '\u0000', 'é', '\u202e', '#');
const garbageLine = fc.string({ unit: hostileChar, maxLength: 60 });

describe.each(CASES)('$format robustness', (c) => {
  const join = (lines: string[]) => lines.filter((l, i) => i > 0 || l !== '').join('\n') + '\n';

  it('recognises its own good record', async () => {
    const { summary, store } = await ingestText(join([c.header, c.good]));
    expect(summary.format).toBe(c.format);
    expect(summary.events).toBe(1);
    expect(store.event(0).qname).toBe(GOOD_NAME);
  });

  it('reads a good record placed after garbage lines, and never stops reading', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(garbageLine, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 64 }), async (garbage, chunkSize) => {
        const lines = garbage.filter((l) => !c.garbageFilter || c.garbageFilter(l));
        const { summary, store } = await ingestText(join([c.header, c.good, ...lines, c.good]), { chunkSize });
        expect(summary.error).toBeUndefined();
        expect(summary.format).toBe(c.format);
        const names = Array.from({ length: store.size }, (_, i) => store.event(i).qname);
        expect(names.filter((n) => n === GOOD_NAME).length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on arbitrary text after its header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
        const { summary } = await ingestText(join([c.header, c.good]) + text);
        expect(summary.error).toBeUndefined();
        expect(summary.events).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 60 },
    );
  });
});

describe('any bytes', () => {
  it('come back as a summary, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const { summary } = await ingestText(bytes);
        expect(summary.sha256).toMatch(/^[0-9a-f]{64}$/);
      }),
      { numRuns: 100 },
    );
  });
});

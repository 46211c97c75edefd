import { describe, expect, it } from 'vitest';
import { ingestPath, ingestText, samplePath, SKIP_NO_SAMPLES } from '../../testing/ingest-helpers';
import { FieldMap } from './sysmon-fields';
import { addEventXmlFields, decodeXmlEntities, sysmonXml } from './sysmon-xml';

const UACME = samplePath('sbousseaden-EVTX-ATTACK-SAMPLES__Privilege_Escalation_Sysmon_UACME_64__evtxexport_derived.xml');

describe.skipIf(!UACME)(`UACME evtxexport XML sample${UACME ? '' : ': ' + SKIP_NO_SAMPLES}`, () => {
  it('reads the one svchost.exe wpad NXDOMAIN query with its UtcTime and host', async () => {
    const { summary, store } = await ingestPath(UACME as string);
    expect(summary.format).toBe('sysmon-xml');
    expect(summary.events).toBe(1);
    expect(summary.skipped).toBe(0);
    expect(summary.timeBasis).toBe('UTC (Sysmon UtcTime)');
    expect(store.event(0)).toMatchObject({
      line: 16118,
      time: Date.UTC(2020, 9, 20, 11, 50, 59, 461),
      host: 'DESKTOP-NTSSLJD',
      user: 'S-1-5-18',
      image: 'C:\\Windows\\System32\\svchost.exe',
      pid: 2428,
      guid: '{23f38d93-abac-5f8e-3900-000000000c00}',
      qname: 'wpad',
      qtype: 0,
      status: 'NXDOMAIN',
      statusCode: 9003,
      answers: [],
    });
  });

  it('counts 516 process facts and the other Sysmon events by id (530 records in all)', async () => {
    const { summary } = await ingestPath(UACME as string);
    expect(summary.processFacts).toBe(516); // EID 7 ×511, 1 ×3, 11 ×2
    expect(summary.otherRecords).toEqual({ 'Sysmon 12': 7, 'Sysmon 23': 3, 'Sysmon 5': 2, 'Sysmon 10': 1 });
  });

  it('keeps the EID 7 signature of an image loading itself, and EID 1 hashes', async () => {
    const { store } = await ingestPath(UACME as string);
    const consent = store.processes.get('{23F38D93-CF20-5F8E-CE08-000000000C00}');
    expect(consent).toMatchObject({
      image: 'C:\\Users\\den\\AppData\\Local\\Temp\\IDC1.tmp\\[1]consent.exe',
      signed: false,
      signatureStatus: 'Unavailable',
    });
    const akagi = store.processes.get('{23f38d93-cf1e-5f8e-c808-000000000c00}');
    expect(akagi?.hashes['SHA1']).toBe('4dfa874ce545b22b3aaff93bd143c6e463996698');
    expect(akagi?.company).toBe('Integrity Investment LLC');
  });

  it('gives the same result through 4 KiB reads', async () => {
    const a = await ingestPath(UACME as string);
    const b = await ingestPath(UACME as string, undefined, 4096);
    expect(b.summary).toEqual(a.summary);
    expect(b.store.event(0)).toEqual(a.store.event(0));
  });
});

const EV = (system: string, data: string) =>
  `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>${system}</System><EventData>${data}</EventData></Event>`;
const SYS22 =
  '<Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"/><EventID Qualifiers="">22</EventID>' +
  '<TimeCreated SystemTime="2020-10-20 11:51:01.476723"/><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>WS1</Computer><Security UserID="S-1-5-18"/>';

describe('sysmon-xml', () => {
  it('sniffs event XML and prefers Sysmon events', () => {
    expect(sysmonXml.sniff('<?xml version="1.0"?>\n<Events>\n' + EV(SYS22, ''))).toBe(0.95);
    expect(sysmonXml.sniff('<Event xmlns="x"><System><Provider Name="Security"/></System></Event>')).toBe(0.6);
    expect(sysmonXml.sniff('Level,Date and Time\n<Event >')).toBe(0);
  });

  it('reads python-evtx quirks: Qualifiers on EventID, SystemTime with a space, Data in any order, empty Data', async () => {
    const data =
      '<Data Name="QueryResults">type:  5 a.example.;::ffff:1.2.3.4;</Data><Data Name="User"/><Data Name="QueryName">A.Example.</Data>' +
      '<Data Name="Image">&lt;unknown process&gt;</Data><Data Name=\'QueryStatus\'>0</Data><Data Name="ProcessGuid">{ABC}</Data>';
    const { summary, store } = await ingestText(EV(SYS22, data));
    expect(summary.events).toBe(1);
    expect(summary.timeBasis).toBe('UTC (from event SystemTime; no UtcTime)');
    expect(Math.floor(store.event(0).time)).toBe(Date.UTC(2020, 9, 20, 11, 51, 1, 476));
    expect(store.event(0)).toMatchObject({
      host: 'WS1',
      user: 'S-1-5-18',
      image: '<unknown process>',
      qnameRaw: 'A.Example.',
      qname: 'a.example',
      guid: '{abc}',
      pid: -1,
      answers: [{ type: 5, value: 'a.example' }, { type: 1, value: '1.2.3.4' }],
    });
  });

  it('decodes XML entities including numeric references', () => {
    expect(decodeXmlEntities('a &lt;b&gt; &amp;amp; &quot;q&quot; &apos;s&apos; &#65;&#x42; &bogus;')).toBe(`a <b> &amp; "q" 's' AB &bogus;`);
    const f = new FieldMap();
    addEventXmlFields(f, EV(SYS22, '<Data Name="CommandLine">x.exe /c &quot;echo&quot; &#x26;&amp; y</Data>'));
    expect(f.get('CommandLine')).toBe('x.exe /c "echo" && y');
    expect(f.get('EventID')).toBe('22');
    expect(f.get('Provider')).toBe('Microsoft-Windows-Sysmon');
  });

  it('reports a truncated <Event> and an unreadable one at their lines and keeps the others', async () => {
    const good = EV(SYS22, '<Data Name="QueryName">good.example</Data><Data Name="UtcTime">2020-10-20 11:50:59.461</Data>');
    const text = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<Events>',
      good,
      '<Event xmlns="x"><System><EventID>22</EventID>',
      good,
      'stray text </Event>',
      '<Event><System></System></Event>',
      EV(SYS22, '<Data Name="QueryName">late.example</Data><Data Name="UtcTime">not a time</Data>'),
      good,
      '</Events>',
    ].join('\n');
    const one = await ingestText(text);
    expect(one.summary.events).toBe(3);
    expect(one.summary.problems).toEqual([
      { line: 4, reason: '<Event> element without </Event> (truncated record?)' },
      { line: 7, reason: '<Event> element without EventID or Data fields' },
      { line: 8, reason: 'unreadable UtcTime “not a time”' },
    ]);
    expect([0, 1, 2].map((i) => one.store.event(i).line)).toEqual([3, 5, 9]);
    const small = await ingestText(text, { chunkSize: 7 });
    expect(small.summary).toEqual(one.summary);
  });

  it('reports an <Event> still open at the end of the input', async () => {
    const { summary } = await ingestText(EV(SYS22, '<Data Name="QueryName">a.example</Data>') + '\n\n<Event xmlns="x">\n<System>');
    expect(summary.events).toBe(1);
    expect(summary.problems).toEqual([{ line: 3, reason: '<Event> element not closed at the end of the input' }]);
  });

  it('counts events of other providers by provider name', async () => {
    const sec = EV('<Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>4688</EventID><Channel>Security</Channel>', '<Data Name="NewProcessName">x</Data>');
    const { summary } = await ingestText(`<Events>${sec}${sec}</Events>`);
    expect(summary.otherRecords).toEqual({ 'Microsoft-Windows-Security-Auditing 4688': 2 });
    expect(summary.events).toBe(0);
  });
});

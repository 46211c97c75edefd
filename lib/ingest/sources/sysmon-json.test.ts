import { describe, expect, it } from 'vitest';
import type { EventStore, EventView } from '../../store/event-store';
import { ingestPath, ingestText, samplePath, SKIP_NO_SAMPLES } from '../../testing/ingest-helpers';

function byLine(store: EventStore, line: number): EventView {
  for (let i = 0; i < store.size; i++) if (store.line.get(i) === line) return store.event(i);
  throw new Error(`no event from line ${line}`);
}

const ALL22 = samplePath('OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl');
const MAVINJECT = samplePath('OTRF-Security-Datasets__psh_mavinject_dll_notepad_2020-10-2121410529.json');
const LOG4SHELL = samplePath('OTRF-Security-Datasets__sysmon_log4shell_cve2021_44228_java_serialized_object_2022-05-13045800.json');

describe.skipIf(!ALL22)(`OTRF ALL_sysmon_eid22 sample (three JSON shapes mixed)${ALL22 ? '' : ': ' + SKIP_NO_SAMPLES}`, () => {

  it('reads all 2038 EID 22 lines as DNS events with their QueryStatus mix', async () => {
    const { summary } = await ingestPath(ALL22 as string);
    expect(summary.format).toBe('sysmon-json');
    expect(summary.events).toBe(2038);
    expect(summary.skipped).toBe(0);
    expect(summary.timeBasis).toBe('UTC (Sysmon UtcTime)');
    // Counted in the file: the "0 ×440, 9002 ×227" of log-formats.md §1.3 add up to 2047, not 2038.
    expect(summary.statusCodes).toEqual({
      '9502': 1007, '0': 432, '9002': 226, '9701': 199, '1460': 121, '9003': 51, '1223': 1, '9501': 1,
    });
    expect(summary.statusMix).toEqual({ ERROR: 1207, NOERROR: 432, SERVFAIL: 226, TIMEOUT: 121, NXDOMAIN: 51, NODATA: 1 });
    expect(summary.timeRange).toEqual({ first: '2019-12-05T01:49:47.174Z', last: '2023-09-05T16:53:22.237Z' });
  });

  it('maps a flat NXLog row with a CNAME chain, taking host from Hostname rather than the collector', async () => {
    const { store } = await ingestPath(ALL22 as string);
    const e = byLine(store, 1);
    expect(e).toMatchObject({
      time: Date.UTC(2020, 5, 10, 2, 51, 8, 943),
      host: 'WORKSTATION6.mordor.local',
      user: 'S-1-5-18',
      image: 'C:\\Windows\\System32\\backgroundTaskHost.exe',
      pid: 5488,
      guid: '{6a910b9d-4a9a-5ee0-0c04-000000000400}',
      qname: 'arc.msn.com',
      qtype: 1,
      status: 'NOERROR',
      statusCode: 0,
      answersRaw: 'type:  5 arc.msn.com.nsatc.net;::ffff:52.179.129.229;',
      ttl: -1,
      resolver: '',
      client: '',
    });
    expect(e.answers).toEqual([
      { type: 5, value: 'arc.msn.com.nsatc.net' },
      { type: 1, value: '52.179.129.229' },
    ]);
    const chain = byLine(store, 420);
    expect(chain.answers).toEqual([
      { type: 5, value: 'global.asimov.events.data.trafficmanager.net' },
      { type: 5, value: 'skypedataprdcolwus03.cloudapp.net' },
      { type: 1, value: '52.114.158.53' },
    ]);
    expect(chain.pid).toBe(-1); // neither ProcessId nor a Message on that line
  });

  it('turns the HTML-escaped and the plain <unknown process> into the same image', async () => {
    const { store } = await ingestPath(ALL22 as string);
    expect(byLine(store, 3).image).toBe('<unknown process>');
    expect(byLine(store, 9).image).toBe('<unknown process>');
    expect(byLine(store, 1800)).toMatchObject({ image: '<unknown process>', user: 'NT AUTHORITY\\SYSTEM', statusCode: 9502, status: 'ERROR', answers: [] });
  });

  it('reads SRV, PTR and SOA results and infers the query type from them', async () => {
    const { store } = await ingestPath(ALL22 as string);
    const srv = byLine(store, 1016);
    expect(srv.qnameRaw).toBe('_ldap._tcp.Default-First-Site-Name._sites.dc._msdcs.pandalab.com.');
    expect(srv.qname).toBe('_ldap._tcp.default-first-site-name._sites.dc._msdcs.pandalab.com');
    expect(srv.qtype).toBe(33);
    expect(srv.answers).toEqual([
      { type: 33, value: 'dc01.pandalab.com' },
      { type: 1, value: '192.168.56.4' },
    ]);
    expect(byLine(store, 429)).toMatchObject({ qtype: 12, answers: [{ type: 12, value: 'WORKSTATION5' }] });
    expect(byLine(store, 609)).toMatchObject({ status: 'NXDOMAIN', statusCode: 9003, qtype: 0, answersRaw: 'type:  6 ;', answers: [{ type: 6, value: '' }] });
    expect(byLine(store, 608)).toMatchObject({ status: 'NODATA', statusCode: 9501, answers: [{ type: 6, value: '' }, { type: 1, value: '172.18.38.5' }] });
  });

  it("takes ProcessId from the message when the row only has NXLog's own ProcessID", async () => {
    const { store } = await ingestPath(ALL22 as string);
    expect(byLine(store, 510)).toMatchObject({ pid: 3024, qname: 'hfdc01.shire.com' });
    expect(byLine(store, 516)).toMatchObject({ answers: [], status: 'NXDOMAIN', qnameRaw: '25.32.114.52.in-addr.arpa.' });
  });

  it('decodes the Sentinel WindowsEvent EventData string', async () => {
    const { store } = await ingestPath(ALL22 as string);
    expect(byLine(store, 2037)).toMatchObject({
      time: Date.parse('2022-05-13T08:54:06.442Z'),
      host: 'WORKSTATION5',
      user: 'NT AUTHORITY\\LOCAL SERVICE',
      image: 'C:\\ProgramData\\chocolatey\\lib\\Tomcat\\tools\\apache-tomcat-9.0.62\\bin\\tomcat9.exe',
      pid: 3936,
      guid: '{f3329a35-1c6c-627e-e516-000000000600}',
      qnameRaw: 'WORKSTATION5',
      qtype: 0,
      answers: [
        { type: 28, value: 'fe80::798a:6744:8c18:1b47' },
        { type: 1, value: '192.168.2.5' },
      ],
    });
  });

  it('gives the same events when read in 7-character chunks', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(ALL22 as string, 'utf8').split('\n').slice(0, 60).join('\n');
    const one = await ingestText(text);
    const small = await ingestText(text, { chunkSize: 7 });
    expect(one.summary.events).toBe(60);
    expect(small.summary).toEqual({ ...one.summary });
    for (let i = 0; i < one.store.size; i++) expect(small.store.event(i)).toEqual(one.store.event(i));
  });
});

describe.skipIf(!MAVINJECT)(`OTRF psh_mavinject sample (DNS with process context)${MAVINJECT ? '' : ': ' + SKIP_NO_SAMPLES}`, () => {

  it('reads 2 DNS events, 106 process facts and counts every other record by provider and id', async () => {
    const { summary, store } = await ingestPath(MAVINJECT as string);
    expect(summary.format).toBe('sysmon-json');
    expect(summary.events).toBe(2);
    expect(summary.skipped).toBe(0);
    expect(summary.processFacts).toBe(106); // EID 1 ×2, 7 ×100, 11 ×4
    expect(summary.otherRecords).toEqual({
      'Sysmon 10': 242, 'Sysmon 12': 72, 'Sysmon 13': 37, 'Sysmon 9': 3, 'Sysmon 3': 2, 'Sysmon 24': 2, 'Sysmon 8': 1,
      'Microsoft-Windows-Security-Auditing 4658': 10, 'Microsoft-Windows-Security-Auditing 5158': 8,
      'Microsoft-Windows-Security-Auditing 5156': 6, 'Microsoft-Windows-Security-Auditing 4690': 5,
      'Microsoft-Windows-Security-Auditing 4656': 5, 'Microsoft-Windows-Security-Auditing 4663': 4,
      'Microsoft-Windows-Security-Auditing 4688': 2, 'Microsoft-Windows-Eventlog 1102': 1, 'Microsoft-Windows-Eventlog 104': 1,
    });
    const total = summary.events + summary.processFacts + Object.values(summary.otherRecords).reduce((a, b) => a + b, 0);
    expect(total).toBe(509);
    expect([byLine(store, 127).qname, byLine(store, 128).qname]).toEqual(['github.com', 'raw.githubusercontent.com']);
    expect(byLine(store, 128)).toMatchObject({
      image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
      pid: 3904,
      guid: '{39e4a257-e287-5f90-cc10-000000000700}',
      user: '',
      answers: [{ type: 5, value: 'github.map.fastly.net' }, { type: 1, value: '151.101.208.133' }],
    });
  });

  it('joins the file powershell created and the hashes of the processes it started', async () => {
    const { store } = await ingestPath(MAVINJECT as string);
    const ps = store.processes.get('{39E4A257-E287-5F90-CC10-000000000700}');
    expect(ps?.createdFiles.map((f) => f.path)).toEqual(['C:\\ProgramData\\T1055.dll']);
    expect(ps?.createdFiles[0]).toMatchObject({ line: 129, creationUtcTime: '2020-10-22 01:40:44.607' });
    // the powershell process has no EID 1 nor a self-load EID 7 in this file: no hashes for it
    expect(ps?.hashes).toEqual({});
    const mav = store.processes.get('{39e4a257-e328-5f90-d310-000000000700}');
    expect(mav).toMatchObject({
      image: 'C:\\Windows\\System32\\mavinject.exe',
      parentGuid: '{39e4a257-e287-5f90-cc10-000000000700}',
      commandLine: '"C:\\windows\\system32\\mavinject.exe" 3440 /INJECTRUNNING C:\\ProgramData\\T1055.dll',
      originalFileName: 'mavinject64.exe',
      integrityLevel: 'High',
      user: 'WORKSTATION5\\wardog',
      signed: true,
      signatureStatus: 'Valid',
      signature: 'Microsoft Windows',
    });
    expect(mav?.hashes['SHA256']).toBe('42ba5cfe0228d26275a9f57f1a7a544287a4c82ff96fe8167975d93ae8fa9514');
    expect(mav?.hashes['IMPHASH']).toBe('425d26bbb68aba4d2076e192a519914a');
    expect(store.processes.get('{39e4a257-e321-5f90-d210-000000000700}')?.hashes['SHA256']).toBe(
      'e5d90beeb6f13f4613c3153dabbd1466f4a062b7252d931f37210907a7f914f7',
    );
  });
});

describe.skipIf(!LOG4SHELL)(`OTRF log4shell sample (Sentinel WindowsEvent)${LOG4SHELL ? '' : ': ' + SKIP_NO_SAMPLES}`, () => {

  it('reads the 2 DNS events (tomcat9.exe, then powershell.exe) with times from the 7-digit ISO UtcTime', async () => {
    const { summary, store } = await ingestPath(LOG4SHELL as string);
    expect(summary.format).toBe('sysmon-json');
    expect(summary.events).toBe(2);
    expect(summary.skipped).toBe(0);
    expect(summary.processFacts).toBe(161); // EID 1 ×2, 7 ×155, 11 ×4
    expect(summary.otherRecords).toEqual({ 'Sysmon 12': 292, 'Sysmon 10': 12, 'Sysmon 18': 6, 'Sysmon 3': 5, 'Sysmon 17': 4, 'Sysmon 26': 3, 'Sysmon 5': 2 });
    const images = [store.event(0).image, store.event(1).image].map((i) => i.split('\\').pop());
    expect(images).toEqual(['tomcat9.exe', 'powershell.exe']);
    expect([store.event(0).qnameRaw, store.event(1).qnameRaw]).toEqual(['WORKSTATION5', 'localhost']);
    expect(store.event(0).time).toBe(Date.parse('2022-05-13T08:54:06.442Z'));
    expect(store.event(1).time).toBe(Date.parse('2022-05-13T08:54:10.490Z'));
    expect(store.event(0).host).toBe('WORKSTATION5');
    expect(summary.timeBasis).toBe('UTC (Sysmon UtcTime)');
  });
});

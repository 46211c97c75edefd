import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../testing/ingest-helpers';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { payloadReassembly } from './payload-reassembly';
import { runDetectors } from './run';
import { benignMix } from './scenarios/benign-dns-fixture';
import { dnsstagerAaaa, dnsstagerTxt, fromHex, stagerEvents, stagerPayload, X64_PROLOGUE_HEX } from './scenarios/dnsstager-fixture';

const detect = (events: readonly TestEvent[], thresholds: Record<string, number> = {}) =>
  runDetectors(buildStore(events), { detectors: { [payloadReassembly.meta.id]: { thresholds } } }, [payloadReassembly]).findings;

const PROLOGUE = fromHex(X64_PROLOGUE_HEX);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** dns-c2-facts §1.3 */
const COLUMNS: [number, string[]][] = [
  [0x00, ['fc48:83e4:f0e8:c800:0:4151:4150:5251', '5648:31d2:6548:8b52:6048:8b52:1848:8b52', '2048:8b72:5048:fb7:4a4a:4d31:c948:31c0', 'ac3c:617c:22c:2041:c1c9:d41:1c1:e2ed']],
  [0x0a, ['f642:89ee:fae2:c20a:a0a:4b5b:4b5a:585b', '5c42:3bd8:6f42:8158:6a42:8158:1242:8158', '2a42:8178:5a42:5bd:4040:473b:c342:3bca', 'a636:6b76:826:2a4b:cbc3:74b:bcb:e8e7']],
  [0x10, ['ec58:93f4:e0f8:d810:1010:5141:5140:4241', '4658:21c2:7558:9b42:7058:9b42:858:9b42', '3058:9b62:4058:1fa7:5a5a:5d21:d958:21d0', 'bc2c:716c:123c:3051:d1d9:1d51:11d1:f2fd']],
];

describe('payload-reassembly', () => {
  it.each(COLUMNS)('recovers XOR key %i and the x64 prologue from the published AAAA answers', (key, answers) => {
    const [f, ...rest] = detect([...benignMix(), ...stagerEvents({ answers, qtype: 'AAAA' })]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'critical',
      entity: { domain: 'mydnsserver.live', qname: 'cloud-srv-0.test.mydnsserver.live', host: 'WIN10-SARA', process: 'C:\\Users\\sara\\Desktop\\dns_stager.exe' },
      evidence: { events: 4 },
      details: {
        payload: { bytes: 64, xorKey: key, hex: X64_PROLOGUE_HEX, signature: 'x64 shellcode prologue', sha256: sha(PROLOGUE) },
        recordType: 'AAAA',
        records: 4,
      },
    });
  });

  it.each([
    [37, 0x00, ['fc48:83e4:f0e8:c800:0:4151:4150:5251', '5648:31d2:6548:8b52:6048:8b52:1848:8b52', '2048:8b72:50::']],
    [44, 0x10, ['ec58:93f4:e0f8:d810:1010:5141:5140:4241', '4658:21c2:7558:9b42:7058:9b42:858:9b42', '3058:9b62:4058:1fa7:5a5a:5d21::']],
    [45, 0x00, ['fc48:83e4:f0e8:c800:0:4151:4150:5251', '5648:31d2:6548:8b52:6048:8b52:1848:8b52', '2048:8b72:5048:fb7:4a4a:4d31:c9:0']],
  ] as const)('trims the published %i-byte tail', (bytes, key, answers) => {
    const [f] = detect(stagerEvents({ prefix: 'cdn', domain: 'fakedns.live', answers, qtype: 'AAAA' }));
    expect(f?.details.payload).toEqual({
      bytes,
      xorKey: key,
      hex: X64_PROLOGUE_HEX.slice(0, 2 * bytes),
      signature: 'x64 shellcode prologue',
      sha256: sha(PROLOGUE.subarray(0, bytes)),
    });
  });

  it('decodes DNSStager v1.0 TXT (base64 of hex text in 200-char chunks)', () => {
    const payload = stagerPayload(510);
    const answers = dnsstagerTxt(payload, 0x0a);
    expect(answers[0]?.length).toBe(200);
    const [f] = detect(stagerEvents({ answers, qtype: 'TXT' }));
    expect(f).toMatchObject({
      severity: 'critical',
      details: { recordType: 'TXT', encoding: 'base64-hex', records: 7, payload: { bytes: 510, xorKey: 10, signature: 'x64 shellcode prologue', sha256: sha(payload) } },
    });
  });

  it('decodes the pre-2021 TXT variant (base64 of raw bytes)', () => {
    const payload = stagerPayload(510);
    const answers = dnsstagerTxt(payload, 0, true);
    expect(answers[0]).toMatch(/^\/EiD5PDoyAAAAEFRQVBSUVZIMdJlSItSYEiLUhhI/);
    const [f] = detect(stagerEvents({ answers, qtype: 'TXT' }));
    expect(f?.details).toMatchObject({ encoding: 'base64', records: 4, payload: { bytes: 510, xorKey: 0, sha256: sha(payload) } });
  });

  it('reassembles across a missing record and keeps only the rows it used as evidence', () => {
    const ev = stagerEvents({ answers: dnsstagerAaaa(stagerPayload(510), 0x33), qtype: 'AAAA' }).filter((e) => !e.qname.startsWith('cloud-srv-9.'));
    const [f] = detect(ev);
    expect(f?.details).toMatchObject({ gaps: 1, records: 31, payload: { bytes: 510, xorKey: 0x33 } });
    expect(f?.evidence.events).toBe(31);
  });

  it('reports a long run of encoded answers without a signature as an opaque medium payload', () => {
    const random = stagerPayload(600).subarray(64);
    const [f] = detect(stagerEvents({ answers: dnsstagerAaaa(random, 0), qtype: 'AAAA' }));
    expect(f).toMatchObject({ severity: 'medium', details: { payload: { bytes: 536, signature: null, xorKey: 0 } } });
    expect(detect(stagerEvents({ answers: dnsstagerAaaa(random.subarray(0, 64), 0), qtype: 'AAAA' }))).toEqual([]);
    expect(detect(stagerEvents({ answers: dnsstagerAaaa(random, 0), qtype: 'AAAA' }), { opaqueMinRecords: 40 })).toEqual([]);
  });

  it('reports one stager run on many hosts for each host (a campaign, not shared infrastructure)', () => {
    const answers = dnsstagerAaaa(stagerPayload(510), 0x0a);
    const ev = ['A', 'B', 'C', 'D', 'E', 'F'].flatMap((host, i) => stagerEvents({ answers, qtype: 'AAAA', host, t0: 1_700_000_000 + i * 3600 }));
    expect(detect(ev).map((f) => f.entity.host)).toHaveLength(6);
    expect(detect(ev, { maxProcesses: 5 })).toEqual([]);
  });

  it('stays silent on sequential names answered with allocated addresses and on everyday traffic', () => {
    const ev: TestEvent[] = Array.from({ length: 12 }, (_, i) => ({ t: i, qname: `web-${i}.svc.example.com`, qtype: 'AAAA', answers: [`2606:4700:3030::${(0x6815 + i).toString(16)}`] }));
    expect(detect([...benignMix(), ...ev])).toEqual([]);
  });

  it('finds the stager through the Sysmon JSON adapter, whose final NODATA has no query type', async () => {
    const answers = dnsstagerAaaa(stagerPayload(510), 0x0a);
    const line = (i: number, status: number, results: string) =>
      JSON.stringify({
        EventID: 22,
        UtcTime: `2024-03-01 10:00:${String(i).padStart(2, '0')}.000`,
        Hostname: 'WIN10-SARA',
        ProcessId: '4242',
        ProcessGuid: '{6a910b9d-0000-0000-0000-000000000001}',
        Image: 'C:\\Users\\sara\\Desktop\\dns_stager.exe',
        QueryName: `cloud-srv-${i}.test.mydnsserver.live`,
        QueryStatus: String(status),
        QueryResults: results,
      });
    const text = [...answers.map((a, i) => line(i, 0, `${a};`)), line(answers.length, 9501, '-')].join('\n');
    const { store } = await ingestText(text, { name: 'sysmon.jsonl' });
    const [f] = runDetectors(store, undefined, [payloadReassembly]).findings;
    expect(f?.details.payload).toMatchObject({ bytes: 510, xorKey: 10, signature: 'x64 shellcode prologue' });
  });
});

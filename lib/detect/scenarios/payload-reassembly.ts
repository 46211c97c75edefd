/**
 * payload-reassembly: an 892-byte Cobalt Strike-sized x64 stager served by DNSStager in 56 AAAA
 * records with XOR key 0x10; the hard negative adds sequential AAAA names answered with allocated
 * addresses (a StatefulSet-style client resolving web-0..web-11 once) to the everyday traffic.
 */
import type { TestEvent } from '../../testing/store-builder';
import { benignMix } from './benign-dns-fixture';
import { dnsstagerAaaa, stagerEvents, stagerPayload } from './dnsstager-fixture';

const statefulSet: TestEvent[] = Array.from({ length: 12 }, (_, i) => ({
  t: 1_700_000_050 + i * 0.2,
  host: 'APP01',
  image: 'C:\\Program Files\\App\\app.exe',
  qname: `web-${i}.web.svc.example.com`,
  qtype: 'AAAA',
  answers: [`2606:4700:3030::${(0x6815 + i).toString(16)}:1c1d`],
  ttl: 30,
}));

export const fires: TestEvent[] = [
  ...benignMix(),
  ...stagerEvents({ prefix: 'cdn', domain: 'fakedns.live', answers: dnsstagerAaaa(stagerPayload(892), 0x10), qtype: 'AAAA', sleep: 0 }),
].sort((a, b) => a.t - b.t);

export const silent: TestEvent[] = [...benignMix(), ...statefulSet].sort((a, b) => a.t - b.t);

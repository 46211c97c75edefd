/**
 * sequential-label-staging: DNSStager `cloud-srv-0..31.test.mydnsserver.live` (510-byte x64
 * stager, XOR key 0x0a, 1 s sleep) amid everyday traffic; the hard negative is the same everyday
 * traffic with numbered infrastructure, inventory scans by many hosts, pollers and PTR sweeps.
 */
import type { TestEvent } from '../../testing/store-builder';
import { benignMix } from './benign-dns-fixture';
import { dnsstagerAaaa, stagerEvents, stagerPayload } from './dnsstager-fixture';

export const fires: TestEvent[] = [
  ...benignMix(),
  ...stagerEvents({ answers: dnsstagerAaaa(stagerPayload(510), 0x0a), qtype: 'AAAA', t0: 1_700_000_300 }),
].sort((a, b) => a.t - b.t);

export const silent: TestEvent[] = benignMix();

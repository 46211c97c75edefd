/**
 * aaaa-unallocated: the four AAAA answers of the DNSStager README (64-byte x64 prologue, key
 * 0x0a) under `cdn*.fakedns.live`; the hard negative holds allocated, DNS64, 6to4, sinkhole and
 * split-horizon ULA/link-local answers.
 */
import type { TestEvent } from '../../testing/store-builder';
import { benignMix } from './benign-dns-fixture';
import { stagerEvents } from './dnsstager-fixture';

export const fires: TestEvent[] = [
  ...benignMix(),
  ...stagerEvents({
    prefix: 'cdn',
    domain: 'fakedns.live',
    qtype: 'AAAA',
    t0: 1_700_000_400,
    answers: [
      'f642:89ee:fae2:c20a:a0a:4b5b:4b5a:585b',
      '5c42:3bd8:6f42:8158:6a42:8158:1242:8158',
      '2a42:8178:5a42:5bd:4040:473b:c342:3bca',
      'a636:6b76:826:2a4b:cbc3:74b:bcb:e8e7',
    ],
  }),
].sort((a, b) => a.t - b.t);

export const silent: TestEvent[] = benignMix();

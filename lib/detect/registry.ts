import { aaaaUnallocated } from './aaaa-unallocated';
import { beaconRegularity } from './beacon-regularity';
import { encodedLabelTunnel } from './encoded-label-tunnel';
import { nxdomainDga } from './nxdomain-dga';
import { payloadReassembly } from './payload-reassembly';
import { rareDomain } from './rare-domain';
import { recordTypeAnomaly } from './record-type-anomaly';
import { resolverBypass } from './resolver-bypass';
import { sequentialLabelStaging } from './sequential-label-staging';
import { subdomainFanout } from './subdomain-fanout';
import { toolSignature } from './tool-signature';
import { txtAnomaly } from './txt-anomaly';
import { volumeBurst } from './volume-burst';
import type { Detector } from './types';

/**
 * Every detector, explicitly listed. Shared code (scoring, grouping, report) iterates this list
 * and reads metadata; it never branches on an id.
 */
export const DETECTORS: readonly Detector[] = [
  aaaaUnallocated,
  sequentialLabelStaging,
  payloadReassembly,
  encodedLabelTunnel,
  subdomainFanout,
  recordTypeAnomaly,
  txtAnomaly,
  toolSignature,
  beaconRegularity,
  nxdomainDga,
  resolverBypass,
  volumeBurst,
  rareDomain,
];

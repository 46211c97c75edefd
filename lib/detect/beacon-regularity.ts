import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const beaconRegularity = defineDetector({
  meta: {
    id: 'beacon-regularity',
    title: 'beacon-regularity',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

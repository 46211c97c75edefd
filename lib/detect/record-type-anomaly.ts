import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const recordTypeAnomaly = defineDetector({
  meta: {
    id: 'record-type-anomaly',
    title: 'record-type-anomaly',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

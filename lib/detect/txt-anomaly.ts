import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const txtAnomaly = defineDetector({
  meta: {
    id: 'txt-anomaly',
    title: 'txt-anomaly',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

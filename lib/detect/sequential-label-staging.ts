import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const sequentialLabelStaging = defineDetector({
  meta: {
    id: 'sequential-label-staging',
    title: 'sequential-label-staging',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

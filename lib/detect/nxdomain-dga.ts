import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const nxdomainDga = defineDetector({
  meta: {
    id: 'nxdomain-dga',
    title: 'nxdomain-dga',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

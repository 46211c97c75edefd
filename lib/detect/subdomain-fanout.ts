import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const subdomainFanout = defineDetector({
  meta: {
    id: 'subdomain-fanout',
    title: 'subdomain-fanout',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const rareDomain = defineDetector({
  meta: {
    id: 'rare-domain',
    title: 'rare-domain',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

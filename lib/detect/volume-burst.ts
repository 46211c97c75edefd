import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const volumeBurst = defineDetector({
  meta: {
    id: 'volume-burst',
    title: 'volume-burst',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

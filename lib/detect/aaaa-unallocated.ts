import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const aaaaUnallocated = defineDetector({
  meta: {
    id: 'aaaa-unallocated',
    title: 'aaaa-unallocated',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

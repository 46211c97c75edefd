import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const resolverBypass = defineDetector({
  meta: {
    id: 'resolver-bypass',
    title: 'resolver-bypass',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const encodedLabelTunnel = defineDetector({
  meta: {
    id: 'encoded-label-tunnel',
    title: 'encoded-label-tunnel',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

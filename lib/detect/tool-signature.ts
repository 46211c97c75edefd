import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const toolSignature = defineDetector({
  meta: {
    id: 'tool-signature',
    title: 'tool-signature',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

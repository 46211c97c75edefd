import { defineDetector } from './types';

// PLACEHOLDER: replaced by the real detector.
export const payloadReassembly = defineDetector({
  meta: {
    id: 'payload-reassembly',
    title: 'payload-reassembly',
    description: 'placeholder',
    mitre: [],
    requiredFields: [],
    thresholds: {},
    falsePositives: [],
    severity: 'info',
  },
  run: () => [],
});

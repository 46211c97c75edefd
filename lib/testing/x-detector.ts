import { defineDetector } from '../detect/types';

/** A detector for worker tests: one finding over every row whose name starts with "x". */
export const xDetector = defineDetector({
  meta: { id: 'x-names', title: 'Names starting with x', description: 'test', mitre: ['T1071.004'], requiredFields: [], thresholds: {}, falsePositives: ['tests'], severity: 'low' },
  run(ctx) {
    const rows: number[] = [];
    for (let r = 0; r < ctx.size; r++) if (ctx.qnameText(r).startsWith('x')) rows.push(r);
    return rows.length ? [{ title: 'x names', severity: 'low' as const, score: 3, entity: { host: 'h' }, rows, details: {} }] : [];
  },
});

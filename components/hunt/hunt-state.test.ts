import { describe, expect, it } from 'vitest';
import type { DetectionState } from '@/lib/worker/query-results';
import { detectionReady, huntReducer, initialHuntState } from './hunt-state';

const detection = (version: number): DetectionState => ({
  status: 'ready', version, findings: 0, suspects: 0, ran: 3, registered: 13, ms: 1, error: null,
});

describe('huntReducer', () => {
  it('follows the data version and knows when detection has caught up', () => {
    let s = huntReducer(initialHuntState, { type: 'dataset', version: 1, events: 10 });
    expect([s.version, s.events, detectionReady(s)]).toEqual([1, 10, false]);
    s = huntReducer(s, { type: 'detected', detection: detection(1) });
    expect(detectionReady(s)).toBe(true);
    s = huntReducer(s, { type: 'dataset', version: 2, events: 12 });
    expect(detectionReady(s)).toBe(false);
  });

  it('ignores a dataset message older than the one it has', () => {
    const s = huntReducer(huntReducer(initialHuntState, { type: 'dataset', version: 2, events: 5 }), { type: 'dataset', version: 1, events: 3 });
    expect([s.version, s.events]).toEqual([2, 5]);
  });

  it('passes file actions to the ingest reducer', () => {
    const s = huntReducer(initialHuntState, { type: 'added', id: 'a', name: 'a.log', size: 3 });
    expect(s.ingest.files.map((f) => f.status)).toEqual(['queued']);
  });
});

import { ingestReducer, initialIngestState, type IngestAction, type IngestState } from '@/components/upload/ingest-state';
import type { DetectionState } from '@/lib/worker/query-results';

/** What the page knows about the worker's session: files, the loaded data, detection. */
export interface HuntState {
  ingest: IngestState;
  /** bumped by the worker each time the loaded data changes; 0 before any file */
  version: number;
  /** DNS events of the loaded data */
  events: number;
  /** latest detection run (null before the first) */
  detection: DetectionState | null;
  /** detection runs heard of, so views backed by findings ask again after each */
  detectionRuns: number;
}

export type HuntAction =
  | IngestAction
  | { type: 'dataset'; version: number; events: number }
  | { type: 'detected'; detection: DetectionState };

export const initialHuntState: HuntState = { ingest: initialIngestState, version: 0, events: 0, detection: null, detectionRuns: 0 };

export function huntReducer(state: HuntState, action: HuntAction): HuntState {
  switch (action.type) {
    case 'dataset':
      return action.version > state.version ? { ...state, version: action.version, events: action.events } : state;
    case 'detected':
      return { ...state, detection: action.detection, detectionRuns: state.detectionRuns + 1 };
    default:
      return { ...state, ingest: ingestReducer(state.ingest, action) };
  }
}

/** Is detection up to date with the loaded data? */
export function detectionReady(state: HuntState): boolean {
  return state.detection !== null && state.detection.status === 'ready' && state.detection.version === state.version;
}

import type { Detector } from './types';

/**
 * Every detector, explicitly listed. Shared code (scoring, grouping, report) iterates this list
 * and reads metadata; it never branches on an id.
 */
export const DETECTORS: readonly Detector[] = [];

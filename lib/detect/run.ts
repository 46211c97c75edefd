import type { EventStore } from '../store/event-store';
import type { Finding } from '../schema/findings';
import { isEnabled, resolveThresholds, type HuntConfig } from './config';
import { DetectContext } from './context';
import { toFinding } from './finding';
import { DETECTORS } from './registry';
import { SEVERITIES, type Detector } from './types';

export interface DetectorRun {
  detector: string;
  /** false when disabled or when no input provides its required fields */
  ran: boolean;
  reason?: string;
  findings: number;
  ms: number;
}

export interface DetectionResult {
  findings: Finding[];
  runs: DetectorRun[];
  /**
   * Every store row each finding rests on, by finding id (the JSON's `examples` keep at most
   * MAX_EXAMPLES): what an evidence table pages through.
   */
  evidenceRows: ReadonlyMap<string, readonly number[]>;
}

const severityRank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);

/** Runs every enabled detector whose required fields the inputs provide; findings by score. */
export function runDetectors(
  store: EventStore,
  config?: HuntConfig,
  detectors: readonly Detector[] = DETECTORS,
  now: () => number = () => performance.now(),
  /** a context over the same rows that queries already use (its per-row ids are then built once) */
  context?: DetectContext,
): DetectionResult {
  const ctx = context && context.store === store && context.size === store.size ? context : new DetectContext(store);
  const findings: Finding[] = [];
  const runs: DetectorRun[] = [];
  const evidenceRows = new Map<string, number[]>();
  try {
    for (const d of detectors) {
      const id = d.meta.id;
      if (!isEnabled(d.meta, config)) {
        runs.push({ detector: id, ran: false, reason: 'disabled in the config', findings: 0, ms: 0 });
        continue;
      }
      const missing = d.meta.requiredFields.filter((f) => !ctx.fields.has(f));
      if (missing.length > 0) {
        runs.push({ detector: id, ran: false, reason: `no input provides ${missing.join(', ')}`, findings: 0, ms: 0 });
        continue;
      }
      const t0 = now();
      const raw = d.run(ctx, resolveThresholds(d.meta, config));
      for (const r of raw) {
        const f = toFinding(ctx, d.meta, r);
        findings.push(f);
        const rows = evidenceRows.get(f.id);
        if (rows) for (let i = 0; i < r.rows.length; i++) rows.push(r.rows[i] as number);
        else evidenceRows.set(f.id, Array.from(r.rows));
      }
      runs.push({ detector: id, ran: true, findings: raw.length, ms: now() - t0 });
    }
  } finally {
    // the detectors' large temporaries are not kept with the context
    ctx.scratch.release();
  }
  findings.sort((a, b) => b.score - a.score || severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
  return { findings, runs, evidenceRows };
}

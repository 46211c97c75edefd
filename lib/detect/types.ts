import type { EventField } from '../ingest/types';
import type { DetectContext } from './context';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A tunable number of a detector, shown in the UI and the report. */
export interface ThresholdSpec {
  readonly default: number;
  /** e.g. "events", "characters", "bits/char", "seconds", "ratio" */
  readonly unit: string;
  readonly description: string;
  readonly min?: number;
  readonly max?: number;
}

export interface DetectorMeta {
  /** kebab-case, stable: used in findings JSON, config files and URLs */
  readonly id: string;
  readonly title: string;
  /** what it catches, one or two sentences */
  readonly description: string;
  /** MITRE ATT&CK technique ids, e.g. T1071.004 */
  readonly mitre: readonly string[];
  /** fields the source must provide for the detector to run */
  readonly requiredFields: readonly EventField[];
  readonly thresholds: Readonly<Record<string, ThresholdSpec>>;
  readonly falsePositives: readonly string[];
  /** severity when the evidence is at its weakest; detectors may raise it from evidence */
  readonly severity: Severity;
}

/** What a detector returns; the shared code turns it into the findings JSON. */
export interface RawFinding {
  readonly title: string;
  readonly severity: Severity;
  /** 0–10 */
  readonly score: number;
  readonly entity: {
    readonly domain?: string;
    readonly qname?: string;
    readonly host?: string;
    readonly process?: string;
  };
  /**
   * Distinguishes several findings of one detector about the same entity (e.g. one per tool
   * session); part of the stable finding id.
   */
  readonly key?: string;
  /** store rows the finding rests on (all of them; examples are picked by the shared code) */
  readonly rows: ArrayLike<number>;
  readonly details: Readonly<Record<string, unknown>>;
}

export type Thresholds<M extends DetectorMeta> = { readonly [K in keyof M['thresholds']]: number };

export interface Detector<M extends DetectorMeta = DetectorMeta> {
  readonly meta: M;
  /**
   * The findings over every row of the context. A pass over every row goes in a small function
   * of its own: V8 optimises a long loop by compiling the whole function it runs in (on-stack
   * replacement), so a pass left inside a long `run` is optimised later, and at the cost of
   * compiling the rest of `run` with it (Node's first detection of the 1M CSV: 161 Turbofan
   * compiles, 984 ms of compiler time, for a 958 ms detection). Such a pass reads its per-row
   * values from arrays fetched before the loop (the context's id columns, the store's column
   * blocks at `[r >>> BLOCK_BITS][r & BLOCK_MASK]`), not through a method call per row: until the
   * loop is optimised, each call is a real one (Chromium's first detection of the 1M CSV spent
   * ~90 ms of self time in the per-row accessors alone).
   */
  run(ctx: DetectContext, thresholds: Thresholds<M>): RawFinding[];
}

/** Identity helper that keeps the literal metadata type for `Thresholds<M>`. */
export function defineDetector<const M extends DetectorMeta>(d: Detector<M>): Detector<M> {
  return d;
}

/** Score bands: info < 2 ≤ low < 4 ≤ medium < 6 ≤ high < 8 ≤ critical. */
export function severityFromScore(score: number): Severity {
  if (score >= 8) return 'critical';
  if (score >= 6) return 'high';
  if (score >= 4) return 'medium';
  if (score >= 2) return 'low';
  return 'info';
}

/** The evidence's severity, never below the detector's declared floor. */
export function severityFor(meta: DetectorMeta, score: number): Severity {
  const s = severityFromScore(score);
  return SEVERITIES.indexOf(s) >= SEVERITIES.indexOf(meta.severity) ? s : meta.severity;
}

import type { DetectContext } from '../detect/context';
import type { HuntConfig } from '../detect/config';
import { runDetectors } from '../detect/run';
import { SEVERITIES, type Detector, type Severity } from '../detect/types';
import type { Finding } from '../schema/findings';
import { groupSuspects, type Suspect } from '../score/suspects';
import type { EventStore } from '../store/event-store';
import { clipText, sortByTime } from './event-rows';
import type { DetectionState, FindingSummary, SuspectRow } from './query-results';

const cut = clipText;

function detailsJson(details: Readonly<Record<string, unknown>>): string {
  try {
    return cut(JSON.stringify(details, null, 2) ?? '{}');
  } catch {
    return '{"error":"details could not be shown"}';
  }
}

/** A suspect ready for filtering: its row for the page, plus what the filters look at. */
export interface CachedSuspect {
  row: SuspectRow;
  severityRank: number;
  /** [first, last] seen of each finding, ms */
  spans: [number, number][];
  processes: ReadonlySet<string>;
  /** lower-case text the search box looks in */
  haystack: string;
}

/**
 * Findings and suspects of one detection run, computed once per data version and kept in the
 * worker with every evidence row of each finding (in time order).
 */
export class Detection {
  readonly suspects: CachedSuspect[];
  private readonly rowsById = new Map<string, Uint32Array>();
  private readonly findingIds: ReadonlySet<string>;

  private constructor(
    private readonly store: EventStore,
    readonly state: DetectionState,
    findings: readonly Finding[],
    suspects: readonly Suspect[],
    private readonly evidence: ReadonlyMap<string, readonly number[]>,
    titles: ReadonlyMap<string, string>,
  ) {
    this.findingIds = new Set(findings.map((f) => f.id));
    this.suspects = suspects.map((s) => cacheSuspect(s, titles));
  }

  /** Nothing detected yet (no data, or detection has not run). */
  static empty(store: EventStore, registered: number): Detection {
    return new Detection(store, { status: 'pending', version: 0, findings: 0, suspects: 0, ran: 0, registered, ms: 0, error: null }, [], [], new Map(), new Map());
  }

  /** Runs every detector over the whole store, once. A detector that throws fails the run, not the worker. */
  static run(store: EventStore, version: number, detectors: readonly Detector[], config: HuntConfig | undefined, now: () => number, ctx?: DetectContext): Detection {
    const titles = new Map(detectors.map((d) => [d.meta.id, d.meta.title]));
    const t0 = now();
    try {
      const result = runDetectors(store, config, detectors, undefined, ctx);
      const suspects = groupSuspects(result.findings);
      const state: DetectionState = {
        status: 'ready',
        version,
        findings: result.findings.length,
        suspects: suspects.length,
        ran: result.runs.filter((r) => r.ran).length,
        registered: detectors.length,
        ms: Math.max(0, now() - t0),
        error: null,
      };
      return new Detection(store, state, result.findings, suspects, result.evidenceRows, titles);
    } catch (e) {
      const error = `Detection failed: ${e instanceof Error ? e.message : String(e)}`.slice(0, 2000);
      const state: DetectionState = { status: 'ready', version, findings: 0, suspects: 0, ran: 0, registered: detectors.length, ms: Math.max(0, now() - t0), error };
      return new Detection(store, state, [], [], new Map(), titles);
    }
  }

  /** Every finding's rows (as detected: unsorted, may repeat). */
  get evidenceRows(): ReadonlyMap<string, readonly number[]> {
    return this.evidence;
  }

  /** A finding's summary (from its suspect), or undefined. */
  summary(findingId: string): FindingSummary | undefined {
    for (const s of this.suspects) {
      const f = s.row.findings.find((x) => x.id === findingId);
      if (f) return f;
    }
    return undefined;
  }

  has(findingId: string): boolean {
    return this.findingIds.has(findingId);
  }

  /** All rows of a finding in time order, deduplicated; empty for an unknown id. */
  rows(findingId: string): Uint32Array {
    let rows = this.rowsById.get(findingId);
    if (!rows) {
      rows = sortByTime(this.store, [...new Set(this.evidence.get(findingId) ?? [])]);
      this.rowsById.set(findingId, rows);
    }
    return rows;
  }
}

function summary(f: Finding, titles: ReadonlyMap<string, string>): FindingSummary {
  const entity: FindingSummary['entity'] = {};
  for (const k of ['domain', 'qname', 'host', 'process'] as const) {
    const v = f.entity[k];
    if (v !== undefined) entity[k] = cut(v);
  }
  return {
    id: f.id,
    detector: f.detector,
    detectorTitle: titles.get(f.detector) ?? f.detector,
    title: cut(f.title),
    severity: f.severity,
    score: f.score,
    events: f.evidence.events,
    firstSeen: f.evidence.firstSeen,
    lastSeen: f.evidence.lastSeen,
    entity,
    detailsJson: detailsJson(f.details),
  };
}

function cacheSuspect(s: Suspect, titles: ReadonlyMap<string, string>): CachedSuspect {
  const row: SuspectRow = {
    id: s.id,
    label: cut(s.label),
    score: s.score,
    severity: s.severity,
    detectors: s.detectors.map((id) => ({ id, title: titles.get(id) ?? id })),
    hosts: s.hosts.map(cut),
    domains: s.domains.map(cut),
    processes: s.processes.map((p) => ({ host: cut(p.host), process: cut(p.process) })),
    findings: s.findings.map((f) => summary(f, titles)),
  };
  const haystack = [s.label, ...s.domains, ...s.hosts, ...s.processes.map((p) => p.process), ...row.detectors.map((d) => d.title), ...s.findings.map((f) => f.title)]
    .join('\n')
    .toLowerCase();
  return {
    row,
    severityRank: SEVERITIES.indexOf(s.severity as Severity),
    spans: s.findings.map((f) => [Date.parse(f.evidence.firstSeen), Date.parse(f.evidence.lastSeen)]),
    processes: new Set(s.processes.map((p) => p.process)),
    haystack,
  };
}

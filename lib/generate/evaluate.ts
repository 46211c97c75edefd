import type { Finding } from '../schema/findings';
import { SEVERITIES, type Severity } from '../detect/types';
import type { AttackManifestEntry, HuntManifest } from './hunt';

export interface AttackOutcome {
  id: string;
  /** false when this export format cannot show the attack (e.g. raw-socket tools in Sysmon) */
  visible: boolean;
  rows: number;
  /** highest severity among the findings about this attack, or null */
  severity: Severity | null;
  detectors: string[];
}

export interface HuntEvaluation {
  attacks: AttackOutcome[];
  /** visible attacks with a finding at `minSeverity` or above */
  found: number;
  visible: number;
  /** registrable domains (or hosts/processes when a finding has no domain) flagged at `minSeverity`+ that belong to no attack */
  benignFlagged: string[];
}

const rank = (s: string) => SEVERITIES.indexOf(s as Severity);

/** Whether a finding is about this attack: same registrable domain, or same process on the same host. */
export function findingMatchesAttack(f: Finding, a: AttackManifestEntry): boolean {
  const e = f.entity;
  if (a.domain !== '' && e.domain === a.domain) return true;
  const sameHost = e.host === a.host || e.host === a.computer || e.host === a.client;
  if (!sameHost) return false;
  if (e.process) return e.process === a.process;
  return a.domain === '' || e.domain === undefined || e.domain === a.domain;
}

/** Scores a detection run against the generator's ground truth. */
export function evaluateHunt(findings: readonly Finding[], manifest: HuntManifest, minSeverity: Severity = 'medium'): HuntEvaluation {
  const strong = findings.filter((f) => rank(f.severity) >= rank(minSeverity));
  const attacks = manifest.attacks.map((a): AttackOutcome => {
    const mine = findings.filter((f) => findingMatchesAttack(f, a));
    const best = mine.reduce<Severity | null>((s, f) => (s === null || rank(f.severity) > rank(s) ? f.severity : s), null);
    return { id: a.id, visible: a.visible, rows: a.rows, severity: best, detectors: [...new Set(mine.map((f) => f.detector))].sort() };
  });
  const benign = new Set<string>();
  for (const f of strong) {
    if (manifest.attacks.some((a) => findingMatchesAttack(f, a))) continue;
    benign.add(f.entity.domain ?? `${f.entity.host ?? ''} ${f.entity.process ?? ''}`.trim());
  }
  const visible = attacks.filter((a) => a.visible);
  return {
    attacks,
    visible: visible.length,
    found: visible.filter((a) => a.severity !== null && rank(a.severity) >= rank(minSeverity)).length,
    benignFlagged: [...benign].sort(),
  };
}

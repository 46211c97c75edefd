import type { Finding } from '../schema/findings';
import { SEVERITIES, type Severity } from '../detect/types';

/** Findings about one process or one domain, scored together. */
export interface Suspect {
  /** stable: the smallest finding id of the group */
  id: string;
  /** "C:\…\dns_stager.exe on WS1", or the domain */
  label: string;
  processes: { host: string; process: string }[];
  domains: string[];
  hosts: string[];
  severity: Severity;
  /** 0–10: noisy-OR of the finding scores */
  score: number;
  detectors: string[];
  findings: Finding[];
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[i] !== r) {
      const next = this.parent[i] as number;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Groups findings that share a process (host + image) or a registrable domain into suspects.
 * Score: 10 × (1 − Π(1 − sᵢ/10)), so independent indicators reinforce each other without
 * exceeding 10. Severity: the highest of its findings, one level higher (at most critical) when
 * three or more different detectors agree at medium or above.
 */
export function groupSuspects(findings: readonly Finding[]): Suspect[] {
  const uf = new UnionFind(findings.length);
  const byKey = new Map<string, number>();
  findings.forEach((f, i) => {
    const keys: string[] = [];
    if (f.entity.process) keys.push(`p\u0000${f.entity.host ?? ''}\u0000${f.entity.process}`);
    else if (f.entity.host && !f.entity.domain) keys.push(`h\u0000${f.entity.host}`);
    if (f.entity.domain) keys.push(`d\u0000${f.entity.domain}`);
    for (const k of keys) {
      const j = byKey.get(k);
      if (j === undefined) byKey.set(k, i);
      else uf.union(i, j);
    }
  });
  const groups = new Map<number, Finding[]>();
  findings.forEach((f, i) => {
    const r = uf.find(i);
    const g = groups.get(r);
    if (g) g.push(f);
    else groups.set(r, [f]);
  });
  const suspects: Suspect[] = [];
  for (const group of groups.values()) suspects.push(toSuspect(group));
  suspects.sort((a, b) => b.score - a.score || rank(b.severity) - rank(a.severity) || a.id.localeCompare(b.id));
  return suspects;
}

function toSuspect(group: Finding[]): Suspect {
  const processes = new Map<string, { host: string; process: string }>();
  const domains = new Set<string>();
  const hosts = new Set<string>();
  const detectors = new Set<string>();
  const strong = new Set<string>();
  let keep = 1;
  let severity: Severity = 'info';
  for (const f of group) {
    if (f.entity.process) processes.set(`${f.entity.host ?? ''}\u0000${f.entity.process}`, { host: f.entity.host ?? '', process: f.entity.process });
    if (f.entity.domain) domains.add(f.entity.domain);
    if (f.entity.host) hosts.add(f.entity.host);
    detectors.add(f.detector);
    if (rank(f.severity) >= rank('medium')) strong.add(f.detector);
    keep *= 1 - Math.min(10, Math.max(0, f.score)) / 10;
    if (rank(f.severity) > rank(severity)) severity = f.severity;
  }
  if (strong.size >= 3) severity = SEVERITIES[Math.min(rank(severity) + 1, SEVERITIES.length - 1)] as Severity;
  const procs = [...processes.values()];
  const first = procs[0];
  const label = first
    ? `${first.process}${first.host ? ` on ${first.host}` : ''}${procs.length > 1 ? ` (+${procs.length - 1})` : ''}`
    : [...domains][0] ?? [...hosts][0] ?? '';
  const sorted = [...group].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return {
    id: [...group].map((f) => f.id).sort()[0] ?? '',
    label,
    processes: procs,
    domains: [...domains].sort(),
    hosts: [...hosts].sort(),
    severity,
    score: Math.round((1 - keep) * 100) / 10,
    detectors: [...detectors].sort(),
    findings: sorted,
  };
}

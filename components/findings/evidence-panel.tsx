'use client';

import { formatCount, formatUtc } from '@/components/ui/format';
import { Truncated } from '@/components/ui/truncated';
import type { RefFilter } from '@/lib/worker/query-protocol';
import type { SuspectRow } from '@/lib/worker/query-results';
import { EvidenceTable } from './evidence-table';
import { SeverityBadge } from './severity-badge';

/** A suspect's findings (one at a time) and the evidence rows of the chosen one. */
export function EvidencePanel({ suspect, findingId, filter, onFinding, onClose }: {
  suspect: SuspectRow;
  findingId: string | undefined;
  filter: RefFilter;
  onFinding: (id: string) => void;
  onClose: () => void;
}) {
  const finding = suspect.findings.find((f) => f.id === findingId) ?? suspect.findings[0];
  return (
    <section className="card evidence-panel" aria-labelledby="evidence-title">
      <header className="card-header">
        <h3 id="evidence-title" className="card-title">
          Evidence: <Truncated text={suspect.label} />
        </h3>
        <button type="button" className="button" onClick={onClose}>
          Close evidence
        </button>
      </header>
      <p>
        Score {suspect.score.toFixed(1)}/10 · <SeverityBadge severity={suspect.severity} /> · {formatCount(suspect.findings.length)}{' '}
        {suspect.findings.length === 1 ? 'finding' : 'findings'}
      </p>
      <div className="finding-picker" role="group" aria-label="Findings of this suspect">
        {suspect.findings.map((f) => (
          <button key={f.id} type="button" className="chip" aria-pressed={f.id === finding?.id} onClick={() => onFinding(f.id)}>
            {f.detectorTitle} · {f.score.toFixed(1)}
          </button>
        ))}
      </div>
      {finding ? (
        <>
          <dl className="facts finding-facts">
            <dt>Finding</dt>
            <dd className="raw">{finding.title}</dd>
            <dt>Detector</dt>
            <dd>
              {finding.detectorTitle} <span className="muted">({finding.detector})</span>
            </dd>
            <dt>Severity, score</dt>
            <dd>
              <SeverityBadge severity={finding.severity} /> {finding.score.toFixed(1)}/10
            </dd>
            <dt>Evidence</dt>
            <dd>
              {formatCount(finding.events)} events, {formatUtc(finding.firstSeen)} → {formatUtc(finding.lastSeen)}
            </dd>
            {(['process', 'host', 'domain', 'qname'] as const).map((k) =>
              finding.entity[k] ? (
                <EntityFact key={k} label={{ process: 'Process', host: 'Host', domain: 'Domain', qname: 'Query name' }[k]} value={finding.entity[k]} />
              ) : null,
            )}
          </dl>
          {finding.detailsJson !== '{}' ? (
            <details className="finding-details">
              <summary>Details</summary>
              <pre className="raw">{finding.detailsJson}</pre>
            </details>
          ) : null}
          <EvidenceTable key={finding.id} findingId={finding.id} filter={filter} />
        </>
      ) : null}
    </section>
  );
}

function EntityFact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="raw">{value}</dd>
    </>
  );
}

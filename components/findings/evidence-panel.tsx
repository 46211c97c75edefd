'use client';

import { formatCount, formatUtc } from '@/components/ui/format';
import { EntityLink } from '@/components/entity/entity-link';
import { ViewLink } from '@/components/ui/view-link';
import { Truncated } from '@/components/ui/truncated';
import type { RefFilter } from '@/lib/worker/query-protocol';
import type { SuspectRow, SuspectsResult } from '@/lib/worker/query-results';
import { EvidenceTable } from './evidence-table';
import { SeverityBadge } from './severity-badge';

/** A suspect's findings (one at a time) and the evidence rows of the chosen one. */
export function EvidencePanel({ suspect, findingId, filter, onFinding, onClose, entities = [], onTimeline, pages = [], onEntity }: {
  suspect: SuspectRow;
  /** the suspect's processes (or hosts) as timeline refs */
  entities?: SuspectsResult['selectedEntities'];
  onTimeline?: (entity: string) => void;
  /** the suspect's processes, domains and hosts as entity page refs */
  pages?: SuspectsResult['selectedPages'];
  onEntity?: (entity: string) => void;
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
      {onTimeline && entities.length > 0 ? (
        <ul className="timeline-links" aria-label="Timelines of this suspect">
          {entities.map((e) => (
            <li key={`${e.dim}${e.ref}`}>
              <TimelineLink entity={`${e.dim === 'process' ? 'p' : 'h'}${e.ref}`} label={e.label} onTimeline={onTimeline} many={entities.length > 1} />
            </li>
          ))}
        </ul>
      ) : null}
      {onEntity && pages.length > 0 ? (
        <ul className="timeline-links" aria-label="Entity pages of this suspect">
          {pages.map((e) => (
            <li key={`${e.dim}${e.ref}`}>
              <EntityLink dim={e.dim} entityRef={e.ref} label={e.label} onEntity={onEntity}>
                {{ process: 'Process', domain: 'Domain', host: 'Host' }[e.dim]}: {e.label === '' ? '(none)' : e.label}
              </EntityLink>
            </li>
          ))}
        </ul>
      ) : null}
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

/** A real link (it can be opened in a new tab) that switches the view in place on a plain click. */
function TimelineLink({ entity, label, many, onTimeline }: { entity: string; label: string; many: boolean; onTimeline: (entity: string) => void }) {
  return (
    <ViewLink href={`?view=timeline&ent=${entity}`} onOpen={() => onTimeline(entity)}>
      Show in timeline{many ? `: ${label}` : ''}
    </ViewLink>
  );
}

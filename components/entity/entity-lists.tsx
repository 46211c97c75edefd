'use client';

import { SeverityBadge } from '@/components/findings/severity-badge';
import { formatCount } from '@/components/ui/format';
import { ViewLink } from '@/components/ui/view-link';
import type { EntityCount, EntityResult } from '@/lib/worker/query-results';
import { EntityLink, type EntityDim } from './entity-link';

/** Names with counts; those with a ref link to their page (and processes/hosts to their timeline). */
export function CountList({ title, dim, items, onEntity, onTimeline }: {
  title: string;
  dim: EntityDim | null;
  items: readonly EntityCount[];
  onEntity: (entity: string) => void;
  onTimeline?: (entity: string) => void;
}) {
  const id = `entity-list-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="card entity-list" aria-labelledby={id}>
      <h4 id={id} className="card-title">
        {title} ({formatCount(items.length)})
      </h4>
      {items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Queries
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={`${e.ref}|${e.label}`}>
                <td className="raw">
                  {dim !== null && e.ref !== null ? <EntityLink dim={dim} entityRef={e.ref} label={e.label} onEntity={onEntity} /> : e.label === '' ? '(none)' : e.label}
                  {onTimeline && dim !== 'domain' && dim !== null && e.ref !== null ? (
                    <>
                      {' '}
                      <ViewLink
                        href={`?view=timeline&ent=${dim === 'process' ? 'p' : 'h'}${e.ref}`}
                        aria-label={`Timeline of ${e.label === '' ? '(none)' : e.label}`}
                        onOpen={() => onTimeline(`${dim === 'process' ? 'p' : 'h'}${e.ref}`)}
                      >
                        (timeline)
                      </ViewLink>
                    </>
                  ) : null}
                </td>
                <td className="num">{formatCount(e.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The findings about the entity. */
export function FindingsList({ findings }: { findings: EntityResult['findings'] }) {
  return (
    <section className="card entity-findings" aria-labelledby="entity-findings-title">
      <h4 id="entity-findings-title" className="card-title">
        Findings ({formatCount(findings.length)})
      </h4>
      {findings.length === 0 ? (
        <p className="muted">No findings.</p>
      ) : (
        <ul>
          {findings.map((f) => (
            <li key={f.id}>
              <SeverityBadge severity={f.severity} /> {f.score.toFixed(1)} · {f.detectorTitle}: <span className="raw">{f.title}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A domain's distinct answers with their record type and, for AAAA, their IANA class. */
export function AnswersTable({ answers }: { answers: EntityResult['answers'] }) {
  return (
    <section className="card entity-answers" aria-labelledby="entity-answers-title">
      <h4 id="entity-answers-title" className="card-title">
        Answers ({formatCount(answers.length)})
      </h4>
      {answers.length === 0 ? (
        <p className="muted">No answers.</p>
      ) : (
        <table className="data-table" aria-label="Answers with IANA class">
          <thead>
            <tr>
              <th scope="col">Answer</th>
              <th scope="col">Type</th>
              <th scope="col">IANA class</th>
              <th scope="col" className="num">
                Count
              </th>
            </tr>
          </thead>
          <tbody>
            {answers.map((a) => (
              <tr key={`${a.type}|${a.value}`}>
                <td className="raw">{a.value}</td>
                <td>{a.type}</td>
                <td>{a.ipv6Class ?? '—'}</td>
                <td className="num">{formatCount(a.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

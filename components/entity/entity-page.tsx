'use client';

import { formatCount } from '@/components/ui/format';
import { ViewLink } from '@/components/ui/view-link';
import { Truncated } from '@/components/ui/truncated';
import type { EntityResult } from '@/lib/worker/query-results';
import { AnswersTable, CountList, FindingsList } from './entity-lists';
import { PayloadSection } from './payload-section';
import { ProcessFacts } from './process-facts';

const NOUN = { process: 'Process', domain: 'Domain', host: 'Host' } as const;

/** The page of one entity found in the loaded data: facts, who and what it queried, answers, findings, payloads. */
export function EntityPage({ data, entity, onEntity, onTimeline }: {
  data: EntityResult & { label: string };
  /** the entity as in the URL (`p12`, `d4`, `h3`) */
  entity: string;
  onEntity: (ent: string) => void;
  onTimeline: (ent: string) => void;
}) {
  const shown = data.label === '' ? '(none)' : data.label;
  return (
    <>
      <header className="card entity-header">
        <h3 className="card-title" id="entity-title">
          {NOUN[data.dim]}: <Truncated text={shown} />
        </h3>
        <p role="status" className="muted">
          {formatCount(data.queries)} {data.queries === 1 ? 'query' : 'queries'} · {formatCount(data.findings.length)}{' '}
          {data.findings.length === 1 ? 'finding' : 'findings'}
          {data.dim !== 'domain' ? (
            <>
              {' · '}
              <ViewLink href={`?view=timeline&ent=${entity}`} onOpen={() => onTimeline(entity)}>
                Show in timeline
              </ViewLink>
            </>
          ) : null}
        </p>
        {data.dim === 'process' ? (
          <dl className="facts">
            <dt>Image</dt>
            <dd className="raw">{shown}</dd>
            <dt>PIDs</dt>
            <dd>{data.pids.join(', ') || '—'}</dd>
            <dt>ProcessGuids</dt>
            <dd className="raw">{data.guids.join(', ') || '—'}</dd>
          </dl>
        ) : null}
      </header>
      {data.dim === 'process' ? <ProcessFacts facts={data.facts} /> : null}
      <div className="entity-lists">
        {data.dim !== 'process' ? <CountList title="Processes" dim="process" items={data.processes} onEntity={onEntity} onTimeline={onTimeline} /> : null}
        {data.dim !== 'host' ? <CountList title="Hosts" dim="host" items={data.hosts} onEntity={onEntity} onTimeline={onTimeline} /> : null}
        <CountList title="Users" dim={null} items={data.users} onEntity={onEntity} />
        {data.dim !== 'domain' ? <CountList title="Top domains" dim="domain" items={data.domains} onEntity={onEntity} /> : null}
      </div>
      {data.dim === 'domain' ? <AnswersTable answers={data.answers} /> : null}
      <FindingsList findings={data.findings} />
      {data.payloads.map((p) => (
        <PayloadSection key={p.findingId} payload={p} />
      ))}
    </>
  );
}

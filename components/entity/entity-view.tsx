'use client';

import { useWorkerQuery } from '@/components/hunt/use-worker-query';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCount } from '@/components/ui/format';
import { Truncated } from '@/components/ui/truncated';
import type { SetViewState } from '@/components/workspace/use-view-state';
import { parseEntityRef, type ViewState } from '@/components/workspace/view-state';
import { AnswersTable, CountList, FindingsList } from './entity-lists';
import { PayloadSection } from './payload-section';
import { ProcessFacts } from './process-facts';

const NOUN = { process: 'Process', domain: 'Domain', host: 'Host' } as const;

/** One process image, domain or host: its facts, who and what it queried, answers and findings. */
export function EntityView({ state, setState }: { state: ViewState; setState: SetViewState }) {
  const entity = parseEntityRef(state.entity);
  const { data, error } = useWorkerQuery<'entity'>(entity ? { kind: 'entity', entity } : null);
  const onEntity = (ent: string) => setState({ view: 'entity', entity: ent }, { push: true });
  const onTimeline = (ent: string) => setState({ view: 'timeline', entity: ent });

  if (!entity) return <EmptyState title="Choose an entity">Open a process, domain or host from a suspect&apos;s evidence or the timeline.</EmptyState>;
  if (error) return <Alert title="The entity could not be shown">{error}</Alert>;
  if (!data) return <p className="muted" role="note">Loading…</p>;
  if (data.label === null) return <Alert title="Not in the loaded data">The linked entity is not in the loaded files.</Alert>;
  const shown = data.label === '' ? '(none)' : data.label;

  return (
    <div className="entity-view">
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
              <a
                href={`?view=timeline&ent=${state.entity}`}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                  e.preventDefault();
                  onTimeline(state.entity ?? '');
                }}
              >
                Show in timeline
              </a>
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
    </div>
  );
}

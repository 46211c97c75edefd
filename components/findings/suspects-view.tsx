'use client';

import { useDeferredValue, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCount } from '@/components/ui/format';
import { useHunt } from '@/components/hunt/hunt-provider';
import { useWorkerQuery } from '@/components/hunt/use-worker-query';
import { refFilter, suspectFilter, type ViewState } from '@/components/workspace/view-state';
import type { SetViewState } from '@/components/workspace/use-view-state';
import { EvidencePanel } from './evidence-panel';
import { SuspectFilters } from './suspect-filters';
import { SuspectsTable } from './suspects-table';
import { ThresholdsPanel } from './thresholds-panel';

/** How many suspects the table lists at most (the count says when there are more). */
const LIMIT = 500;

/** Suspects by score with filters and search; the chosen one opens its evidence. */
export function SuspectsView({ state, setState }: { state: ViewState; setState: SetViewState }) {
  const { events } = useHunt();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const { data, error } = useWorkerQuery<'suspects'>({
    kind: 'suspects',
    filter: suspectFilter(state, deferred),
    limit: LIMIT,
    ...(state.suspect ? { select: state.suspect } : {}),
  });
  const d = data?.detection;
  const open = (id: string) => setState({ suspect: id, finding: undefined });

  return (
    <div className="suspects-view">
      <ThresholdsPanel />
      <SuspectFilters state={state} setState={setState} facets={data} search={search} onSearch={setSearch} />
      {error ? <Alert title="Suspects could not be listed">{error}</Alert> : null}
      {d?.error ? <Alert title="Detection failed">{d.error}</Alert> : null}
      {!data || d?.status === 'pending' ? (
        <p className="muted" role="note">
          Looking for suspects in {formatCount(events)} events…
        </p>
      ) : null}
      {data && d?.status === 'ready' ? (
        data.matched === 0 ? (
          data.inView === 0 && d.suspects === 0 ? (
            <EmptyState title="No suspects">
              {d.ran} of {d.registered} detectors ran on {formatCount(events)} events and none of them found anything to report.
            </EmptyState>
          ) : (
            <EmptyState title="No suspects match these filters">
              {formatCount(d.suspects)} suspects in all; {formatCount(data.inView)} in the time range and view filters.
            </EmptyState>
          )
        ) : (
          <>
            <p className="muted">
              {formatCount(data.matched)} of {formatCount(d.suspects)} suspects
              {data.matched > data.suspects.length ? ` (the first ${formatCount(data.suspects.length)} listed)` : ''}, by score.
            </p>
            <SuspectsTable suspects={data.suspects} selected={state.suspect} onOpen={open} />
          </>
        )
      ) : null}
      {state.suspect && data?.detection.status === 'ready' && !data.selected ? (
        <Alert title="Suspect not found">The linked suspect is not among the findings of the loaded files.</Alert>
      ) : null}
      {data?.selected ? (
        <EvidencePanel
          suspect={data.selected}
          findingId={state.finding}
          filter={refFilter(state)}
          onFinding={(id) => setState({ finding: id })}
          entities={data.selectedEntities}
          onTimeline={(entity) => setState({ view: 'timeline', entity })}
          pages={data.selectedPages}
          onEntity={(entity) => setState({ view: 'entity', entity })}
          onClose={() => setState({ suspect: undefined, finding: undefined })}
        />
      ) : null}
    </div>
  );
}

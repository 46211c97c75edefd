'use client';

import { Alert } from '@/components/ui/alert';
import { useWorkerQuery } from '@/components/hunt/use-worker-query';
import { refFilter, suspectFilter, type ViewState } from '@/components/workspace/view-state';
import type { SetViewState } from '@/components/workspace/use-view-state';
import type { Query } from '@/lib/worker/query-protocol';
import { OverviewStats } from './overview-stats';
import { PivotCard } from './pivot-card';
import { TopList } from './top-list';
import { VolumeCard } from './volume-card';

/** Bars the chart may have; the worker picks a round bucket size that fits. */
const MAX_BUCKETS = 120;
const TOP = 10;

export function overviewQuery(state: ViewState): Extract<Query, { kind: 'overview' }> {
  const q: Extract<Query, { kind: 'overview' }> = { kind: 'overview', filter: refFilter(state), stackBy: state.stackBy, maxBuckets: MAX_BUCKETS, top: TOP };
  if (state.zoomFrom !== undefined && state.zoomTo !== undefined && state.zoomFrom <= state.zoomTo) q.chartRange = { from: state.zoomFrom, to: state.zoomTo };
  return q;
}

/** Volume over time, top lists, NXDOMAIN share, suspects by severity and the pivot. */
export function OverviewView({ state, setState }: { state: ViewState; setState: SetViewState }) {
  // the suspects first: the worker answers in order, and after a load both wait for detection;
  // the count is then there when the overview comes, and the page renders the overview once
  const suspects = useWorkerQuery<'suspects'>({ kind: 'suspects', filter: suspectFilter(state, ''), limit: 1 });
  const overview = useWorkerQuery<'overview'>(overviewQuery(state));
  const data = overview.data;
  return (
    <div className="overview" aria-busy={overview.loading}>
      {overview.error ? <Alert title="The overview could not be computed">{overview.error}</Alert> : null}
      {data ? (
        <>
          <OverviewStats data={data} suspects={suspects.data} />
          <VolumeCard data={data} stackBy={overview.answered?.stackBy ?? state.stackBy} state={state} setState={setState} />
          <div className="top-grid">
            <TopList id="top-processes" title="Top processes" noun="process" entries={data.top.process} selected={state.process} onPick={(ref) => setState({ process: ref, pivotPage: 0 })} />
            <TopList id="top-domains" title="Top domains" noun="domain" entries={data.top.domain} selected={state.domain} onPick={(ref) => setState({ domain: ref, pivotPage: 0 })} />
            <TopList id="top-hosts" title="Top hosts" noun="host" entries={data.top.host} selected={state.host} onPick={(ref) => setState({ host: ref, pivotPage: 0 })} />
          </div>
          <PivotCard state={state} setState={setState} />
        </>
      ) : (
        <p className="muted">Computing the overview…</p>
      )}
    </div>
  );
}

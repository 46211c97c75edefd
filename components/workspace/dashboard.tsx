'use client';

import { EntityView } from '@/components/entity/entity-view';
import { OverviewView } from '@/components/overview/overview-view';
import { SuspectsView } from '@/components/findings/suspects-view';
import { TimelineView } from '@/components/timeline/timeline-view';
import { useHunt } from '@/components/hunt/hunt-provider';
import { formatCount } from '@/components/ui/format';
import { panelId, tabId, Tabs } from '@/components/ui/tabs';
import { FilterBar } from './filter-bar';
import { useViewState } from './use-view-state';
import { serializeViewState, type View } from './view-state';

const TABS: readonly { id: View; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'suspects', label: 'Suspects' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'entity', label: 'Entity' },
];

/** The hunting views over the loaded data; which one, and what it is narrowed to, is in the URL. */
export function Dashboard() {
  const [state, setState] = useViewState();
  const { version, events, ingest } = useHunt();
  const reading = ingest.files.some((f) => f.status === 'queued' || f.status === 'reading');

  if (version === 0 || events === 0) {
    return serializeViewState(state) !== '' ? (
      <p className="note" role="note">
        This link holds a view of a hunt. Drop the same log files to restore it: nothing from the logs is kept in the link.
      </p>
    ) : null;
  }

  return (
    <section className="dashboard" aria-labelledby="dashboard-heading">
      <h2 id="dashboard-heading">Hunt</h2>
      {reading ? (
        <p className="note" role="note">
          Reading more files; the views show the {formatCount(events)} events loaded so far.
        </p>
      ) : null}
      <FilterBar state={state} setState={setState} />
      <Tabs label="Views" prefix="dash" tabs={TABS} selected={state.view} onSelect={(view) => setState({ view })} />
      <div role="tabpanel" id={panelId('dash', state.view)} aria-labelledby={tabId('dash', state.view)} tabIndex={0} className="tab-panel">
        {state.view === 'overview' ? (
          <OverviewView state={state} setState={setState} />
        ) : state.view === 'suspects' ? (
          <SuspectsView state={state} setState={setState} />
        ) : state.view === 'timeline' ? (
          <TimelineView state={state} setState={setState} />
        ) : (
          <EntityView state={state} setState={setState} />
        )}
      </div>
    </section>
  );
}

'use client';

import { useMemo, useState } from 'react';
import { EntityLink } from '@/components/entity/entity-link';
import { EntityPicker } from '@/components/entity/entity-picker';
import { EventDetail } from '@/components/findings/event-detail';
import { useWorkerQuery } from '@/components/hunt/use-worker-query';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCount } from '@/components/ui/format';
import { Truncated } from '@/components/ui/truncated';
import type { SetViewState } from '@/components/workspace/use-view-state';
import { entityParam, parseEntity, refFilter, type ViewState } from '@/components/workspace/view-state';
import type { RefFilter } from '@/lib/worker/query-protocol';
import type { TimelineResult } from '@/lib/worker/query-results';
import { TimelineChart } from './timeline-chart';
import { DomainAxisControls } from './domain-axis-controls';
import { fullWindow, inWindow, onAxis, type Window } from './timeline-data';
import { TimelineTable } from './timeline-table';
import { useDomainAxis } from './use-domain-axis';

/**
 * Points the worker sends at most (it samples past this, keeping every finding-evidence row):
 * the chart draws them on a canvas, the table lists the first few hundred.
 */
const LIMIT = 5_000;
const TIMELINE_DIMS = ['process', 'host'] as const;
const NO_POINTS: TimelineResult['points'] = [];

/** Every query of one process or host over time; a point opens its event. */
export function TimelineView({ state, setState }: { state: ViewState; setState: SetViewState }) {
  const entity = parseEntity(state.entity);
  const { data, answered, error, loading } = useWorkerQuery<'timeline'>({
    kind: 'timeline',
    ...(entity ? { entity } : {}),
    filter: timelineFilter(state),
    limit: LIMIT,
  });
  const [zoomed, setZoomed] = useState<{ key: string; window: Window } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const event = useWorkerQuery<'event'>(open === null ? null : { kind: 'event', row: open });

  // memoised: the chart redraws its canvas only when what it shows changes (not when an event opens)
  const points = data?.points ?? NO_POINTS;
  const full = useMemo(() => fullWindow(points), [points]);
  // what the data shows (not what is asked): until the answer comes the old chart stays as it is, not redrawn
  const drawn = answered?.entity ? entityParam(answered.entity.dim, answered.entity.ref) : '';
  const key = `${drawn}|${answered?.filter.from}|${answered?.filter.to}|${data?.total}`;
  const window = zoomed?.key === key ? zoomed.window : full;
  const domainAxis = useDomainAxis(data, key);
  const shown = domainAxis.axis.shown;
  const visible = useMemo(() => onAxis(inWindow(points, window), shown), [points, window, shown]);
  const shownEvent = open !== null && event.data?.event?.row === open ? event.data.event : null;

  return (
    <div className="timeline-view">
      <EntityPicker
        dims={TIMELINE_DIMS}
        label="Timeline entity"
        value={entity ? state.entity : undefined}
        currentLabel={data?.label}
        onChange={(e) => {
          setOpen(null);
          setState({ entity: e });
        }}
      />
      {error ? <Alert title="The timeline could not be drawn">{error}</Alert> : null}
      {!data ? <p className="muted" role="note">Loading the timeline…</p> : null}
      {data && !entity ? <EmptyState title="Choose a process or host">The timeline shows every query of one process or host over time.</EmptyState> : null}
      {data && entity && data.label === null ? <Alert title="Not in the loaded data">The linked process or host is not in the loaded files.</Alert> : null}
      {data && entity && data.label !== null ? (
        <section className="card timeline-card" aria-labelledby="timeline-title">
          <header className="card-header">
            <h3 id="timeline-title" className="card-title">
              Timeline: <Truncated text={data.label === '' ? '(no process)' : data.label} />
            </h3>
            <EntityLink dim={entity.dim} entityRef={entity.ref} label={data.label} onEntity={(ent) => setState({ view: 'entity', entity: ent })}>
              Open {entity.dim} page
            </EntityLink>
          </header>
          <p className="muted" role="status">
            {plural(data.total, 'query', 'queries')}, {plural(data.domains.length, 'domain', 'domains')}, {plural(data.findings.length, 'finding', 'findings')}
            {data.sampled ? `; ${formatCount(data.points.length)} drawn, sampled evenly (every finding's evidence kept)` : ''}.
          </p>
          {window && full ? (
            <>
              <DomainAxisControls state={domainAxis} />
              <TimelineChart
                points={visible}
                domains={data.domains}
                axis={domainAxis.axis.shown}
                window={window}
                full={full}
                drawKey={drawn}
                onWindow={(w) => setZoomed({ key, window: w })}
                onPageDomains={(step) => domainAxis.setPage(domainAxis.axis.page + step)}
                onOpen={setOpen}
              />
              {shownEvent ? (
                <section className="card timeline-event" aria-label="Timeline event">
                  <header className="card-header">
                    <h4 className="card-title">Event</h4>
                    <Button onClick={() => setOpen(null)}>Close event</Button>
                  </header>
                  <EventDetail row={shownEvent} />
                </section>
              ) : null}
              <TimelineTable data={data} points={visible} loading={loading} selected={open} onOpen={setOpen} />
            </>
          ) : (
            <EmptyState title="No queries">No queries of this entity in the time range.</EmptyState>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** The view filter's keys the timeline honours: time, statuses and record types. */
function timelineFilter(state: ViewState): RefFilter {
  const { from, to, statuses, qtypes } = refFilter(state);
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), ...(statuses ? { statuses } : {}), ...(qtypes ? { qtypes } : {}) };
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

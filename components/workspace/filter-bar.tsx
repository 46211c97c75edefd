'use client';

import { Button } from '@/components/ui/button';
import { Truncated } from '@/components/ui/truncated';
import { useWorkerQuery } from '@/components/hunt/use-worker-query';
import { TimeRangeForm } from './time-range-form';
import type { SetViewState } from './use-view-state';
import { refFilter, type ViewState } from './view-state';

const CHIPS = [
  { dim: 'host', label: 'Host' },
  { dim: 'process', label: 'Process' },
  { dim: 'domain', label: 'Domain' },
] as const;

/** What every view is narrowed to: the time range, and any host, process or domain picked. */
export function FilterBar({ state, setState }: { state: ViewState; setState: SetViewState }) {
  const { data } = useWorkerQuery<'filter-labels'>({ kind: 'filter-labels', filter: refFilter(state) });
  const active = CHIPS.filter((c) => state[c.dim] !== undefined);
  return (
    <section className="filter-bar" aria-label="View filters">
      <TimeRangeForm
        key={`${state.from}|${state.to}`}
        from={state.from}
        to={state.to}
        placeholder={data?.dataRange ?? null}
        onApply={(from, to) => setState({ from, to, pivotPage: 0, ...(from === undefined && to === undefined ? { zoomFrom: undefined, zoomTo: undefined } : {}) })}
      />
      {active.length > 0 ? (
        <ul className="chips" aria-label="Active filters">
          {active.map((c) => {
            const name = data?.[c.dim];
            const text = name === undefined ? '…' : name === null ? `#${state[c.dim]} (not in the loaded data)` : name;
            return (
              <li key={c.dim} className="chip">
                <span className="chip-label">{c.label}:</span> <Truncated text={text} className="chip-value" />
                <button type="button" className="chip-remove" aria-label={`Remove the ${c.label.toLowerCase()} filter`} onClick={() => setState({ [c.dim]: undefined, pivotPage: 0 })}>
                  ×
                </button>
              </li>
            );
          })}
          {active.length > 1 ? (
            <li>
              <Button onClick={() => setState({ host: undefined, process: undefined, domain: undefined, pivotPage: 0 })}>Remove all</Button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}

'use client';

import { useWorkerQuery } from '@/components/hunt/use-worker-query';
import { CodeFilter } from './code-filter';
import { CODE_DIMS } from './code-names';
import { FilterChips } from './filter-chips';
import { TimeRangeForm } from './time-range-form';
import type { SetViewState } from './use-view-state';
import { refFilter, toggleCode, type ViewState } from './view-state';

/** What every view is narrowed to: the time range, statuses, record types, and any host, process or domain picked. */
export function FilterBar({ state, setState }: { state: ViewState; setState: SetViewState }) {
  const { data } = useWorkerQuery<'filter-labels'>({ kind: 'filter-labels', filter: refFilter(state) });
  return (
    <section className="filter-bar" aria-label="View filters">
      <TimeRangeForm
        key={`${state.from}|${state.to}`}
        from={state.from}
        to={state.to}
        placeholder={data?.dataRange ?? null}
        onApply={(from, to) => setState({ from, to, pivotPage: 0, ...(from === undefined && to === undefined ? { zoomFrom: undefined, zoomTo: undefined } : {}) })}
      />
      {CODE_DIMS.map((c) => (
        <CodeFilter
          key={c.dim}
          dim={c.dim}
          label={c.label}
          options={data?.[c.dim] ?? []}
          selected={state[c.dim]}
          onToggle={(code) => setState({ [c.dim]: toggleCode(state[c.dim], code), pivotPage: 0 })}
        />
      ))}
      <FilterChips state={state} setState={setState} labels={data} />
    </section>
  );
}

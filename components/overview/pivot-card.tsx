'use client';

import { useId } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCount } from '@/components/ui/format';
import { Pager } from '@/components/ui/pager';
import { Truncated } from '@/components/ui/truncated';
import { useWorkerQuery } from '@/components/hunt/use-worker-query';
import { PIVOT_PAGE_SIZES, refFilter, type ViewState } from '@/components/workspace/view-state';
import type { SetViewState } from '@/components/workspace/use-view-state';
import { PIVOT_DIMENSIONS, type PivotDimension } from '@/lib/worker/query-protocol';

export const DIM_LABELS: Readonly<Record<PivotDimension, string>> = {
  qname: 'Query name',
  domain: 'Domain',
  answers: 'Answers',
  host: 'Host',
  user: 'User',
  process: 'Process',
};

/** `stats count by …`: regroup the events in view by any of the dimensions, largest groups first. */
export function PivotCard({ state, setState }: { state: ViewState; setState: SetViewState }) {
  const sizeId = useId();
  const dims = state.dims;
  const { data, error, loading } = useWorkerQuery<'pivot'>({
    kind: 'pivot',
    filter: refFilter(state),
    dims: [...dims],
    offset: state.pivotPage * state.pivotSize,
    limit: state.pivotSize,
  });
  const toggle = (d: PivotDimension, on: boolean) => {
    const next = on ? [...dims, d] : dims.filter((x) => x !== d);
    if (next.length > 0) setState({ dims: next, pivotPage: 0 });
  };
  const caption = `Events grouped by ${dims.map((d) => DIM_LABELS[d].toLowerCase()).join(', ')}`;

  return (
    <Card id="pivot" title="Pivot" busy={loading}>
      <div className="toolbar">
        <fieldset className="checks">
          <legend>Group by</legend>
          {PIVOT_DIMENSIONS.map((d) => (
            <label key={d} className="check">
              <input type="checkbox" checked={dims.includes(d)} disabled={dims.length === 1 && dims[0] === d} onChange={(e) => toggle(d, e.target.checked)} />
              {DIM_LABELS[d]}
            </label>
          ))}
        </fieldset>
        <label htmlFor={sizeId} className="inline-field">
          Groups per page
          <select id={sizeId} value={state.pivotSize} onChange={(e) => setState({ pivotSize: Number(e.target.value) as ViewState['pivotSize'], pivotPage: 0 })}>
            {PIVOT_PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? <Alert title="The pivot could not be computed">{error}</Alert> : null}
      {data && data.total === 0 ? <EmptyState title="No events in view" /> : null}
      {data && data.total > 0 ? (
        <>
          <div className="table-scroll">
            <table className="data-table pivot-table">
              <caption className="visually-hidden">{caption}</caption>
              <thead>
                <tr>
                  {dims.map((d) => (
                    <th key={d} scope="col">
                      {DIM_LABELS[d]}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Events
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r, i) => (
                  <tr key={`${data.offset + i}`}>
                    {r.keys.map((k, j) => (
                      <td key={j}>{k === '' ? <span className="muted">(empty)</span> : <Truncated text={k} />}</td>
                    ))}
                    <td className="num">{formatCount(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager label="Pivot pages" page={state.pivotPage} pageSize={state.pivotSize} total={data.total} onPage={(p) => setState({ pivotPage: p })} />
        </>
      ) : null}
    </Card>
  );
}

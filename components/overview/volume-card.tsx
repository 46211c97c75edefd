'use client';

import { useCallback, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatUtcMs } from '@/components/ui/format';
import { Segmented } from '@/components/ui/segmented';
import { codeOfName } from '@/components/workspace/code-names';
import { toggleCode, type ViewState } from '@/components/workspace/view-state';
import type { SetViewState } from '@/components/workspace/use-view-state';
import type { OverviewResult } from '@/lib/worker/query-results';
import { describeBucket } from './chart-data';
import { VolumeChart } from './volume-chart';

const STACKS = [
  { value: 'status', label: 'Status' },
  { value: 'qtype', label: 'Record type' },
] as const;

/**
 * Query volume over time: stack toggle, zoom, and the brush that sets the time range of every view.
 * `stackBy` is what `data` is stacked by: the chart keeps it until the answer for a new stack
 * mode arrives, so a switch draws the bars once.
 */
export function VolumeCard({ data, stackBy, state, setState }: { data: OverviewResult; stackBy: ViewState['stackBy']; state: ViewState; setState: SetViewState }) {
  const s = data.series;
  const zoomed = state.zoomFrom !== undefined && state.zoomTo !== undefined;
  const ranged = state.from !== undefined || state.to !== undefined;
  const canZoom = ranged && !(state.zoomFrom === state.from && state.zoomTo === state.to);
  const latest = {
    onRange: (r: { from: number; to: number } | null) =>
      setState(r ? { from: r.from, to: r.to, pivotPage: 0 } : zoomed ? { from: state.zoomFrom, to: state.zoomTo, pivotPage: 0 } : { from: undefined, to: undefined, pivotPage: 0 }),
    onPickKey: (key: string) => {
      const dim = stackBy === 'status' ? 'statuses' : 'qtypes';
      const code = codeOfName(dim, key);
      if (code !== undefined) setState({ [dim]: toggleCode(state[dim], code), pivotPage: 0 });
    },
  };
  // the latest handlers behind stable callbacks, so the memoised chart is not redrawn for them
  const handlers = useRef(latest);
  useEffect(() => {
    handlers.current = latest;
  });
  const onRange = useCallback((r: { from: number; to: number } | null) => handlers.current.onRange(r), []);
  const onPickKey = useCallback((key: string) => handlers.current.onPickKey(key), []);

  return (
    <Card
      id="volume"
      title="Query volume over time"
      actions={
        <div className="toolbar">
          <Segmented legend="Stack by" options={STACKS} value={state.stackBy} onChange={(v) => setState({ stackBy: v })} />
          <Button
            onClick={() => setState({ zoomFrom: state.from ?? data.dataRange?.first, zoomTo: state.to ?? data.dataRange?.last })}
            disabled={!canZoom}
          >
            Zoom to range
          </Button>
          <Button onClick={() => setState({ zoomFrom: undefined, zoomTo: undefined })} disabled={!zoomed}>
            Zoom out
          </Button>
        </div>
      }
    >
      <p className="muted chart-caption" id="volume-caption">
        {s.buckets > 0
          ? `${s.buckets} bars of ${describeBucket(s.bucketMs)} (UTC) from ${formatUtcMs(s.start)}. Drag the handles under the chart, or focus one and press the arrow keys, to narrow every view to a time range. Click a legend entry to narrow them to that ${stackBy === 'status' ? 'status' : 'record type'} (or use the filters above).`
          : 'No events to chart.'}
      </p>
      {s.buckets > 0 ? (
        <figure className="chart" aria-labelledby="volume-title" aria-describedby="volume-caption">
          <VolumeChart series={s} stackBy={stackBy} from={state.from} to={state.to} onRange={onRange} onPickKey={onPickKey} />
        </figure>
      ) : null}
    </Card>
  );
}

'use client';

import { memo, useEffect, useMemo, useRef } from 'react';
import { Bar, BarChart, Brush, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartRows, indexesToRange, rangeToIndexes, seriesKey, type Series } from './chart-data';
import { PALETTE, STATUS_COLORS } from '@/components/ui/series-colors';


/** How long the brush must rest before the range is applied to every view, ms. */
const SETTLE_MS = 400;
/** Brush changes while the pointer is down on the chart, or this long after a key or pointer release on it, are the user's, ms. */
const INPUT_MS = 600;

export interface VolumeChartProps {
  series: Series;
  stackBy: 'status' | 'qtype';
  from?: number;
  to?: number;
  /** the brush settled on a range (null: the whole chart) */
  onRange: (range: { from: number; to: number } | null) => void;
  /** a legend entry (status or record type name) was clicked */
  onPickKey: (key: string) => void;
}

/** Stacked query volume with a brush under it; the series is computed by the worker. */
/**
 * Memoised: while a new answer is on its way the chart keeps its series and is not drawn again
 * (callers pass stable callbacks), so a filter change redraws the bars once, not twice.
 */
export const VolumeChart = memo(function VolumeChart({ series, stackBy, from, to, onRange, onPickKey }: VolumeChartProps) {
  const rows = useMemo(() => chartRows(series), [series]);
  const { startIndex, endIndex } = rangeToIndexes(series, from, to);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // the brush also reports changes made by its props (a range typed elsewhere): only act on input
  const lastInput = useRef(-Infinity);
  const pointerDown = useRef(false);
  const onKey = () => {
    lastInput.current = performance.now();
  };
  const onPointerDown = () => {
    pointerDown.current = true;
    const up = () => {
      pointerDown.current = false;
      lastInput.current = performance.now();
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
    };
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  };
  const byUser = () => pointerDown.current || performance.now() - lastInput.current < INPUT_MS;

  // the range moved (applied from here or set elsewhere): drop brush work still pending
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, [startIndex, endIndex]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const onBrush = ({ startIndex: s, endIndex: e }: { startIndex: number; endIndex: number }) => {
    if (!byUser()) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (s === startIndex && e === endIndex) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      lastInput.current = -Infinity; // this input is used up: echoes of the new range are not the user's
      onRange(indexesToRange(series, s, e));
    }, SETTLE_MS);
  };

  const color = (key: string, i: number) => (stackBy === 'status' ? (STATUS_COLORS[key] ?? PALETTE[i % PALETTE.length]) : PALETTE[i % PALETTE.length]);
  const axis = { fill: 'var(--muted)', fontSize: 12 };

  return (
    <div className="chart-box" onPointerDownCapture={onPointerDown} onKeyDownCapture={onKey}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={rows}
          margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
          barCategoryGap={1}
          title={`DNS queries per bar, stacked by ${stackBy === 'status' ? 'status' : 'record type'}`}
          desc="Left and right arrow keys move between bars and read their counts."
        >
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" tick={axis} minTickGap={28} stroke="var(--border)" />
          <YAxis allowDecimals={false} tick={axis} width={52} stroke="var(--border)" />
          <Tooltip
            cursor={{ fill: 'var(--hover)' }}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
            labelStyle={{ color: 'var(--text)' }}
          />
          <Legend wrapperStyle={{ fontSize: 13, cursor: 'pointer' }} onClick={(entry) => entry.value !== undefined && onPickKey(entry.value)} />
          {series.series.map((s, i) => (
            <Bar key={s.key} dataKey={seriesKey(s.key)} name={s.key} stackId="volume" fill={color(s.key, i)} isAnimationActive={false} />
          ))}
          {rows.length > 1 ? (
            // Remounted when the bucket count changes: recharts hands the brush the new controlled
            // indexes one render before its store holds the new data, and an index past the old
            // data has no position (NaN travellers and console errors while a second file loads).
            <Brush
              key={rows.length}
              dataKey="label"
              startIndex={startIndex}
              endIndex={endIndex}
              height={30}
              travellerWidth={10}
              stroke="var(--accent)"
              fill="var(--surface)"
              onChange={onBrush}
            />
          ) : null}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
});

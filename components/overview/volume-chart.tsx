'use client';

import { memo, useEffect, useMemo, useRef } from 'react';
import { BarChart, Brush, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, useXAxisScale, useYAxisScale } from 'recharts';
import { formatCount } from '@/components/ui/format';
import { chartRows, indexesToRange, maxStack, niceCeil, rangeToIndexes, stackPaths, type ChartRow, type Series } from './chart-data';
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

/**
 * The stacked bars, one path per series, placed with the chart's own scales. Recharts' <Bar>
 * draws every segment as a component of its own: with 120 buckets and up to eight series that
 * was most of the cost of a filter change.
 */
function StackedBars({ series, rows, colors }: { series: Series; rows: readonly ChartRow[]; colors: readonly string[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const paths = useMemo(() => {
    if (!x || !y) return [];
    const band = (i: number) => {
      const label = rows[i]?.label;
      const start = label === undefined ? undefined : x(label, { position: 'start' });
      const end = label === undefined ? undefined : x(label, { position: 'end' });
      // 1 px apart, as barCategoryGap={1} drew them
      return start === undefined || end === undefined ? null : { x: start + 1, width: end - start - 2 };
    };
    return stackPaths(series, band, (v) => y(v) ?? 0);
  }, [series, rows, x, y]);
  return (
    <g className="volume-bars">
      {paths.map((d, i) => (d === '' ? null : <path key={i} d={d} fill={colors[i]} />))}
    </g>
  );
}

/** The legend: one button per series (a click narrows every view to it). */
function VolumeLegend({ series, colors, onPickKey }: { series: Series; colors: readonly string[]; onPickKey: (key: string) => void }) {
  return (
    <ul className="volume-legend">
      {series.series.map((s, i) => (
        <li key={s.key}>
          <button type="button" className="volume-legend-item" onClick={() => onPickKey(s.key)}>
            <span className="volume-swatch" style={{ background: colors[i] }} aria-hidden="true" />
            {s.key}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The tooltip: the bar's time and its count per series, from the chart rows by label. */
function VolumeTooltip({ active, label, byLabel, series, colors }: { active?: boolean; label?: unknown; byLabel: ReadonlyMap<string, number>; series: Series; colors: readonly string[] }) {
  const i = typeof label === 'string' ? byLabel.get(label) : undefined;
  if (!active || i === undefined) return null;
  return (
    <div className="volume-tooltip">
      <p className="volume-tooltip-label">{String(label)}</p>
      <ul>
        {series.series.map((s, k) =>
          (s.counts[i] ?? 0) > 0 ? (
            <li key={s.key} style={{ color: colors[k] }}>
              {s.key}: {formatCount(s.counts[i] ?? 0)}
            </li>
          ) : null,
        )}
      </ul>
    </div>
  );
}

/** Stacked query volume with a brush under it; the series is computed by the worker. */
/**
 * Memoised: while a new answer is on its way the chart keeps its series and is not drawn again
 * (callers pass stable callbacks), so a filter change redraws the bars once, not twice.
 */
export const VolumeChart = memo(function VolumeChart({ series, stackBy, from, to, onRange, onPickKey }: VolumeChartProps) {
  const rows = useMemo(() => chartRows(series), [series]);
  const top = useMemo(() => niceCeil(maxStack(series)), [series]);
  const byLabel = useMemo(() => new Map(rows.map((r, i) => [r.label, i])), [rows]);
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

  const colors = useMemo(
    () => series.series.map((s, i) => (stackBy === 'status' ? (STATUS_COLORS[s.key] ?? PALETTE[i % PALETTE.length]) : PALETTE[i % PALETTE.length]) ?? 'var(--series-1)'),
    [series, stackBy],
  );
  const axis = { fill: 'var(--muted)', fontSize: 12 };

  return (
    <div className="chart-box" onPointerDownCapture={onPointerDown} onKeyDownCapture={onKey}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={rows}
          margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
          title={`DNS queries per bar, stacked by ${stackBy === 'status' ? 'status' : 'record type'}`}
          desc="Left and right arrow keys move between bars and read their counts."
        >
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" tick={axis} minTickGap={28} stroke="var(--border)" />
          <YAxis type="number" domain={[0, top]} allowDataOverflow allowDecimals={false} tick={axis} width={52} stroke="var(--border)" />
          <Tooltip cursor={{ fill: 'var(--hover)' }} content={<VolumeTooltip byLabel={byLabel} series={series} colors={colors} />} />
          <Legend wrapperStyle={{ fontSize: 13 }} content={<VolumeLegend series={series} colors={colors} onPickKey={onPickKey} />} />
          <StackedBars series={series} rows={rows} colors={colors} />
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

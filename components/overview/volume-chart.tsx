'use client';

import { memo, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatCount } from '@/components/ui/format';
import { PALETTE, STATUS_COLORS } from '@/components/ui/series-colors';
import { useBoxSize } from '@/components/ui/use-box-size';
import { bucketLabels, indexesToRange, maxStack, niceCeil, rangeToIndexes, stackPaths, type Series } from './chart-data';
import { VolumeBrush } from './volume-brush';
import { band, barAt, labelIndexes, plotArea, valueTicks, yOf, type Span } from './volume-geometry';

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

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
/** A value axis tick: "1,200", or "250K" where the full number would not fit the axis. */
const tickText = (v: number) => (v >= 100_000 ? COMPACT.format(v) : formatCount(v));

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

/** The counts of bar `i` per series, the non-zero ones. */
const countsAt = (series: Series, i: number) => series.series.flatMap((s, k) => ((s.counts[i] ?? 0) > 0 ? [{ key: s.key, k, n: s.counts[i] ?? 0 }] : []));

/** The bar picked by the pointer or the keyboard (announced only for the keyboard). */
interface Active {
  i: number;
  by: 'pointer' | 'key';
}

/**
 * Stacked query volume with a brush under it, drawn as plain SVG (one path per series); the
 * series is computed by the worker. Memoised: while a new answer is on its way the chart keeps
 * its series and is not drawn again (callers pass stable callbacks), so a filter change redraws
 * it once.
 */
export const VolumeChart = memo(function VolumeChart({ series, stackBy, from, to, onRange, onPickKey }: VolumeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useBoxSize(box, true);
  const id = useId();
  const n = series.buckets;
  const labels = useMemo(() => bucketLabels(series), [series]);
  const top = useMemo(() => niceCeil(maxStack(series)), [series]);
  const plot = useMemo(() => plotArea(width, height), [width, height]);
  const paths = useMemo(() => stackPaths(series, (i) => band(plot, n, i), (v) => yOf(plot, top, v)), [series, plot, n, top]);
  const ticks = useMemo(() => valueTicks(top), [top]);
  const shown = useMemo(() => labelIndexes(labels, plot, width), [labels, plot, width]);
  const colors = useMemo(
    () => series.series.map((s, i) => (stackBy === 'status' ? (STATUS_COLORS[s.key] ?? PALETTE[i % PALETTE.length]) : PALETTE[i % PALETTE.length]) ?? 'var(--series-1)'),
    [series, stackBy],
  );
  const { startIndex, endIndex } = rangeToIndexes(series, from, to);
  const onSettle = ({ start, end }: Span) => onRange(indexesToRange(series, start, end));

  const [picked, setPicked] = useState<Active | null>(null);
  const active = picked && picked.i < n ? picked : null;
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const y = e.clientY - r.top;
    const i = y >= plot.top && y <= plot.top + plot.height ? barAt(plot, n, e.clientX - r.left) : null;
    if (i !== (active?.by === 'pointer' ? active.i : null)) setPicked(i === null ? null : { i, by: 'pointer' });
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const at = active?.i;
    const next = { ArrowLeft: at === undefined ? n - 1 : at - 1, ArrowRight: at === undefined ? 0 : at + 1, Home: 0, End: n - 1 }[e.key];
    if (e.key === 'Escape') setPicked(null);
    if (next === undefined) return;
    e.preventDefault();
    setPicked({ i: Math.max(0, Math.min(n - 1, next)), by: 'key' });
  };

  const bottom = plot.top + plot.height;
  const slot = plot.width / Math.max(1, n);
  const counts = active ? countsAt(series, active.i) : [];
  const said = active?.by === 'key' ? `${labels[active.i] ?? ''}: ${counts.map((c) => `${c.key} ${formatCount(c.n)}`).join(', ') || 'no queries'}` : '';
  const tipLeft = active ? plot.left + (active.i + 0.5) * slot : 0;
  return (
    <div className="chart-box">
      <div className="volume-plot" ref={box}>
        {width > 0 ? (
          <svg
            className="volume-svg"
            width={width}
            height={height}
            tabIndex={0}
            role="application"
            aria-labelledby={`${id}-title`}
            aria-describedby={`${id}-desc`}
            onPointerMove={onPointerMove}
            onPointerLeave={() => setPicked((p) => (p?.by === 'pointer' ? null : p))}
            onKeyDown={onKey}
            onBlur={() => setPicked((p) => (p?.by === 'key' ? null : p))}
          >
            <title id={`${id}-title`}>{`DNS queries per bar, stacked by ${stackBy === 'status' ? 'status' : 'record type'}`}</title>
            <desc id={`${id}-desc`}>Left and right arrow keys move between bars and read their counts.</desc>
            <g className="volume-grid">
              {ticks.map((v) => (
                <line key={v} x1={plot.left} x2={plot.left + plot.width} y1={yOf(plot, top, v)} y2={yOf(plot, top, v)} />
              ))}
            </g>
            {active ? <rect className="volume-hover" x={plot.left + active.i * slot} y={plot.top} width={slot} height={plot.height} /> : null}
            <g className="volume-bars">{paths.map((d, i) => (d === '' ? null : <path key={i} d={d} fill={colors[i]} />))}</g>
            <g className="volume-axis">
              <line x1={plot.left} x2={plot.left + plot.width} y1={bottom} y2={bottom} />
              <line x1={plot.left} x2={plot.left} y1={plot.top} y2={bottom} />
              {ticks.map((v) => (
                <text key={v} x={plot.left - 8} y={yOf(plot, top, v)} textAnchor="end" dominantBaseline="central">
                  {tickText(v)}
                </text>
              ))}
              {shown.map((i) => (
                <text key={i} x={plot.left + (i + 0.5) * slot} y={bottom + 16} textAnchor="middle">
                  {labels[i]}
                </text>
              ))}
            </g>
          </svg>
        ) : null}
        {active ? (
          <div className="volume-tooltip" aria-hidden="true" style={tipLeft > width / 2 ? { right: width - tipLeft + 12 } : { left: tipLeft + 12 }}>
            <p className="volume-tooltip-label">{labels[active.i]}</p>
            <ul>
              {counts.map((c) => (
                <li key={c.key} style={{ color: colors[c.k] }}>
                  {c.key}: {formatCount(c.n)}
                </li>
              ))}
              {counts.length === 0 ? <li className="muted">No queries</li> : null}
            </ul>
          </div>
        ) : null}
      </div>
      {n > 1 && width > 0 ? <VolumeBrush labels={labels} startIndex={startIndex} endIndex={endIndex} area={plot} width={width} onSettle={onSettle} /> : null}
      <VolumeLegend series={series} colors={colors} onPickKey={onPickKey} />
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  );
});

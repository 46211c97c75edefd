'use client';

import { memo, useMemo, useRef, useState, type MouseEvent } from 'react';
import { formatUtcMs } from '@/components/ui/format';
import { STATUS_COLORS } from '@/components/ui/series-colors';
import type { TimelinePoint } from '@/lib/worker/query-results';
import type { Window } from './timeline-data';
import { chartHeight, hitGrid, type HitGrid, nearest, plotArea, tickLabel, timeTicks, xOf, yOf } from './plot-geometry';
import { usePointCanvas, useWidth, type Dot } from './use-point-canvas';

const ANOMALOUS = 'var(--danger, #d62728)';
/** How far from a point a click or hover still finds it, px. */
const HIT_RADIUS = 6;

interface Placed {
  x: number;
  y: number;
  item: TimelinePoint;
}

const colorOf = (pt: TimelinePoint) => STATUS_COLORS[pt.status] ?? 'var(--series-1)';
const isSpecial = (pt: TimelinePoint) => pt.validity === 'anomalous' || pt.findings.length > 0;

/** A special point, drawn as SVG so it can be clicked (and found) as an element: a diamond for an anomalous answer, a ring for finding evidence. */
function Mark({ x, y, point }: { x: number; y: number; point: TimelinePoint }) {
  return (
    <g data-row={point.row}>
      {point.validity === 'anomalous' ? (
        <path d={`M${x} ${y - 6}L${x + 6} ${y}L${x} ${y + 6}L${x - 6} ${y}Z`} fill={colorOf(point)} stroke={ANOMALOUS} strokeWidth={2} />
      ) : (
        <circle cx={x} cy={y} r={4} fill={colorOf(point)} />
      )}
      {point.findings.length > 0 ? <circle cx={x} cy={y} r={9} fill="none" stroke="var(--accent)" strokeWidth={1.5} /> : null}
    </g>
  );
}

/**
 * The plot of the timeline: SVG axes and grid, the ordinary points on a canvas (thousands of
 * SVG elements took seconds to draw), the special ones as SVG elements above it. A click opens
 * the point under the pointer (the nearest within a few px); hovering shows its time, domain
 * and status.
 */
export const TimelinePlot = memo(function TimelinePlot({ points, domains, axis, window, drawKey, onOpen }: {
  points: readonly TimelinePoint[];
  domains: readonly string[];
  axis: readonly number[];
  window: Window;
  /** names what is drawn (the entity): set on the canvas as `data-for` once drawn */
  drawKey: string;
  onOpen: (row: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const width = useWidth(box);
  const height = chartHeight(axis.length);
  const plot = useMemo(() => plotArea(width, height, window, axis.length), [width, height, window, axis.length]);
  const placed = useMemo(() => {
    const position = new Map(axis.map((d, i) => [d, i]));
    const out: Placed[] = [];
    for (const pt of points) {
      const row = position.get(pt.domainIndex);
      if (row !== undefined && pt.time >= window.lo && pt.time <= window.hi) out.push({ x: xOf(plot, pt.time), y: yOf(plot, row), item: pt });
    }
    return out;
  }, [points, axis, window, plot]);
  const dots = useMemo(() => placed.filter((p) => !isSpecial(p.item)).map((p): Dot => ({ x: p.x, y: p.y, color: colorOf(p.item) })), [placed]);
  const grid = useMemo(() => hitGrid(placed, HIT_RADIUS * 2), [placed]);
  usePointCanvas(canvas, { dots, width, height, drawn: placed.length, drawKey });
  // the point under the pointer, for the grid it was found in (a redraw drops it)
  const [hovered, setHovered] = useState<{ grid: HitGrid<Placed>; at: Placed } | null>(null);
  const hover = hovered?.grid === grid ? hovered.at : null;

  const at = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const row = (e.target as Element).closest('[data-row]')?.getAttribute('data-row');
    if (row !== null && row !== undefined) return onOpen(Number(row));
    const { x, y } = at(e);
    const hit = nearest(grid, x, y, HIT_RADIUS);
    if (hit) onOpen(hit.item.row);
  };
  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const { x, y } = at(e);
    const hit = nearest(grid, x, y, HIT_RADIUS);
    if (hit !== hover) setHovered(hit ? { grid, at: hit } : null);
  };

  const marks = useMemo(() => placed.filter((p) => isSpecial(p.item)), [placed]);
  const ticks = useMemo(() => timeTicks(window, plot.width), [window, plot.width]);
  const bottom = plot.top + plot.height;
  return (
    <div ref={box} className="timeline-plot" style={{ height, cursor: hover ? 'pointer' : undefined }} onClick={onClick} onMouseMove={onMove} onMouseLeave={() => setHovered(null)}>
      {width > 0 ? (
        <svg className="timeline-axes" width={width} height={height} aria-hidden="true">
          <g className="timeline-grid">
            {axis.map((_, i) => (
              <line key={i} x1={plot.left} x2={plot.left + plot.width} y1={yOf(plot, i)} y2={yOf(plot, i)} />
            ))}
            {ticks.map((t) => (
              <line key={t} x1={xOf(plot, t)} x2={xOf(plot, t)} y1={plot.top} y2={bottom} />
            ))}
          </g>
          <line className="timeline-axis-line" x1={plot.left} x2={plot.left + plot.width} y1={bottom} y2={bottom} />
          <line className="timeline-axis-line" x1={plot.left} x2={plot.left} y1={plot.top} y2={bottom} />
          {axis.map((d, i) => (
            <text key={d} className="timeline-y-tick" x={plot.left - 6} y={yOf(plot, i)} textAnchor="end" dominantBaseline="middle">
              {domains[d] ?? ''}
            </text>
          ))}
          {ticks.map((t) => (
            <text key={t} className="timeline-x-tick" x={xOf(plot, t)} y={bottom + 16} textAnchor="middle">
              {tickLabel(t, window)}
            </text>
          ))}
        </svg>
      ) : null}
      <canvas ref={canvas} className="timeline-canvas" style={{ width, height }} aria-hidden="true" />
      {width > 0 ? (
        <svg className="timeline-marks" width={width} height={height}>
          {marks.map((p) => (
            <Mark key={p.item.row} x={p.x} y={p.y} point={p.item} />
          ))}
        </svg>
      ) : null}
      {hover ? (
        <div className="timeline-tooltip" role="tooltip" style={{ left: Math.min(hover.x + 12, Math.max(0, width - 260)), top: hover.y + 12 }}>
          <div>{formatUtcMs(hover.item.time)}</div>
          <div className="raw">{domains[hover.item.domainIndex] ?? ''}</div>
          <div>
            {hover.item.status}
            {hover.item.validity === 'anomalous' ? ', anomalous answer' : ''}
            {hover.item.findings.length > 0 ? `, evidence of ${hover.item.findings.length} finding${hover.item.findings.length === 1 ? '' : 's'}` : ''}
          </div>
        </div>
      ) : null}
    </div>
  );
});

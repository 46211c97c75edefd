'use client';

import type { KeyboardEvent, MouseEvent } from 'react';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { Button } from '@/components/ui/button';
import { formatUtcMs } from '@/components/ui/format';
import type { TimelinePoint } from '@/lib/worker/query-results';
import { byStatus, pan, zoom, type Window } from './timeline-data';
import { STATUS_COLORS } from '@/components/ui/series-colors';

const ANOMALOUS = 'var(--danger, #d62728)';

interface Datum {
  x: number;
  y: number;
  point: TimelinePoint;
}

/**
 * One point: a dot in its status colour; a diamond for an anomalous answer; a ring for finding
 * evidence. One component for every render (clicks are handled by the chart, from `data-row`),
 * so React updates the points instead of remounting thousands of them.
 */
function Mark(props: unknown) {
  const p = props as { cx?: number; cy?: number; fill?: string; payload?: Datum };
  if (p.cx === undefined || p.cy === undefined || !p.payload) return <g />;
  const { cx, cy, payload } = p;
  const pt = payload.point;
  return (
    <g style={{ cursor: 'pointer' }} data-row={pt.row}>
      {pt.validity === 'anomalous' ? (
        <path d={`M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z`} fill={p.fill} stroke={ANOMALOUS} strokeWidth={2} />
      ) : (
        <circle cx={cx} cy={cy} r={4} fill={p.fill} />
      )}
      {pt.findings.length > 0 ? <circle cx={cx} cy={cy} r={9} fill="none" stroke="var(--accent)" strokeWidth={1.5} /> : null}
    </g>
  );
}

/** Every query of the entity: time × registrable domain; zoom and pan by buttons or keys, page the domains by keys. */
export function TimelineChart({ points, domains, axis, window, full, onWindow, onPageDomains, onOpen }: {
  points: readonly TimelinePoint[];
  domains: readonly string[];
  /** indices into `domains` on the y axis, top to bottom; points of other domains are not drawn */
  axis: readonly number[];
  window: Window;
  full: Window;
  onWindow: (w: Window) => void;
  /** Page Up / Page Down on the chart: -1 or +1 page of domains */
  onPageDomains: (step: -1 | 1) => void;
  onOpen: (row: number) => void;
}) {
  const position = new Map(axis.map((d, i) => [d, i]));
  // only what can be seen: points of the domains on the axis, inside the time window
  const series = [...byStatus(points.filter((pt) => position.has(pt.domainIndex) && pt.time >= window.lo && pt.time <= window.hi))];
  const height = Math.min(980, Math.max(220, axis.length * 22 + 90));
  const tick = { fill: 'var(--muted)', fontSize: 12 };
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const row = (e.target as Element).closest('[data-row]')?.getAttribute('data-row');
    if (row !== null && row !== undefined) onOpen(Number(row));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      onPageDomains(e.key === 'PageUp' ? -1 : 1);
      return;
    }
    const next = { '+': zoom(window, 0.5, full), '=': zoom(window, 0.5, full), '-': zoom(window, 2, full), ArrowLeft: pan(window, -0.25, full), ArrowRight: pan(window, 0.25, full), '0': full }[e.key];
    if (!next) return;
    e.preventDefault();
    onWindow(next);
  };
  return (
    <figure className="timeline-figure" aria-label="Queries over time by domain">
      <div className="timeline-controls" role="group" aria-label="Zoom and pan">
        <Button onClick={() => onWindow(pan(window, -0.25, full))}>← Pan left</Button>
        <Button onClick={() => onWindow(zoom(window, 0.5, full))}>Zoom in</Button>
        <Button onClick={() => onWindow(zoom(window, 2, full))}>Zoom out</Button>
        <Button onClick={() => onWindow(pan(window, 0.25, full))}>Pan right →</Button>
        <Button onClick={() => onWindow(full)}>Reset zoom</Button>
        <span className="muted">
          {formatUtcMs(window.lo)} → {formatUtcMs(window.hi)}
        </span>
      </div>
      <div
        className="timeline-chart"
        style={{ height }}
        tabIndex={0}
        role="application"
        aria-label="Timeline chart: + and − zoom, Left and Right arrows pan, 0 resets, Page Up and Page Down page the domains"
        onKeyDown={onKey}
        onClick={onClick}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis
              type="number"
              dataKey="x"
              domain={[window.lo, window.hi]}
              allowDataOverflow
              tick={tick}
              stroke="var(--border)"
              tickFormatter={(v: number) => formatUtcMs(v).slice(11)}
            />
            <YAxis
              type="number"
              dataKey="y"
              domain={[-0.5, Math.max(0.5, axis.length - 0.5)]}
              ticks={axis.map((_, i) => i)}
              interval={0}
              reversed
              width={180}
              tick={tick}
              stroke="var(--border)"
              tickFormatter={(i: number) => domains[axis[i] ?? -1] ?? ''}
            />
            <Tooltip
              cursor={{ strokeDasharray: '3 3' }}
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
              formatter={(value, name) => (name === 'x' ? formatUtcMs(Number(value)) : name === 'y' ? (domains[axis[Number(value)] ?? -1] ?? '') : String(value))}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            {series.map(([status, list]) => (
              <Scatter
                key={status}
                name={status}
                data={list.map((point): Datum => ({ x: point.time, y: position.get(point.domainIndex) ?? -1, point }))}
                fill={STATUS_COLORS[status] ?? 'var(--series-1)'}
                shape={Mark}
                isAnimationActive={false}
              />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">
        Colour: status. ◆ with a red edge: anomalous answer (AAAA outside allocated IPv6 space, or evidence of a finding). Ring: evidence of a finding.
      </figcaption>
    </figure>
  );
}

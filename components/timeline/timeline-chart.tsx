'use client';

import { useMemo, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/button';
import { formatUtcMs } from '@/components/ui/format';
import { STATUS_COLORS } from '@/components/ui/series-colors';
import type { TimelinePoint } from '@/lib/worker/query-results';
import { pan, zoom, type Window } from './timeline-data';
import { TimelinePlot } from './timeline-plot';

/** Every query of the entity: time × registrable domain; zoom and pan by buttons or keys, page the domains by keys. */
export function TimelineChart({ points, domains, axis, window, full, drawKey, onWindow, onPageDomains, onOpen }: {
  points: readonly TimelinePoint[];
  domains: readonly string[];
  /** indices into `domains` on the y axis, top to bottom; points of other domains are not drawn */
  axis: readonly number[];
  window: Window;
  full: Window;
  /** names the entity drawn (see TimelinePlot) */
  drawKey: string;
  onWindow: (w: Window) => void;
  /** Page Up / Page Down on the chart: -1 or +1 page of domains */
  onPageDomains: (step: -1 | 1) => void;
  onOpen: (row: number) => void;
}) {
  const statuses = useMemo(() => {
    const present = new Set<string>(points.map((p) => p.status));
    return Object.keys(STATUS_COLORS).filter((st) => present.has(st));
  }, [points]);
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
        tabIndex={0}
        role="application"
        aria-label="Timeline chart: + and − zoom, Left and Right arrows pan, 0 resets, Page Up and Page Down page the domains"
        onKeyDown={onKey}
      >
        <TimelinePlot points={points} domains={domains} axis={axis} window={window} drawKey={drawKey} onOpen={onOpen} />
      </div>
      <ul className="timeline-legend" aria-label="Status colours">
        {statuses.map((st) => (
          <li key={st}>
            <span className="timeline-swatch" style={{ background: STATUS_COLORS[st] }} aria-hidden="true" />
            {st}
          </li>
        ))}
      </ul>
      <figcaption className="muted">
        Colour: status. ◆ with a red edge: anomalous answer (AAAA outside allocated IPv6 space, or evidence of a finding). Ring: evidence of a finding.
      </figcaption>
    </figure>
  );
}

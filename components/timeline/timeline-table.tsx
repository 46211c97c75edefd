'use client';

import { memo } from 'react';
import { formatCount, isoUtc } from '@/components/ui/format';
import type { TimelinePoint, TimelineResult } from '@/lib/worker/query-results';
import { usePainted } from './use-painted';

/** Rows the table lists at most (the chart shows them all). */
const MAX_ROWS = 500;
/** Rows drawn with the chart; the rest follow once it is painted (laying out 500 rows took longer than the chart). */
const FIRST_ROWS = 30;

const generations = new WeakMap<object, number>();
let lastGeneration = 0;
/** A number per list of points (its row groups' keys). */
function generation(points: object): number {
  let g = generations.get(points);
  if (g === undefined) {
    g = ++lastGeneration;
    generations.set(points, g);
  }
  return g;
}

/** The points in view as a table: the keyboard way to the chart (Enter on a time opens its event). */
export const TimelineTable = memo(function TimelineTable({ data, points, loading, selected, onOpen }: {
  data: TimelineResult;
  points: TimelineResult['points'];
  /** newer points are asked for: the rest of the rows go now, while the worker answers, not when the answer comes */
  loading: boolean;
  selected: number | null;
  onOpen: (row: number) => void;
}) {
  const shown = points.slice(0, MAX_ROWS);
  // the first rows at once, the others after the frame that shows the chart; each part a row
  // group of its own, replaced whole when the points change (removing rows one by one from a long
  // table took longer than building them)
  const settled = usePainted(points) && !loading;
  const g = generation(points);
  const row = (p: TimelinePoint) => (
    <tr key={p.row} role="row" data-time={p.time} data-validity={p.validity} aria-selected={p.row === selected}>
      <td role="cell">
        <button type="button" className="link-button" onClick={() => onOpen(p.row)}>
          {isoUtc(p.time)}
        </button>
      </td>
      <td role="cell" className="raw">
        {data.domains[p.domainIndex] ?? ''}
      </td>
      <td role="cell">{p.status}</td>
      <td role="cell">{p.validity}</td>
      <td role="cell" title={p.findings.map((i) => data.findings[i]?.title ?? '').join('\n')}>{p.findings.length === 0 ? '' : formatCount(p.findings.length)}</td>
    </tr>
  );
  return (
    <>
      <p className="muted timeline-points-count">
        {formatCount(points.length)} points in view
        {points.length > shown.length ? ` (the first ${formatCount(shown.length)} listed; zoom in for the rest)` : ''}.
      </p>
      <div className="table-scroll timeline-table-box">
        {/* rows laid out as grids, so the ones scrolled out of the box skip layout and paint
            (content-visibility); the roles keep the table's semantics whatever its CSS display */}
        <table role="table" className="data-table timeline-table" aria-label="Timeline points">
          <thead role="rowgroup">
            <tr role="row">
              <th role="columnheader" scope="col">Time (UTC)</th>
              <th role="columnheader" scope="col">Domain</th>
              <th role="columnheader" scope="col">Status</th>
              <th role="columnheader" scope="col">Answer</th>
              <th role="columnheader" scope="col">Findings</th>
            </tr>
          </thead>
          <tbody role="rowgroup" key={`${g}-first`}>
            {shown.slice(0, FIRST_ROWS).map(row)}
          </tbody>
          {settled && shown.length > FIRST_ROWS ? (
            <tbody role="rowgroup" key={`${g}-rest`}>
              {shown.slice(FIRST_ROWS).map(row)}
            </tbody>
          ) : null}
        </table>
      </div>
    </>
  );
});

'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { BRUSH_H, keyMove, moveEnd, shiftSpan, TRAVELLER_W, travellerIndex, travellerX, type Area, type Span } from './volume-geometry';

/** How long the brush must rest before its span is applied, ms. */
const SETTLE_MS = 400;

interface Drag {
  what: keyof Span | 'span';
  pointerX: number;
  from: Span;
}

/** A span moved by the user, for the span it was moved from (a new span from the props drops it). */
interface Draft {
  span: Span;
  base: string;
}

/**
 * The brush under the bars: two travellers (sliders) and the span between them, over the
 * bars' extent. Drags and keys move a draft span; `onSettle` gets it once it rested SETTLE_MS.
 * Only user input moves it, so a range set elsewhere (new props) is never sent back.
 */
export function VolumeBrush({ labels, startIndex, endIndex, area, width, onSettle }: {
  labels: readonly string[];
  startIndex: number;
  endIndex: number;
  area: Pick<Area, 'left' | 'width'>;
  width: number;
  onSettle: (span: Span) => void;
}) {
  const n = labels.length;
  const base = `${n}:${startIndex}:${endIndex}`;
  const [draft, setDraft] = useState<Draft | null>(null);
  const span = draft?.base === base ? draft.span : { start: startIndex, end: endIndex };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const drag = useRef<Drag | null>(null);
  const settle = useRef(onSettle);
  useEffect(() => {
    settle.current = onSettle;
  });
  // the span moved (applied from here or set elsewhere): drop a change still waiting
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, [base]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const change = (next: Span) => {
    if (next.start === span.start && next.end === span.end) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const back = next.start === startIndex && next.end === endIndex;
    setDraft(back ? null : { span: next, base });
    if (back) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      settle.current(next);
    }, SETTLE_MS);
  };

  const onDown = (what: Drag['what']) => (e: PointerEvent<SVGElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { what, pointerX: e.clientX, from: span };
  };
  const onMove = (e: PointerEvent<SVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.pointerX;
    if (d.what === 'span') {
      const step = n > 1 ? (area.width - TRAVELLER_W) / (n - 1) : 1;
      change(shiftSpan(d.from, Math.round(dx / step), n));
    } else change(moveEnd(d.from, d.what, travellerIndex(area, n, travellerX(area, n, d.from[d.what]) + dx), n));
  };
  const onUp = (e: PointerEvent<SVGElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    drag.current = null;
  };
  const onKey = (which: keyof Span) => (e: KeyboardEvent<SVGElement>) => {
    const next = keyMove(span, which, e.key, n);
    if (!next) return;
    e.preventDefault();
    change(next);
  };

  const sx = travellerX(area, n, span.start);
  const ex = travellerX(area, n, span.end);
  const pointer = { onPointerMove: onMove, onPointerUp: onUp, onPointerCancel: onUp };
  const traveller = (which: keyof Span, x: number) => (
    <g
      className="volume-traveller"
      role="slider"
      tabIndex={0}
      aria-label={which === 'start' ? 'Range start' : 'Range end'}
      aria-valuemin={0}
      aria-valuemax={n - 1}
      aria-valuenow={span[which]}
      aria-valuetext={labels[span[which]] ?? ''}
      onPointerDown={onDown(which)}
      onKeyDown={onKey(which)}
      {...pointer}
    >
      <rect x={x} y={0} width={TRAVELLER_W} height={BRUSH_H} />
      <line x1={x + 3} x2={x + TRAVELLER_W - 3} y1={BRUSH_H / 2 - 2} y2={BRUSH_H / 2 - 2} />
      <line x1={x + 3} x2={x + TRAVELLER_W - 3} y1={BRUSH_H / 2 + 2} y2={BRUSH_H / 2 + 2} />
    </g>
  );
  return (
    <svg className="volume-brush" width={width} height={BRUSH_H}>
      <rect className="volume-brush-back" x={area.left + 0.5} y={0.5} width={Math.max(0, area.width - 1)} height={BRUSH_H - 1} />
      <rect className="volume-brush-span" x={sx + TRAVELLER_W} y={0} width={Math.max(0, ex - sx - TRAVELLER_W)} height={BRUSH_H} onPointerDown={onDown('span')} {...pointer} />
      {draft?.base === base ? (
        <text className="volume-brush-text" x={area.left + area.width / 2} y={BRUSH_H / 2} textAnchor="middle" dominantBaseline="central">
          {labels[span.start]} → {labels[span.end]}
        </text>
      ) : null}
      {traveller('start', sx)}
      {traveller('end', ex)}
    </svg>
  );
}

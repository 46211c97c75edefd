'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualColumn<T> {
  key: string;
  header: string;
  /** CSS grid track, e.g. "12rem" or "minmax(10rem, 1fr)" */
  width: string;
  render: (row: T) => ReactNode;
}

export interface VirtualTableProps<T> {
  label: string;
  columns: readonly VirtualColumn<T>[];
  rowCount: number;
  /** a loaded row, or undefined while it is being fetched */
  rowAt: (index: number) => T | undefined;
  /** called with the rows [start, end) that are (about to be) visible */
  onRangeChange?: (start: number, end: number) => void;
  /** Enter or a click on a row */
  onOpenRow?: (index: number) => void;
  /** px; every row has this height */
  rowHeight?: number;
  /** px of the scrolling body */
  height?: number;
  overscan?: number;
  openIndex?: number | null;
}

/**
 * A table that renders only the rows in view (plus a few around them) inside a spacer of the
 * full height, so a million rows cost as much as thirty. Rows are focusable: arrows, Page Up/
 * Down, Home and End move between them and Enter opens one; the focused row stays rendered.
 */
export function VirtualTable<T>({ label, columns, rowCount, rowAt, onRangeChange, onOpenRow, rowHeight = 30, height = 360, overscan = 6, openIndex = null }: VirtualTableProps<T>) {
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [focused, setFocused] = useState(0);
  const visible = Math.ceil(height / rowHeight);
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(rowCount, Math.floor(scrollTop / rowHeight) + visible + overscan);
  const grid = columns.map((c) => c.width).join(' ');

  useEffect(() => {
    onRangeChange?.(start, end);
  }, [start, end, onRangeChange]);

  useEffect(() => {
    if (focused >= rowCount && rowCount > 0) setFocused(rowCount - 1);
  }, [focused, rowCount]);

  const focusRow = (i: number) => {
    const idx = Math.max(0, Math.min(rowCount - 1, i));
    setFocused(idx);
    const el = body.current;
    if (el) {
      const top = idx * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    }
    // the row is rendered on the next frame if it was outside the window
    requestAnimationFrame(() => body.current?.querySelector<HTMLElement>(`[data-index="${idx}"]`)?.focus());
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, i: number) => {
    const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, PageDown: i + visible, PageUp: i - visible, Home: 0, End: rowCount - 1 };
    const to = moves[e.key];
    if (to !== undefined) {
      e.preventDefault();
      focusRow(to);
    } else if (e.key === 'Enter' && onOpenRow) {
      e.preventDefault();
      onOpenRow(i);
    }
  };

  const indices: number[] = [];
  for (let i = start; i < end; i++) indices.push(i);
  if (rowCount > 0 && (focused < start || focused >= end) && focused < rowCount) indices.push(focused);

  return (
    <div role="table" aria-label={label} aria-rowcount={rowCount + 1} className="vtable">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="vtable-row vtable-head" style={{ gridTemplateColumns: grid }}>
          {columns.map((c) => (
            <span role="columnheader" key={c.key} className="vtable-cell">
              {c.header}
            </span>
          ))}
        </div>
      </div>
      <div ref={body} role="rowgroup" className="vtable-body" style={{ height }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: rowCount * rowHeight, position: 'relative' }}>
          {indices.map((i) => {
            const row = rowAt(i);
            return (
              <div
                key={i}
                role="row"
                data-index={i}
                aria-rowindex={i + 2}
                aria-current={openIndex === i ? true : undefined}
                tabIndex={i === focused ? 0 : -1}
                className={openIndex === i ? 'vtable-row vtable-open' : 'vtable-row'}
                style={{ gridTemplateColumns: grid, height: rowHeight, transform: `translateY(${i * rowHeight}px)` }}
                onFocus={() => setFocused(i)}
                onKeyDown={(e) => onKeyDown(e, i)}
                onClick={() => onOpenRow?.(i)}
              >
                {row === undefined ? (
                  <span role="cell" className="vtable-cell muted">
                    Loading…
                  </span>
                ) : (
                  columns.map((c) => (
                    <span role="cell" key={c.key} className="vtable-cell">
                      {c.render(row)}
                    </span>
                  ))
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

'use client';

import { useRef, type KeyboardEvent } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
export const panelId = (prefix: string, id: string) => `${prefix}-panel-${id}`;

/**
 * A tab list (WAI-ARIA tabs, automatic activation): Left/Right/Home/End move between tabs and
 * select them; only the selected tab is in the Tab order.
 */
export function Tabs<T extends string>({ label, prefix, tabs, selected, onSelect }: {
  label: string;
  prefix: string;
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect: (id: T) => void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.id === selected);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    list.current?.querySelector<HTMLElement>(`#${tabId(prefix, next.id)}`)?.focus();
  };
  return (
    <div ref={list} role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={tabId(prefix, t.id)}
          aria-selected={t.id === selected}
          aria-controls={panelId(prefix, t.id)}
          tabIndex={t.id === selected ? 0 : -1}
          className="tab"
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/**
 * For a link that switches the view in place (and so removes itself): moves focus to the tab
 * panel around it first, so keyboard and screen-reader users land in the new view instead of on
 * <body>. The panel stays mounted across views; only its content changes.
 */
export function focusEnclosingTabPanel(from: Element): void {
  from.closest<HTMLElement>('[role="tabpanel"]')?.focus({ preventScroll: true });
}

'use client';

import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { parseViewState, serializeViewState, type ViewState } from './view-state';

export type SetViewState = (patch: Partial<ViewState>, opts?: { push?: boolean }) => void;

const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('popstate', onChange);
  };
}

const search = () => window.location.search;
const noSearch = () => '';

/**
 * The view and selection, read from and written to the URL's query string. Writes re-render at
 * once (controls never lag behind the URL). A change of view adds a history entry, so Back
 * returns to the previous view; other changes replace the entry.
 */
export function useViewState(): [ViewState, SetViewState] {
  const text = useSyncExternalStore(subscribe, search, noSearch);
  const state = useMemo(() => parseViewState(new URLSearchParams(text)), [text]);

  const set = useCallback<SetViewState>((patch, opts) => {
    const current = parseViewState(new URLSearchParams(window.location.search));
    const qs = serializeViewState({ ...current, ...patch });
    const url = `${window.location.pathname}${qs ? `?${qs}` : ''}${window.location.hash}`;
    const push = opts?.push ?? (patch.view !== undefined && patch.view !== current.view);
    // the entry's own state goes with the new URL: Next's router keeps its route tree in it, and
    // leaves a write that carries it alone. A write without it makes the router "restore" the
    // URL (a re-render of the whole app and a second history write, ~15 ms a change) for a query
    // string it does not route on. Back still reaches the router (popstate), as before.
    const entry: unknown = window.history.state;
    if (push) window.history.pushState(entry, '', url);
    else window.history.replaceState(entry, '', url);
    for (const l of listeners) l();
  }, []);

  return [state, set];
}

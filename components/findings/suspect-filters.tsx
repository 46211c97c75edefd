'use client';

import { useId } from 'react';
import { SEVERITIES } from '@/lib/detect/types';
import type { ViewState } from '@/components/workspace/view-state';
import type { SetViewState } from '@/components/workspace/use-view-state';
import type { SuspectsResult } from '@/lib/worker/query-results';

const BY_RANK = [...SEVERITIES].reverse();

/** Minimum severity, detector and host (in the URL), and a search (kept out of the URL). */
export function SuspectFilters({ state, setState, facets, search, onSearch }: {
  state: ViewState;
  setState: SetViewState;
  facets: SuspectsResult | null;
  search: string;
  onSearch: (text: string) => void;
}) {
  const ids = { sev: useId(), det: useId(), host: useId(), search: useId() };
  const detectors = facets?.detectors ?? [];
  const hosts = facets?.hosts ?? [];
  return (
    <div className="toolbar filters" role="group" aria-label="Suspect filters">
      <label htmlFor={ids.sev} className="inline-field">
        Minimum severity
        <select id={ids.sev} value={state.severity ?? ''} onChange={(e) => setState({ severity: (e.target.value || undefined) as ViewState['severity'] })}>
          <option value="">any</option>
          {BY_RANK.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={ids.det} className="inline-field">
        Detector
        <select id={ids.det} value={state.detector ?? ''} onChange={(e) => setState({ detector: e.target.value || undefined })}>
          <option value="">any</option>
          {state.detector && !detectors.some((d) => d.id === state.detector) ? <option value={state.detector}>{state.detector}</option> : null}
          {detectors.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title} ({d.count})
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={ids.host} className="inline-field">
        Host
        <select id={ids.host} value={state.host ?? ''} onChange={(e) => setState({ host: e.target.value === '' ? undefined : Number(e.target.value) })}>
          <option value="">any</option>
          {state.host !== undefined && !hosts.some((h) => h.ref === state.host) ? <option value={state.host}>host #{state.host}</option> : null}
          {hosts.map((h) => (
            <option key={h.ref} value={h.ref}>
              {h.label} ({h.count})
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={ids.search} className="inline-field grow">
        Search suspects
        <input id={ids.search} type="search" value={search} maxLength={256} placeholder="process, domain, host, indicator…" onChange={(e) => onSearch(e.target.value)} />
      </label>
    </div>
  );
}

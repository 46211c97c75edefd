'use client';

import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/components/ui/format';
import { AXIS_PAGE_SIZES } from './timeline-data';
import type { DomainAxisState } from './use-domain-axis';

/** What the domain axis shows: a search, the page size and paging, and what is off-screen. */
export function DomainAxisControls({ state }: { state: DomainAxisState }) {
  const { axis, search, size, setSearch, setSize, setPage } = state;
  const id = useId();
  const last = axis.first + axis.shown.length;
  return (
    <div className="timeline-controls domain-axis-controls" role="group" aria-label="Domain axis">
      <label htmlFor={`${id}-search`}>Filter domains</label>
      <input id={`${id}-search`} type="search" value={search} maxLength={256} onChange={(e) => setSearch(e.target.value)} />
      <label htmlFor={`${id}-size`}>Domains per page</label>
      <select id={`${id}-size`} value={size} onChange={(e) => setSize(Number(e.target.value))}>
        {AXIS_PAGE_SIZES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <Button onClick={() => setPage(axis.page - 1)} disabled={axis.page === 0}>
        ↑ Previous domains
      </Button>
      <Button onClick={() => setPage(axis.page + 1)} disabled={axis.page >= axis.pages - 1}>
        Next domains ↓
      </Button>
      <span className="muted" role="status">
        {axis.shown.length > 0 ? `Domains ${formatCount(axis.first + 1)}–${formatCount(last)} of ${formatCount(axis.matched)}${search.trim() !== '' ? ' matching' : ''}` : 'No domain matches'}
        {`; ${formatCount(axis.offscreen)} off-screen`}
        {axis.offscreenEvidence > 0 ? `, ${formatCount(axis.offscreenEvidence)} of them with finding evidence` : ''}.
      </span>
    </div>
  );
}

'use client';

import { useCallback, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { formatCount } from '@/components/ui/format';
import { VirtualTable } from '@/components/ui/virtual-table';
import { useHunt } from '@/components/hunt/hunt-provider';
import { usePagedRows } from '@/components/hunt/use-paged-rows';
import type { RefFilter } from '@/lib/worker/query-protocol';
import type { EventRow } from '@/lib/worker/query-results';
import { EventDetail } from './event-detail';
import { EVIDENCE_COLUMNS } from './evidence-columns';

const ROW_HEIGHT = 30;
const MAX_HEIGHT = 420;

/**
 * Every row a finding rests on, in time order, fetched from the worker page by page as the
 * table scrolls. Narrowed to the view's filter unless the analyst asks for all of them.
 */
export function EvidenceTable({ findingId, filter }: { findingId: string; filter: RefFilter }) {
  const { client, version, detectionRuns } = useHunt();
  const [all, setAll] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [counts, setCounts] = useState<{ total: number; all: number } | null>(null);
  const filterKey = JSON.stringify(all ? null : filter);

  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      if (!client) throw new Error('The worker is not running.');
      const f = JSON.parse(filterKey) as RefFilter | null;
      const { result } = await client.query<'finding-rows'>({ kind: 'finding-rows', findingId, offset, limit, ...(f ? { filter: f } : {}) });
      setCounts({ total: result.total, all: result.all });
      return { total: result.total, rows: result.rows };
    },
    [client, findingId, filterKey],
  );
  const key = `${findingId}|${filterKey}|${version}|${detectionRuns}`;
  const rows = usePagedRows<EventRow>(client ? fetchPage : null, key);
  const openRow = open === null ? undefined : rows.rowAt(open);
  const narrowed = counts !== null && counts.total < counts.all;

  return (
    <div className="evidence">
      <div className="toolbar">
        <p className="muted" role="note">
          {counts === null
            ? 'Loading evidence…'
            : narrowed
              ? `${formatCount(counts.total)} of ${formatCount(counts.all)} rows of this finding are in view.`
              : `${formatCount(counts.all)} ${counts.all === 1 ? 'row' : 'rows'} of this finding${all ? ' (filters ignored)' : ''}.`}
        </p>
        <label className="check">
          <input type="checkbox" checked={all} onChange={(e) => { setAll(e.target.checked); setOpen(null); }} />
          Show every row of the finding, ignoring the time range and filters
        </label>
      </div>
      {rows.error ? <Alert title="Evidence rows could not be loaded">{rows.error}</Alert> : null}
      <VirtualTable
        label="Evidence rows"
        columns={EVIDENCE_COLUMNS}
        rowCount={rows.total ?? 0}
        rowAt={rows.rowAt}
        onRangeChange={rows.request}
        onOpenRow={setOpen}
        openIndex={open}
        height={Math.min(MAX_HEIGHT, Math.max(3, rows.total ?? 0) * ROW_HEIGHT)}
        rowHeight={ROW_HEIGHT}
      />
      {openRow ? <EventDetail row={openRow} /> : <p className="muted">Select a row (Enter or click) to see all of its values.</p>}
    </div>
  );
}

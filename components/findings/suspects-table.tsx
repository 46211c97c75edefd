'use client';

import { useState, type KeyboardEvent } from 'react';
import { formatCount } from '@/components/ui/format';
import { Truncated } from '@/components/ui/truncated';
import type { SuspectRow } from '@/lib/worker/query-results';
import { SeverityBadge } from './severity-badge';

/**
 * One row per suspect, by score. The table is one Tab stop: arrows move between rows, Enter
 * (or a click) opens a suspect's evidence.
 */
export function SuspectsTable({ suspects, selected, onOpen }: { suspects: readonly SuspectRow[]; selected: string | undefined; onOpen: (id: string) => void }) {
  const [focused, setFocused] = useState<string | null>(null);
  const tabStop = suspects.some((s) => s.id === focused) ? focused : suspects.some((s) => s.id === selected) ? selected : suspects[0]?.id;
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(id);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const row = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
      (row as HTMLElement | null)?.focus();
    }
  };
  return (
    <div className="table-scroll">
      <table className="data-table suspects-table">
        <caption className="visually-hidden">Suspects by score; press Enter on a row to open its evidence</caption>
        <thead>
          <tr>
            <th scope="col" className="num">Score</th>
            <th scope="col">Severity</th>
            <th scope="col">Suspect</th>
            <th scope="col">Indicators</th>
            <th scope="col">Hosts</th>
            <th scope="col" className="num">Findings</th>
          </tr>
        </thead>
        <tbody>
          {suspects.map((s) => (
            <tr
              key={s.id}
              tabIndex={s.id === tabStop ? 0 : -1}
              onFocus={() => setFocused(s.id)}
              className={s.id === selected ? 'row-open' : undefined}
              aria-current={s.id === selected ? true : undefined}
              data-suspect={s.id}
              onClick={() => onOpen(s.id)}
              onKeyDown={(e) => onKeyDown(e, s.id)}
            >
              <td className="num">{s.score.toFixed(1)}</td>
              <td>
                <SeverityBadge severity={s.severity} />
              </td>
              <td className="cell-wide">
                <Truncated text={s.label} />
              </td>
              <td>
                <Truncated text={s.detectors.map((d) => d.title).join(', ')} />
              </td>
              <td>
                <Truncated text={s.hosts.join(', ')} />
              </td>
              <td className="num">{formatCount(s.findings.length)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

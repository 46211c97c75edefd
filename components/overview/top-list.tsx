'use client';

import { EmptyState } from '@/components/ui/empty-state';
import { formatCount } from '@/components/ui/format';
import { Truncated } from '@/components/ui/truncated';
import type { TopEntry } from '@/lib/worker/query-results';

/**
 * The most frequent values of one dimension with their counts. Each is a toggle button: on,
 * it narrows every view to that value.
 */
export function TopList({ id, title, noun, entries, selected, onPick }: {
  id: string;
  title: string;
  /** "process", "domain", "host": names the filter for assistive technology */
  noun: string;
  entries: readonly TopEntry[];
  selected: number | undefined;
  onPick: (ref: number | undefined) => void;
}) {
  return (
    <section className="card top-list" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card-title">
        {title}
      </h3>
      {entries.length === 0 ? (
        <EmptyState title="None in view" />
      ) : (
        <ol className="top-items">
          {entries.map((e) => {
            const on = e.ref === selected;
            return (
              <li key={e.ref}>
                <button
                  type="button"
                  className={on ? 'top-item top-item-on' : 'top-item'}
                  aria-pressed={on}
                  aria-label={`${on ? 'Stop filtering by' : 'Filter by'} ${noun} ${e.label} (${formatCount(e.count)} events)`}
                  onClick={() => onPick(on ? undefined : e.ref)}
                >
                  <Truncated text={e.label} className="top-label" />
                  <span className="top-count">{formatCount(e.count)}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

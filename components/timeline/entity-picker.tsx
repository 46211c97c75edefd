'use client';

import { useId, useState } from 'react';
import type { TimelineResult } from '@/lib/worker/query-results';

/** Options listed at most per group (the search narrows them). */
const MAX_OPTIONS = 300;

/** Choose a process image or host: a search box narrowing a select. */
export function EntityPicker({ choices, value, onChange }: {
  choices: TimelineResult['choices'];
  value: string | undefined;
  onChange: (entity: string) => void;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const options = (prefix: 'p' | 'h', labels: readonly string[]) =>
    labels
      .map((label, ref) => ({ value: `${prefix}${ref}`, label }))
      .filter((o) => o.value === value || needle === '' || o.label.toLowerCase().includes(needle))
      .slice(0, MAX_OPTIONS);
  const processes = options('p', choices.process);
  const hosts = options('h', choices.host);
  return (
    <div className="entity-picker" role="group" aria-label="Timeline entity">
      <label htmlFor={`${id}-search`}>Search processes and hosts</label>
      <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={256} />
      <label htmlFor={`${id}-select`}>Process or host</label>
      <select id={`${id}-select`} value={value ?? ''} onChange={(e) => e.target.value !== '' && onChange(e.target.value)}>
        <option value="">Choose a process or host…</option>
        <optgroup label="Processes">
          {processes.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label === '' ? '(no process)' : o.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Hosts">
          {hosts.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}

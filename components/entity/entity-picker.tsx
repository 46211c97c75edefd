'use client';

import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useWorkerQuery } from '@/components/hunt/use-worker-query';
import { formatCount } from '@/components/ui/format';
import { entityParam } from '@/components/workspace/view-state';
import type { RefDimension } from '@/lib/worker/query-protocol';

/** Options listed at most per group (the search narrows them). */
const MAX_OPTIONS = 300;

const NOUNS: Readonly<Record<RefDimension, { one: string; many: string; group: string }>> = {
  process: { one: 'process', many: 'processes', group: 'Processes' },
  domain: { one: 'domain', many: 'domains', group: 'Domains' },
  host: { one: 'host', many: 'hosts', group: 'Hosts' },
};

/** `a and b`, `a, b and c`; `joiner` replaces "and". */
function listOf(words: readonly string[], joiner: string): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${joiner} ${words[words.length - 1]}`;
}

/**
 * Choose a process image, domain or host (of the dimensions given): a search box narrowing a
 * select, both labelled. The worker does the search, so any number of values can be offered.
 * The current choice stays listed whatever the search.
 */
export function EntityPicker({ dims, value, currentLabel, label, onChange }: {
  dims: readonly RefDimension[];
  /** the chosen entity as in the URL (`p12`, `d4`, `h3`) */
  value: string | undefined;
  /** its name, when known */
  currentLabel?: string | null;
  /** accessible name of the group */
  label: string;
  onChange: (entity: string) => void;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const { data } = useWorkerQuery<'entity-choices'>({ kind: 'entity-choices', dims: [...dims], search: deferred.trim().slice(0, 256), limit: MAX_OPTIONS });
  const selectLabel = listOf(dims.map((d, i) => (i === 0 ? NOUNS[d].one.replace(/^./, (c) => c.toUpperCase()) : NOUNS[d].one)), 'or');
  const groups = data?.groups ?? [];
  const listed = groups.some((g) => g.entries.some((e) => entityParam(g.dim, e.ref) === value));
  // the same elements while the choices are the same: hundreds of options are not compared again on each render of the view
  const options = useMemo(
    () =>
      groups.map((g) => (
        <optgroup key={g.dim} label={NOUNS[g.dim].group}>
          {g.entries.map((e) => (
            <option key={e.ref} value={entityParam(g.dim, e.ref)}>
              {e.label === '' ? `(no ${NOUNS[g.dim].one})` : e.label}
            </option>
          ))}
        </optgroup>
      )),
    [groups],
  );
  const shown = groups.reduce((n, g) => n + g.entries.length, 0);
  const matched = groups.reduce((n, g) => n + g.matched, 0);
  return (
    <div className="entity-picker" role="group" aria-label={label}>
      <label htmlFor={`${id}-search`}>Search {listOf(dims.map((d) => NOUNS[d].many), 'and')}</label>
      <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={256} aria-describedby={`${id}-count`} />
      <label htmlFor={`${id}-select`}>{selectLabel}</label>
      <select id={`${id}-select`} value={value ?? ''} onChange={(e) => e.target.value !== '' && onChange(e.target.value)}>
        <option value="">Choose a {listOf(dims.map((d) => NOUNS[d].one), 'or')}…</option>
        {value !== undefined && !listed ? <option value={value}>{currentLabel === '' ? '(none)' : (currentLabel ?? 'current choice')}</option> : null}
        {options}
      </select>
      <span id={`${id}-count`} className="muted" role="status">
        {data ? (shown < matched ? `first ${formatCount(shown)} of ${formatCount(matched)} matching` : `${formatCount(matched)} matching`) : 'loading…'}
      </span>
    </div>
  );
}

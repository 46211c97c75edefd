'use client';

import { useMemo, useState } from 'react';
import type { TimelineResult } from '@/lib/worker/query-results';
import { domainAxis, type DomainAxis } from './timeline-data';

const DEFAULT_SIZE = 20;

export interface DomainAxisState {
  axis: DomainAxis;
  search: string;
  size: number;
  setSearch: (search: string) => void;
  setSize: (size: number) => void;
  setPage: (page: number) => void;
}

/** The timeline's domain axis: search and page size kept across entities; the page goes back to the first when `key` (the data shown) changes. */
export function useDomainAxis(data: TimelineResult | null, key: string): DomainAxisState {
  const [search, setSearchText] = useState('');
  const [size, setSizeValue] = useState(DEFAULT_SIZE);
  const [paged, setPaged] = useState<{ key: string; page: number }>({ key, page: 0 });
  const page = paged.key === key ? paged.page : 0;
  // the same object while nothing changes, so the chart is not redrawn for other state
  const axis = useMemo(() => domainAxis(data?.domains ?? [], data?.domainEvidence ?? [], { search, page, size }), [data, search, page, size]);
  return {
    axis,
    search,
    size,
    setSearch: (s) => {
      setSearchText(s);
      setPaged({ key, page: 0 });
    },
    setSize: (n) => {
      setSizeValue(n);
      setPaged({ key, page: 0 });
    },
    setPage: (p) => setPaged({ key, page: Math.min(Math.max(0, p), axis.pages - 1) }),
  };
}

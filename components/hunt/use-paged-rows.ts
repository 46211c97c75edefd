'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

export interface Page<T> {
  total: number;
  rows: readonly T[];
}

export interface PagedRows<T> {
  /** rows in all (null until the first page arrived) */
  total: number | null;
  /** a loaded row, or undefined while its page is on its way */
  rowAt: (index: number) => T | undefined;
  /** asks for the pages covering rows [start, end) */
  request: (start: number, end: number) => void;
  error: string | null;
}

/**
 * Rows fetched page by page as a view scrolls: only the pages covering the visible rows are
 * asked for, each once. Everything is dropped when `key` changes (another list, new data).
 */
export function usePagedRows<T>(fetchPage: ((offset: number, limit: number) => Promise<Page<T>>) | null, key: string, pageSize = 100): PagedRows<T> {
  const pages = useRef(new Map<number, readonly T[]>());
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setLoaded] = useState(0);

  const load = useCallback(
    (page: number) => {
      if (!fetchPage || pages.current.has(page) || inflight.current.has(page)) return;
      const gen = generation.current;
      inflight.current.add(page);
      fetchPage(page * pageSize, pageSize).then(
        (p) => {
          if (gen !== generation.current) return;
          inflight.current.delete(page);
          pages.current.set(page, p.rows);
          setTotal(p.total);
          setLoaded((n) => n + 1);
        },
        (e: unknown) => {
          if (gen !== generation.current) return;
          inflight.current.delete(page);
          setError(e instanceof Error ? e.message : String(e));
        },
      );
    },
    [fetchPage, pageSize],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    inflight.current = new Set();
    setTotal(null);
    setError(null);
    load(0);
  }, [key, load]);

  const request = useCallback(
    (start: number, end: number) => {
      const last = Math.max(start, end - 1);
      for (let p = Math.floor(start / pageSize); p <= Math.floor(last / pageSize); p++) load(p);
    },
    [load, pageSize],
  );

  const rowAt = (index: number) => pages.current.get(Math.floor(index / pageSize))?.[index % pageSize];

  return { total, rowAt, request, error };
}

'use client';

import { useEffect, useState } from 'react';
import type { Query, QueryKind, ResultOf } from '@/lib/worker/query-protocol';
import { useHunt } from './hunt-provider';

export interface WorkerQueryState<K extends QueryKind> {
  /** the latest answer (kept while a newer one loads, so views do not flicker) */
  data: ResultOf<K> | null;
  /** the query `data` answers */
  answered: Extract<Query, { kind: K }> | null;
  error: string | null;
  loading: boolean;
}

/**
 * Asks the worker whenever the query, the loaded data or (for detection-backed kinds) the
 * detection run changes. Answers to outdated questions are dropped. `null` asks nothing.
 */
export function useWorkerQuery<K extends QueryKind>(query: Extract<Query, { kind: K }> | null): WorkerQueryState<K> {
  const { client, version, detectionRuns } = useHunt();
  const [state, setState] = useState<WorkerQueryState<K>>({ data: null, answered: null, error: null, loading: false });
  const detected = query && (query.kind === 'suspects' || query.kind === 'finding-rows' || query.kind === 'timeline' || query.kind === 'entity' || query.kind === 'payload') ? detectionRuns : 0;
  const key = query ? JSON.stringify(query) : null;

  useEffect(() => {
    if (!client || key === null || !query) return undefined;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    client.query<K>(query).then(
      (answer) => {
        if (live) setState({ data: answer.result, answered: query, error: null, loading: false });
      },
      (e: unknown) => {
        if (live) setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e), loading: false }));
      },
    );
    return () => {
      live = false;
    };
    // `key` stands for the query's content
  }, [client, key, version, detected]);

  return state;
}

'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import type { HuntConfig } from '@/lib/detect/config';
import { createIngestClient, type IngestClient } from '@/lib/worker/client';
import type { DetectionState } from '@/lib/worker/query-results';
import { huntReducer, initialHuntState, type HuntState } from './hunt-state';

export interface HuntContextValue extends HuntState {
  /** null until the worker has started (or when it could not) */
  client: IngestClient | null;
  addFiles: (files: Iterable<File>) => void;
  cancel: (id: string) => void;
  /** the hunt config detection runs with (overrides of the defaults; kept in the page only) */
  huntConfig: HuntConfig;
  /** runs detection again with a validated config, without reading the files again */
  applyHuntConfig: (config: HuntConfig) => Promise<DetectionState>;
}

const HuntContext = createContext<HuntContextValue | null>(null);

/** Owns the worker for the page's lifetime: files, the loaded data, detection, queries. */
export function HuntProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(huntReducer, initialHuntState);
  const [client, setClient] = useState<IngestClient | null>(null);
  const clientRef = useRef<IngestClient | null>(null);
  const unread = useRef(0);
  const [huntConfig, setHuntConfig] = useState<HuntConfig>({});

  useEffect(() => {
    let c: IngestClient;
    try {
      c = createIngestClient({
        onStarted: (id) => dispatch({ type: 'started', id, at: performance.now() }),
        onProgress: (id, p) =>
          dispatch({ type: 'progress', id, bytes: p.bytes, events: p.events, skipped: p.skipped, at: performance.now() }),
        onDone: (id, summary, storeEvents, fields) => dispatch({ type: 'done', id, summary, storeEvents, fields }),
        onDigest: (id, sha256, message) => dispatch({ type: 'digest', id, sha256, message }),
        onCancelled: (id, storeEvents) => dispatch({ type: 'cancelled', id, storeEvents }),
        onError: (id, message) => dispatch({ type: 'failed', id, message }),
        onDataset: (version, events) => dispatch({ type: 'dataset', version, events }),
        onDetected: (detection) => dispatch({ type: 'detected', detection }),
      });
    } catch (e) {
      dispatch({ type: 'failed', id: null, message: `The file reader could not start: ${e instanceof Error ? e.message : String(e)}` });
      return undefined;
    }
    clientRef.current = c;
    setClient(c);
    return () => {
      clientRef.current = null;
      setClient(null);
      c.terminate();
    };
  }, []);

  const addFiles = useCallback((files: Iterable<File>) => {
    const c = clientRef.current;
    for (const file of files) {
      if (!c) {
        const id = `unread-${++unread.current}`;
        dispatch({ type: 'added', id, name: file.name, size: file.size });
        dispatch({ type: 'failed', id, message: 'The file reader is not running; reload the page and try again.' });
        continue;
      }
      const id = c.ingest(file);
      dispatch({ type: 'added', id, name: file.name, size: file.size });
    }
  }, []);

  const cancel = useCallback((id: string) => clientRef.current?.cancel(id), []);

  const applyHuntConfig = useCallback(async (config: HuntConfig) => {
    const c = clientRef.current;
    if (!c) throw new Error('The file reader is not running; reload the page and try again.');
    const detection = await c.detect(config);
    setHuntConfig(config);
    return detection;
  }, []);

  const value = useMemo(
    () => ({ ...state, client, addFiles, cancel, huntConfig, applyHuntConfig }),
    [state, client, addFiles, cancel, huntConfig, applyHuntConfig],
  );
  return <HuntContext.Provider value={value}>{children}</HuntContext.Provider>;
}

export function useHunt(): HuntContextValue {
  const v = useContext(HuntContext);
  if (!v) throw new Error('useHunt outside <HuntProvider>');
  return v;
}

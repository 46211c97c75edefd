'use client';

import { useCallback, useEffect, useReducer, useRef } from 'react';
import { createIngestClient, type IngestClient } from '@/lib/worker/client';
import { ingestReducer, initialIngestState, type IngestState } from './ingest-state';

export interface UseIngest extends IngestState {
  addFiles: (files: Iterable<File>) => void;
  cancel: (id: string) => void;
}

/** Owns the ingest worker for the page's lifetime and the list of files the user added. */
export function useIngest(): UseIngest {
  const [state, dispatch] = useReducer(ingestReducer, initialIngestState);
  const clientRef = useRef<IngestClient | null>(null);
  const unread = useRef(0);

  useEffect(() => {
    let client: IngestClient;
    try {
      client = createIngestClient({
        onStarted: (id) => dispatch({ type: 'started', id }),
        onProgress: (id, p) => dispatch({ type: 'progress', id, bytes: p.bytes, events: p.events, skipped: p.skipped }),
        onDone: (id, summary, storeEvents) => dispatch({ type: 'done', id, summary, storeEvents }),
        onCancelled: (id, storeEvents) => dispatch({ type: 'cancelled', id, storeEvents }),
        onError: (id, message) => dispatch({ type: 'failed', id, message }),
      });
    } catch (e) {
      dispatch({ type: 'failed', id: null, message: `The file reader could not start: ${e instanceof Error ? e.message : String(e)}` });
      return undefined;
    }
    clientRef.current = client;
    return () => {
      clientRef.current = null;
      client.terminate();
    };
  }, []);

  const addFiles = useCallback((files: Iterable<File>) => {
    const client = clientRef.current;
    for (const file of files) {
      if (!client) {
        const id = `unread-${++unread.current}`;
        dispatch({ type: 'added', id, name: file.name, size: file.size });
        dispatch({ type: 'failed', id, message: 'The file reader is not running; reload the page and try again.' });
        continue;
      }
      const id = client.ingest(file);
      dispatch({ type: 'added', id, name: file.name, size: file.size });
    }
  }, []);

  const cancel = useCallback((id: string) => clientRef.current?.cancel(id), []);

  return { ...state, addFiles, cancel };
}

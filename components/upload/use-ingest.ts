'use client';

import { useHunt } from '@/components/hunt/hunt-provider';
import type { IngestState } from './ingest-state';

export interface UseIngest extends IngestState {
  addFiles: (files: Iterable<File>) => void;
  cancel: (id: string) => void;
}

/** The files of the session and how to add or cancel one (the worker is the HuntProvider's). */
export function useIngest(): UseIngest {
  const { ingest, addFiles, cancel } = useHunt();
  return { ...ingest, addFiles, cancel };
}

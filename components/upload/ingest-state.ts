import type { InputSummary } from '@/lib/schema/findings';

export type FileStatus = 'queued' | 'reading' | 'done' | 'cancelled' | 'failed';

/** One file the user added, as the upload panel shows it. */
export interface FileEntry {
  id: string;
  name: string;
  size: number;
  status: FileStatus;
  bytes: number;
  events: number;
  skipped: number;
  summary: InputSummary | null;
  /** logical fields the file's format provides (detector coverage); null until it is read */
  fields: readonly string[] | null;
  /** why the file failed (a worker error, not a content problem: those are in the summary) */
  message: string | null;
  /** why its sha256 could not be computed (the summary's sha256 stays '') */
  digestError: string | null;
  /** page clock (ms) when reading started and at the last progress, for speed and time left */
  startedAt: number | null;
  updatedAt: number | null;
}

export interface IngestState {
  files: FileEntry[];
  /** DNS events the worker's store holds for the whole session */
  storeEvents: number;
  /** the worker itself failed or could not start */
  workerError: string | null;
}

export type IngestAction =
  | { type: 'added'; id: string; name: string; size: number }
  | { type: 'started'; id: string; at?: number }
  | { type: 'progress'; id: string; bytes: number; events: number; skipped: number; at?: number }
  | { type: 'done'; id: string; summary: InputSummary; storeEvents: number; fields?: readonly string[] }
  /** the sha256 of a file read earlier (its summary's sha256 was ''), or why there is none */
  | { type: 'digest'; id: string; sha256: string | null; message: string | null }
  | { type: 'cancelled'; id: string; storeEvents: number }
  | { type: 'failed'; id: string | null; message: string };

export const initialIngestState: IngestState = { files: [], storeEvents: 0, workerError: null };

const isActive = (f: FileEntry) => f.status === 'queued' || f.status === 'reading';

function update(state: IngestState, id: string, patch: (f: FileEntry) => Partial<FileEntry>): IngestState {
  return { ...state, files: state.files.map((f) => (f.id === id ? { ...f, ...patch(f) } : f)) };
}

export function ingestReducer(state: IngestState, action: IngestAction): IngestState {
  switch (action.type) {
    case 'added':
      return {
        ...state,
        files: [
          ...state.files,
          { id: action.id, name: action.name, size: action.size, status: 'queued', bytes: 0, events: 0, skipped: 0, summary: null, fields: null, message: null, digestError: null, startedAt: null, updatedAt: null },
        ],
      };
    case 'started':
      return update(state, action.id, (f) => (isActive(f) ? { status: 'reading', startedAt: action.at ?? f.startedAt } : {}));
    case 'progress':
      return update(state, action.id, (f) =>
        isActive(f)
          ? {
              status: 'reading',
              bytes: action.bytes,
              events: action.events,
              skipped: action.skipped,
              startedAt: f.startedAt ?? action.at ?? null,
              updatedAt: action.at ?? f.updatedAt,
            }
          : {},
      );
    case 'done':
      return {
        ...update(state, action.id, () => ({
          status: 'done',
          summary: action.summary,
          bytes: action.summary.bytes,
          events: action.summary.events,
          skipped: action.summary.skipped,
          fields: action.fields ?? null,
        })),
        storeEvents: action.storeEvents,
      };
    case 'digest':
      return update(state, action.id, (f) =>
        f.summary && f.summary.sha256 === ''
          ? action.sha256 !== null
            ? { summary: { ...f.summary, sha256: action.sha256 } }
            : { digestError: action.message ?? 'The SHA-256 could not be computed.' }
          : {},
      );
    case 'cancelled':
      return { ...update(state, action.id, () => ({ status: 'cancelled', events: 0 })), storeEvents: action.storeEvents };
    case 'failed':
      if (action.id === null) {
        // the worker is gone: nothing queued will finish
        return {
          ...state,
          workerError: action.message,
          files: state.files.map((f) => (isActive(f) ? { ...f, status: 'failed', message: action.message } : f)),
        };
      }
      return update(state, action.id, () => ({ status: 'failed', message: action.message }));
  }
}

export interface ReadingRate {
  bytesPerSecond: number;
  eventsPerSecond: number;
  /** null until the speed is known */
  secondsLeft: number | null;
}

/** Speed and time left of a file being read, from its first and latest progress; null before there is any. */
export function readingRate(f: FileEntry): ReadingRate | null {
  if (f.startedAt === null || f.updatedAt === null) return null;
  const seconds = (f.updatedAt - f.startedAt) / 1000;
  if (seconds < 0.2 || f.bytes === 0) return null;
  const bytesPerSecond = f.bytes / seconds;
  return {
    bytesPerSecond,
    eventsPerSecond: f.events / seconds,
    secondsLeft: f.size > 0 ? Math.max(0, (f.size - f.bytes) / bytesPerSecond) : null,
  };
}

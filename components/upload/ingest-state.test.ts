import { describe, expect, it } from 'vitest';
import type { InputSummary } from '@/lib/schema/findings';
import { ingestReducer, initialIngestState, readingRate, type IngestAction, type IngestState } from './ingest-state';

const run = (...actions: IngestAction[]): IngestState => actions.reduce(ingestReducer, initialIngestState);
const added = (id: string): IngestAction => ({ type: 'added', id, name: `${id}.log`, size: 100 });

const summary: InputSummary = {
  name: 'a.log', sha256: '0'.repeat(64), format: 'zeek-tsv', formatLabel: 'Zeek dns.log (TSV)', bytes: 100,
  events: 7, skipped: 1, problems: [{ line: 9, reason: 'bad' }], problemsTruncated: false, otherRecords: {},
  processFacts: 0, timeRange: null, timeBasis: '', statusMix: {}, statusCodes: {},
};

describe('ingestReducer', () => {
  it('moves a file from queued through reading to done and keeps the store total', () => {
    const s = run(added('a'), { type: 'started', id: 'a' }, { type: 'progress', id: 'a', bytes: 50, events: 3, skipped: 0 });
    expect(s.files[0]).toMatchObject({ status: 'reading', bytes: 50, events: 3 });
    const done = ingestReducer(s, { type: 'done', id: 'a', summary, storeEvents: 7 });
    expect(done.files[0]).toMatchObject({ status: 'done', events: 7, skipped: 1, bytes: 100 });
    expect(done.storeEvents).toBe(7);
  });

  it('fills in a sha256 that came after the summary, or says why there is none, and never overwrites one', () => {
    const pending = { ...summary, sha256: '' };
    const s = run(added('a'), added('b'), { type: 'done', id: 'a', summary: pending, storeEvents: 7 }, { type: 'done', id: 'b', summary: pending, storeEvents: 14 });
    const hashed = ingestReducer(s, { type: 'digest', id: 'a', sha256: 'a'.repeat(64), message: null });
    expect(hashed.files.map((f) => f.summary?.sha256)).toEqual(['a'.repeat(64), '']);
    const failed = ingestReducer(hashed, { type: 'digest', id: 'b', sha256: null, message: 'The SHA-256 could not be computed: gone' });
    expect(failed.files.map((f) => [f.summary?.sha256, f.digestError])).toEqual([
      ['a'.repeat(64), null],
      ['', 'The SHA-256 could not be computed: gone'],
    ]);
    // a late or repeated message changes nothing once the file has its sha256
    expect(ingestReducer(failed, { type: 'digest', id: 'a', sha256: 'b'.repeat(64), message: null }).files[0]?.summary?.sha256).toBe('a'.repeat(64));
  });

  it('ignores progress that arrives after a file was cancelled', () => {
    const s = run(added('a'), { type: 'cancelled', id: 'a', storeEvents: 0 }, { type: 'progress', id: 'a', bytes: 9, events: 9, skipped: 0 });
    expect(s.files[0]).toMatchObject({ status: 'cancelled', events: 0, bytes: 0 });
  });

  it('fails every unfinished file when the worker itself fails, and only those', () => {
    const s = run(added('a'), added('b'), { type: 'done', id: 'a', summary, storeEvents: 7 }, { type: 'failed', id: null, message: 'boom' });
    expect(s.files.map((f) => f.status)).toEqual(['done', 'failed']);
    expect(s.workerError).toBe('boom');
  });

  it('fails only the named file for a per-file error', () => {
    const s = run(added('a'), added('b'), { type: 'failed', id: 'b', message: 'bad' });
    expect(s.files.map((f) => f.status)).toEqual(['queued', 'failed']);
    expect(s.workerError).toBeNull();
  });

  it('derives reading speed and time left from the first and latest progress', () => {
    const s = run(
      { type: 'added', id: 'a', name: 'a.log', size: 1000 },
      { type: 'started', id: 'a', at: 1000 },
      { type: 'progress', id: 'a', bytes: 250, events: 50, skipped: 0, at: 2000 },
    );
    expect(readingRate(s.files[0] as IngestState['files'][number])).toEqual({ bytesPerSecond: 250, eventsPerSecond: 50, secondsLeft: 3 });
    expect(readingRate(run(added('b')).files[0] as IngestState['files'][number])).toBeNull();
  });
});

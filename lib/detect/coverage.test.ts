import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../ingest/sources';
import { detectorCoverage, missingReason } from './coverage';
import { DETECTORS } from './registry';

const fieldsOf = (id: string) => ADAPTERS.find((a) => a.id === id)?.fields ?? [];

describe('detectorCoverage', () => {
  it('lists every detector in registry order', () => {
    const c = detectorCoverage(fieldsOf('zeek-tsv'), 'zeek-tsv');
    expect(c.map((d) => d.id)).toEqual(DETECTORS.map((d) => d.meta.id));
  });

  it('Sysmon: resolver-bypass cannot run, and says why; the rest can', () => {
    const c = detectorCoverage(fieldsOf('sysmon-splunk-csv'), 'sysmon-splunk-csv');
    const bypass = c.find((d) => d.id === 'resolver-bypass');
    expect(bypass).toMatchObject({ canRun: false, missing: ['resolver'] });
    expect(bypass?.reason).toBe('needs the resolver address; Sysmon DNS events do not record which server answered');
    expect(c.filter((d) => !d.canRun).map((d) => d.id)).toEqual(['resolver-bypass']);
    for (const d of c.filter((x) => x.canRun)) expect([d.missing, d.reason]).toEqual([[], '']);
  });

  it('Event Viewer CSV has no host: rare-domain explains it', () => {
    const c = detectorCoverage(fieldsOf('sysmon-eventviewer-csv'), 'sysmon-eventviewer-csv');
    expect(c.find((d) => d.id === 'rare-domain')?.reason).toMatch(/^needs the host name; Event Viewer CSV/);
  });

  it('without a known format, a generic reason; several fields are listed together', () => {
    expect(detectorCoverage([], undefined).find((d) => d.id === 'nxdomain-dga')?.missing).toEqual(['time', 'qname', 'status']);
    expect(missingReason(['time', 'qname', 'status'])).toBe(
      'needs the event time, the query name and the response status; this format does not record the event time; ' +
        'this format does not record the query name; this format does not record the response status',
    );
    expect(missingReason([])).toBe('');
  });

  it('every field is covered by some detector coverage text', () => {
    const all = detectorCoverage(['time', 'host', 'user', 'process', 'qname', 'qtype', 'status', 'answers', 'ttl', 'resolver', 'client']);
    expect(all.every((d) => d.canRun)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { median, medianOrNull, parseSizes, sizeLabel, table, TABLE_HEAD, UiLatencySchema, unmeasured, type DataFile, type ResultRow } from './results';

const data = (format: DataFile['format'], rows: number): DataFile => ({
  format,
  rows,
  file: `/x/hunt-${format}-${rows}.csv`,
  cached: true,
  manifest: { generator: 'dns-hunt 0.1.0', seed: 1, format, requestedRows: rows, rows, attackRows: 10, bytes: rows * 288, seconds: 1 },
});

function measured(environment: ResultRow['environment'], format: DataFile['format'], rows: number): ResultRow {
  return {
    ...unmeasured(environment, data(format, rows), `bench-results/data/${format}-${rows}`, 'measured'),
    parseSeconds: 2,
    huntSeconds: 3,
    ratio: 1.5,
    peakMemoryMiB: 512.4,
    retainedBytesPerEvent: 99.94,
    uiLatencyMs: environment === 'chromium' ? { dimension: 'host', filter: 120.4, unfilter: 99.6, stackMode: null, timelinePick: 2000 } : null,
  };
}

describe('bench results', () => {
  it('parses and labels sizes', () => {
    expect(parseSizes('200k,1m, 10m')).toEqual([200_000, 1_000_000, 10_000_000]);
    expect(parseSizes('none')).toEqual([]);
    expect(parseSizes('1.5m')).toEqual([1_500_000]);
    expect(() => parseSizes('ten')).toThrow(/bad size/);
    expect([200_000, 1_000_000, 10_000_000, 1234].map(sizeLabel)).toEqual(['200k', '1m', '10m', '1234']);
  });

  it('takes medians, skipping what was not measured', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(medianOrNull([null, 5, NaN, 1])).toBe(3);
    expect(medianOrNull([null])).toBeNull();
  });

  it('prints Node and Chromium side by side, sorted by format and size', () => {
    const rows = [measured('chromium', 'zeek-tsv', 1_000_000), measured('node', 'splunk-csv', 10_000_000), measured('chromium', 'splunk-csv', 1_000_000), measured('node', 'splunk-csv', 1_000_000)];
    const lines = table(rows).split('\n');
    expect(lines).toHaveLength(2 + rows.length);
    const cells = (l: string) => l.split('|').slice(1, -1).map((c) => c.trim());
    expect(cells(lines[0] as string)).toEqual([...TABLE_HEAD]);
    expect(lines.slice(2).map((l) => cells(l).slice(0, 3).join(' '))).toEqual([
      'chromium splunk-csv 1,000,000',
      'node splunk-csv 1,000,000',
      'node splunk-csv 10,000,000',
      'chromium zeek-tsv 1,000,000',
    ]);
    const chromium = cells(lines[2] as string);
    expect(chromium[TABLE_HEAD.indexOf('ratio')]).toBe('1.50×');
    expect(chromium[TABLE_HEAD.indexOf('peak MiB')]).toBe('512');
    expect(chromium[TABLE_HEAD.indexOf('retained B/event')]).toBe('99.9');
    expect(chromium[TABLE_HEAD.indexOf('UI ms filter/unfilter/stack/timeline')]).toBe('120/100/—/2000 (host)');
    expect(cells(lines[3] as string)[TABLE_HEAD.indexOf('UI ms filter/unfilter/stack/timeline')]).toBe('—');
    // every line is as wide as the header
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('shows a file that was not measured with its reason', () => {
    const row = unmeasured('chromium', data('splunk-csv', 10_000_000), 'f.csv', 'failed: out of memory');
    const line = table([row]).split('\n')[2] as string;
    expect(line).toContain('failed: out of memory');
    expect(line).toContain('10,000,000');
  });

  it('validates UI latency', () => {
    expect(UiLatencySchema.safeParse({ dimension: 'process', filter: 1, unfilter: null, stackMode: 2, timelinePick: 3 }).success).toBe(true);
    expect(UiLatencySchema.safeParse({ dimension: 'user', filter: 1, unfilter: 1, stackMode: 2, timelinePick: 3 }).success).toBe(false);
  });
});

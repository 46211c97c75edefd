import { describe, expect, it } from 'vitest';
import { DetectContext } from '../detect/context';
import { buildStore } from '../testing/store-builder';
import { codeCounts } from './code-counts';
import { compileFilter, ViewFilterSchema, type ViewFilter } from './filter';

const T0 = 1_700_000_000;
const ctx = new DetectContext(
  buildStore([
    { t: T0, qname: 'a.example.com', host: 'WS1', qtype: 'A' },
    { t: T0 + 10, qname: 'b.example.com', host: 'WS1', qtype: 'AAAA' },
    { t: T0 + 20, qname: 'gone.example.com', host: 'WS1', qtype: 'A', status: 'NXDOMAIN', code: 9003 },
    { t: T0 + 30, qname: 'x.evil.net', host: 'WS2', qtype: 'TXT', status: 'NXDOMAIN', code: 9003 },
    { t: T0 + 40, qname: 'y.evil.net', host: 'WS2', qtype: 'TXT', status: 'SERVFAIL', code: 9002 },
    { t: T0 + 50, qname: 'z.evil.net', host: 'WS2', qtype: 'AAAA', status: 'TIMEOUT', code: 1460 },
  ]),
);
const kept = (f: ViewFilter) => {
  const keep = compileFilter(ctx, f);
  const out: string[] = [];
  for (let r = 0; r < ctx.size; r++) if (keep(r)) out.push(ctx.text(ctx.qname(r)));
  return out;
};

describe('status and record-type filters', () => {
  it('keeps the rows of any of the chosen statuses', () => {
    expect(kept({ statuses: ['NXDOMAIN'] })).toEqual(['gone.example.com', 'x.evil.net']);
    expect(kept({ statuses: ['NXDOMAIN', 'SERVFAIL', 'TIMEOUT'] })).toEqual(['gone.example.com', 'x.evil.net', 'y.evil.net', 'z.evil.net']);
    expect(kept({ statuses: ['REFUSED'] })).toEqual([]);
  });

  it('keeps the rows of any of the chosen record types, by number', () => {
    expect(kept({ qtypes: [28] })).toEqual(['b.example.com', 'z.evil.net']);
    expect(kept({ qtypes: [16, 28] })).toEqual(['b.example.com', 'x.evil.net', 'y.evil.net', 'z.evil.net']);
    expect(kept({ qtypes: [65399] })).toEqual([]);
  });

  it('combines statuses, types, host and time: a row must pass all of them', () => {
    expect(kept({ statuses: ['NXDOMAIN'], qtypes: [16] })).toEqual(['x.evil.net']);
    expect(kept({ statuses: ['NXDOMAIN'], host: 'WS1' })).toEqual(['gone.example.com']);
    expect(kept({ qtypes: [28], from: (T0 + 15) * 1000 })).toEqual(['z.evil.net']);
  });

  it('treats an empty list as "none of them"; leaving the key out keeps every row', () => {
    expect(kept({ statuses: [] })).toEqual([]);
    expect(kept({})).toHaveLength(6);
  });

  it('rejects unknown statuses and impossible record types at the boundary', () => {
    expect(ViewFilterSchema.safeParse({ statuses: ['NXDOMAIN', 'BOGUS'] }).success).toBe(false);
    expect(ViewFilterSchema.safeParse({ qtypes: [70000] }).success).toBe(false);
    expect(ViewFilterSchema.safeParse({ qtypes: [1.5] }).success).toBe(false);
  });

  it('counts the statuses and record types on offer, busiest type first', () => {
    const c = codeCounts(ctx, compileFilter(ctx, {}));
    expect(c.statuses).toEqual([
      { code: 0, name: 'NOERROR', count: 2 },
      { code: 1, name: 'NXDOMAIN', count: 2 },
      { code: 2, name: 'SERVFAIL', count: 1 },
      { code: 5, name: 'TIMEOUT', count: 1 },
    ]);
    expect(c.qtypes).toEqual([
      { code: 1, name: 'A', count: 2 },
      { code: 16, name: 'TXT', count: 2 },
      { code: 28, name: 'AAAA', count: 2 },
    ]);
    expect(codeCounts(ctx, compileFilter(ctx, {}), 1).qtypes).toHaveLength(1);
  });
});

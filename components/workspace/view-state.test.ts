import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, entityParam, toggleCode, parseEntity, parseEntityRef, parseViewState, refFilter, serializeViewState, suspectFilter, type ViewState } from './view-state';

const parse = (qs: string) => parseViewState(new URLSearchParams(qs));

describe('view state in the URL', () => {
  it('is empty for the default view and round-trips every field', () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
    const s: ViewState = {
      view: 'suspects', from: 1_591_757_468_943, to: 1_591_800_000_000, host: 3, process: 0, domain: 12, stackBy: 'qtype',
      zoomFrom: 1_591_700_000_000, zoomTo: 1_591_900_000_000, dims: ['process', 'host'], pivotPage: 2, pivotSize: 100,
      severity: 'high', detector: 'aaaa-unallocated', suspect: '0123abcd', finding: 'ffee0011', statuses: [1, 2], qtypes: [16, 28],
    };
    const qs = serializeViewState(s);
    expect(qs).toBe(
      'view=suspects&from=1591757468943&to=1591800000000&host=3&proc=0&dom=12&stack=qtype&zf=1591700000000&zt=1591900000000&pp=2&ps=100&sev=high&det=aaaa-unallocated&suspect=0123abcd&finding=ffee0011&st=1%2C2&qt=16%2C28&dims=process%2Chost',
    );
    expect(parse(qs)).toEqual(s);
  });

  it('drops bad values one key at a time and keeps the rest', () => {
    const s = parse('view=bogus&host=-1&proc=x&dom=2&ps=7&sev=urgent&det=<script>&suspect=a%20b&dims=qname,nope,qname&from=12');
    expect(s).toEqual({ ...DEFAULT_VIEW, domain: 2, dims: ['qname'], from: 12 });
  });

  it('keeps status and record-type filters as sorted numbers, dropping bad and repeated ones', () => {
    expect(parse('st=3,1,1,99,x&qt=28,16,70000,-1,1e3')).toMatchObject({ statuses: [1, 3], qtypes: [16, 28] });
    expect(parse('st=NXDOMAIN&qt=AAAA')).toEqual(DEFAULT_VIEW);
    expect(serializeViewState({ ...DEFAULT_VIEW, statuses: [3, 1], qtypes: [] })).toBe('st=1%2C3');
    expect(refFilter(parse('st=1,2&qt=28'))).toEqual({ statuses: ['NXDOMAIN', 'SERVFAIL'], qtypes: [28] });
  });

  it('adds a status or record type to the filter, or takes it out', () => {
    expect(toggleCode(undefined, 28)).toEqual([28]);
    expect(toggleCode([28], 16)).toEqual([16, 28]);
    expect(toggleCode([16, 28], 28)).toEqual([16]);
    expect(toggleCode([16], 16)).toBeUndefined();
  });

  it('ignores a reversed time range', () => {
    expect(parse('from=20&to=10')).toEqual(DEFAULT_VIEW);
  });

  it('holds only numbers, ids and our own names: no free text', () => {
    const qs = serializeViewState({ ...DEFAULT_VIEW, host: 1, detector: 'x-y', finding: 'abc', statuses: [1], qtypes: [28, 16] });
    for (const [, v] of new URLSearchParams(qs)) expect(v).toMatch(/^[A-Za-z0-9_,-]+$/);
  });

  it('derives the row and suspect filters; the search stays out of the URL', () => {
    const s = parse('from=1&to=2&host=3&sev=medium&det=d&st=1&qt=16');
    expect(refFilter(s)).toEqual({ from: 1, to: 2, host: 3, statuses: ['NXDOMAIN'], qtypes: [16] });
    // suspects are not narrowed by status or record type (their evidence is)
    expect(suspectFilter(s, '  evil ')).toEqual({ from: 1, to: 2, host: 3, severity: 'medium', detector: 'd', search: 'evil' });
    expect(suspectFilter(s, ' ')).not.toHaveProperty('search');
  });

  it('keeps the timeline entity as p<ref> or h<ref> only', () => {
    expect(parse('view=timeline&ent=p12')).toMatchObject({ view: 'timeline', entity: 'p12' });
    expect(parse('view=timeline&ent=dns_stager').entity).toBeUndefined();
    expect(serializeViewState({ ...DEFAULT_VIEW, view: 'timeline', entity: 'h3' })).toBe('view=timeline&ent=h3');
    expect(parseEntity('p12')).toEqual({ dim: 'process', ref: 12 });
    expect(parseEntity('h0')).toEqual({ dim: 'host', ref: 0 });
    expect(parseEntity('x1')).toBeUndefined();
  });

  it('keeps the entity page entity as p<ref>, d<ref> or h<ref>; the timeline ignores domains', () => {
    expect(parse('view=entity&ent=d7')).toMatchObject({ view: 'entity', entity: 'd7' });
    expect(parseEntityRef('d7')).toEqual({ dim: 'domain', ref: 7 });
    expect(parseEntityRef('p1')).toEqual({ dim: 'process', ref: 1 });
    expect(parseEntityRef('mydnsserver')).toBeUndefined();
    expect(parseEntity('d7')).toBeUndefined();
    expect(entityParam('host', 3)).toBe('h3');
  });
});

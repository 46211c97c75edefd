import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, entityParam, parseEntity, parseEntityRef, parseViewState, refFilter, serializeViewState, suspectFilter, type ViewState } from './view-state';

const parse = (qs: string) => parseViewState(new URLSearchParams(qs));

describe('view state in the URL', () => {
  it('is empty for the default view and round-trips every field', () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
    const s: ViewState = {
      view: 'suspects', from: 1_591_757_468_943, to: 1_591_800_000_000, host: 3, process: 0, domain: 12, stackBy: 'qtype',
      zoomFrom: 1_591_700_000_000, zoomTo: 1_591_900_000_000, dims: ['process', 'host'], pivotPage: 2, pivotSize: 100,
      severity: 'high', detector: 'aaaa-unallocated', suspect: '0123abcd', finding: 'ffee0011',
    };
    const qs = serializeViewState(s);
    expect(qs).toBe(
      'view=suspects&from=1591757468943&to=1591800000000&host=3&proc=0&dom=12&stack=qtype&zf=1591700000000&zt=1591900000000&pp=2&ps=100&sev=high&det=aaaa-unallocated&suspect=0123abcd&finding=ffee0011&dims=process%2Chost',
    );
    expect(parse(qs)).toEqual(s);
  });

  it('drops bad values one key at a time and keeps the rest', () => {
    const s = parse('view=bogus&host=-1&proc=x&dom=2&ps=7&sev=urgent&det=<script>&suspect=a%20b&dims=qname,nope,qname&from=12');
    expect(s).toEqual({ ...DEFAULT_VIEW, domain: 2, dims: ['qname'], from: 12 });
  });

  it('ignores a reversed time range', () => {
    expect(parse('from=20&to=10')).toEqual(DEFAULT_VIEW);
  });

  it('holds only numbers, ids and our own names: no free text', () => {
    const qs = serializeViewState({ ...DEFAULT_VIEW, host: 1, detector: 'x-y', finding: 'abc' });
    for (const [, v] of new URLSearchParams(qs)) expect(v).toMatch(/^[A-Za-z0-9_,-]+$/);
  });

  it('derives the row and suspect filters; the search stays out of the URL', () => {
    const s = parse('from=1&to=2&host=3&sev=medium&det=d');
    expect(refFilter(s)).toEqual({ from: 1, to: 2, host: 3 });
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

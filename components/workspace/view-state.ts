/**
 * The view and selection as they live in the URL's query string. Only ids, numbers and our own
 * names go there: hosts, processes and domains as refs (indices into the sorted distinct values
 * of the loaded data), times as ms, findings by their hash id. Free text (searches) and log
 * values never do, so a shared or bookmarked link holds no log content.
 */
import { z } from 'zod';
import { SEVERITIES, type Severity } from '@/lib/detect/types';
import { STATUS_ORDER, type StoreStatus } from '@/lib/store/event-store';
import { PIVOT_DIMENSIONS, type PivotDimension, type RefFilter, type SuspectFilter } from '@/lib/worker/query-protocol';

export const VIEWS = ['overview', 'suspects', 'timeline', 'entity'] as const;
export type View = (typeof VIEWS)[number];

export const PIVOT_PAGE_SIZES = [25, 100, 500] as const;
export type PivotPageSize = (typeof PIVOT_PAGE_SIZES)[number];

/** The seed's `stats count by QueryName, QueryResults, Computer, user, process_path`. */
export const DEFAULT_DIMS: readonly PivotDimension[] = ['qname', 'answers', 'host', 'user', 'process'];

export interface ViewState {
  view: View;
  /** inclusive time range, ms UTC */
  from?: number;
  to?: number;
  host?: number;
  process?: number;
  domain?: number;
  /** statuses as their index in STATUS_ORDER (NOERROR 0, NXDOMAIN 1, …), ascending, no repeats */
  statuses?: readonly number[];
  /** record types as their number (A 1, TXT 16, AAAA 28, …), ascending, no repeats */
  qtypes?: readonly number[];
  stackBy: 'status' | 'qtype';
  /** chart window (zoom), ms UTC */
  zoomFrom?: number;
  zoomTo?: number;
  dims: readonly PivotDimension[];
  pivotPage: number;
  pivotSize: PivotPageSize;
  severity?: Severity;
  detector?: string;
  suspect?: string;
  finding?: string;
  /** the timeline's entity: `p<ref>` (process image) or `h<ref>` (host); the entity page's also `d<ref>` (domain) */
  entity?: string;
}

export const DEFAULT_VIEW: ViewState = { view: 'overview', stackBy: 'status', dims: DEFAULT_DIMS, pivotPage: 0, pivotSize: 25 };

const ms = z.coerce.number().int().min(-8.64e15).max(8.64e15);
const ref = z.coerce.number().int().min(0).max(2 ** 31);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** One schema per URL key; a bad value drops that key only. */
const PARAMS = {
  view: ['view', z.enum(VIEWS)],
  from: ['from', ms],
  to: ['to', ms],
  host: ['host', ref],
  process: ['proc', ref],
  domain: ['dom', ref],
  stackBy: ['stack', z.enum(['status', 'qtype'])],
  zoomFrom: ['zf', ms],
  zoomTo: ['zt', ms],
  pivotPage: ['pp', z.coerce.number().int().min(0).max(1e6)],
  pivotSize: ['ps', z.coerce.number().pipe(z.union(PIVOT_PAGE_SIZES.map((n) => z.literal(n))))],
  severity: ['sev', z.enum(SEVERITIES)],
  detector: ['det', id],
  suspect: ['suspect', id],
  finding: ['finding', id],
  entity: ['ent', z.string().regex(/^[phd]\d{1,10}$/)],
} as const;

type ParamKey = keyof typeof PARAMS;

/** Status and record-type lists: comma-separated numbers in the URL. */
const CODE_LISTS = [
  ['statuses', 'st', STATUS_ORDER.length - 1],
  ['qtypes', 'qt', 65535],
] as const;
/** record types one view may be narrowed to, at most (the worker's limit) */
const MAX_CODES = 64;

/** The sorted distinct codes of a list; undefined when empty. */
export function normalizeCodes(codes: readonly number[], max: number): readonly number[] | undefined {
  const out = [...new Set(codes.filter((c) => Number.isInteger(c) && c >= 0 && c <= max))].sort((a, b) => a - b).slice(0, MAX_CODES);
  return out.length > 0 ? out : undefined;
}

function parseCodes(text: string | null, max: number): readonly number[] | undefined {
  if (text === null) return undefined;
  return normalizeCodes(text.split(',').filter((c) => /^\d{1,5}$/.test(c)).map(Number), max);
}

/** Adds a code to a list, or takes it out when present. */
export function toggleCode(codes: readonly number[] | undefined, code: number): readonly number[] | undefined {
  const list = codes ?? [];
  return normalizeCodes(list.includes(code) ? list.filter((c) => c !== code) : [...list, code], 65535);
}

function parseDims(text: string | null): readonly PivotDimension[] | undefined {
  if (text === null) return undefined;
  const dims = text.split(',').filter((d): d is PivotDimension => (PIVOT_DIMENSIONS as readonly string[]).includes(d));
  const unique = [...new Set(dims)];
  return unique.length > 0 ? unique : undefined;
}

export function parseViewState(params: URLSearchParams): ViewState {
  const out: Record<string, unknown> = { ...DEFAULT_VIEW };
  for (const [key, [name, schema]] of Object.entries(PARAMS) as [ParamKey, (typeof PARAMS)[ParamKey]][]) {
    const raw = params.get(name);
    if (raw === null || raw === '') continue;
    const r = (schema as z.ZodType).safeParse(raw);
    if (r.success) out[key] = r.data;
  }
  for (const [key, name, max] of CODE_LISTS) {
    const codes = parseCodes(params.get(name), max);
    if (codes) out[key] = codes;
  }
  const dims = parseDims(params.get('dims'));
  if (dims) out.dims = dims;
  const s = out as unknown as ViewState;
  if (s.from !== undefined && s.to !== undefined && s.from > s.to) return { ...s, from: undefined, to: undefined };
  return s;
}

/** The query string of a state (without "?"); defaults are left out, keys in a fixed order. */
export function serializeViewState(s: ViewState): string {
  const p = new URLSearchParams();
  for (const [key, [name]] of Object.entries(PARAMS) as [ParamKey, (typeof PARAMS)[ParamKey]][]) {
    const v = s[key];
    if (v === undefined || v === DEFAULT_VIEW[key]) continue;
    p.set(name, String(v));
  }
  for (const [key, name, max] of CODE_LISTS) {
    const codes = normalizeCodes(s[key] ?? [], max);
    if (codes) p.set(name, codes.join(','));
  }
  if (s.dims.join(',') !== DEFAULT_DIMS.join(',')) p.set('dims', s.dims.join(','));
  return p.toString();
}

/** The row filter every view applies. */
export function refFilter(s: ViewState): RefFilter {
  const f: RefFilter = {};
  if (s.from !== undefined) f.from = s.from;
  if (s.to !== undefined) f.to = s.to;
  if (s.host !== undefined) f.host = s.host;
  if (s.process !== undefined) f.process = s.process;
  if (s.domain !== undefined) f.domain = s.domain;
  const statuses = s.statuses?.map((i) => STATUS_ORDER[i]).filter((n): n is StoreStatus => n !== undefined);
  if (statuses && statuses.length > 0) f.statuses = statuses;
  if (s.qtypes && s.qtypes.length > 0) f.qtypes = [...s.qtypes];
  return f;
}

/**
 * The suspects filter: time and refs of the view filter (a suspect is not narrowed by status
 * or record type: its evidence is), the suspects view's own, and the typed search.
 */
export function suspectFilter(s: ViewState, search: string): SuspectFilter {
  const { statuses: _statuses, qtypes: _qtypes, ...refs } = refFilter(s);
  const f: SuspectFilter = refs;
  if (s.severity) f.severity = s.severity;
  if (s.detector) f.detector = s.detector;
  if (search.trim() !== '') f.search = search.trim().slice(0, 256);
  return f;
}

/** The timeline entity of a URL value (`p12`, `h3`). */
export function parseEntity(text: string | undefined): { dim: 'process' | 'host'; ref: number } | undefined {
  const m = text === undefined ? null : /^([ph])(\d{1,10})$/.exec(text);
  if (!m) return undefined;
  const ref = Number(m[2]);
  return ref <= 2 ** 31 ? { dim: m[1] === 'p' ? 'process' : 'host', ref } : undefined;
}

/** The entity page's entity of a URL value (`p12`, `d4`, `h3`). */
export function parseEntityRef(text: string | undefined): { dim: 'process' | 'domain' | 'host'; ref: number } | undefined {
  const m = text === undefined ? null : /^([phd])(\d{1,10})$/.exec(text);
  if (!m) return undefined;
  const ref = Number(m[2]);
  return ref <= 2 ** 31 ? { dim: m[1] === 'p' ? 'process' : m[1] === 'd' ? 'domain' : 'host', ref } : undefined;
}

/** The URL value of an entity (`p12`, `d4`, `h3`). */
export function entityParam(dim: 'process' | 'domain' | 'host', ref: number): string {
  return `${dim === 'process' ? 'p' : dim === 'domain' ? 'd' : 'h'}${ref}`;
}

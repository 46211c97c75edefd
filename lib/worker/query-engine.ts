import type { HuntConfig } from '../detect/config';
import { DetectContext } from '../detect/context';
import { DETECTORS } from '../detect/registry';
import { SEVERITIES, type Detector } from '../detect/types';
import { PivotIndex, pivotPage, totals, volumeSeries, type PivotGroups } from '../query/aggregate';
import { compileFilter, EVERY_ROW, type RowPredicate, type ViewFilter } from '../query/filter';
import { codeCounts, type CodeCounts } from '../query/code-counts';
import { RowIndex, type IndexedDimension } from '../query/row-index';
import { buildTimeline } from '../query/timeline';
import { topCounts, type TopCount } from '../query/top-counts';
import type { EventStore } from '../store/event-store';
import { Detection } from './detection';
import { entityPage, payloadBytes, type EntitySources } from './entity';
import { EntityIndex } from './entity-index';
import { clipText, rowPage, sortByTime } from './event-rows';
import type { Query, RefDimension, RefFilter, SuspectFilter } from './query-protocol';
import type { EntityChoicesResult, FilterLabelsResult, OverviewResult, PivotResult, QueryResult, RowsResult, SuspectsResult, TimelineResult, TopEntry } from './query-results';

export interface QueryEngineOptions {
  detectors?: readonly Detector[];
  now?: () => number;
}

const NOTHING: RowPredicate = () => false;

/** Keeps `value` under `key`, dropping the oldest entry past `max` (the last views answered). */
function remember<V>(cache: Map<string, V>, key: string, value: V, max: number): void {
  if (cache.size >= max) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}

interface Range {
  first: number;
  last: number;
}

/** Answers the page's queries from the store; one instance per worker, for the whole session. */
export class QueryEngine {
  private ctx: DetectContext;
  private entities: EntityIndex;
  private rowIndex: RowIndex;
  /** the overview's parts: totals and top lists by filter, the chart by filter without the time range (going back to a view costs nothing) */
  private readonly countsCache = new Map<string, { totals: ReturnType<typeof totals>; top: OverviewResult['top'] }>();
  private readonly seriesCache = new Map<string, OverviewResult['series']>();
  /** rows [0, committed) are the loaded data; later rows belong to a file still being read */
  private committed = 0;
  private dataVersion = 0;
  private detection: Detection;
  private config: HuntConfig | undefined;
  private readonly detectors: readonly Detector[];
  private readonly now: () => number;
  /** last pivot grouping and last filtered row list, reused while paging */
  private readonly pivotCache = new Map<string, PivotGroups>();
  /** every row's group per pivot dimensions (4 bytes per row each): a filter only counts its rows */
  private readonly pivotIndexes = new Map<string, PivotIndex>();
  private rowsCache: { key: string; rows: Uint32Array } | null = null;
  private codesCache: { version: number; codes: CodeCounts } | null = null;

  constructor(
    private readonly store: EventStore,
    opts: QueryEngineOptions = {},
  ) {
    this.detectors = opts.detectors ?? DETECTORS;
    this.now = opts.now ?? (() => performance.now());
    this.ctx = new DetectContext(store);
    this.committed = store.size;
    this.entities = new EntityIndex(this.ctx);
    this.rowIndex = new RowIndex(this.ctx, this.committed);
    this.detection = Detection.empty(store, this.detectors.length);
  }

  /** Data version: bumped every time the loaded data changes. */
  get version(): number {
    return this.dataVersion;
  }

  get events(): number {
    return this.committed;
  }

  get detectionState() {
    return this.detection.state;
  }

  /** Has detection run on the current data? */
  get detectionCurrent(): boolean {
    return this.detection.state.status === 'ready' && this.detection.state.version === this.dataVersion;
  }

  /** Call when a file finished: every row in the store is loaded data now. */
  commit(): void {
    this.committed = this.store.size;
    this.dataVersion++;
    this.ctx = new DetectContext(this.store);
    this.entities = new EntityIndex(this.ctx);
    this.rowIndex = new RowIndex(this.ctx, this.committed);
    this.countsCache.clear();
    this.seriesCache.clear();
    this.pivotCache.clear();
    this.pivotIndexes.clear();
    this.rowsCache = null;
  }

  /**
   * One step of precomputing what the first filter by a host, process or domain needs (their row
   * indexes), for idle time after a load; returns false when nothing is left. One step is one
   * pass over the rows, so queries arriving meanwhile wait at most that long.
   */
  warmStep(): boolean {
    for (const dim of ['process', 'host', 'domain'] as const) if (this.rowIndex.prepare(dim)) return true;
    return false;
  }

  /** Sets the hunt config used by the next detection run. */
  setConfig(config: HuntConfig | undefined): void {
    this.config = config;
  }

  /** Runs the detectors over the loaded data (call only when no file is being read). */
  detect(): void {
    this.detection = Detection.run(this.store, this.dataVersion, this.detectors, this.config, this.now, this.ctx);
  }

  run(q: Query): QueryResult {
    switch (q.kind) {
      case 'overview':
        return this.overview(q);
      case 'pivot':
        return this.pivot(q);
      case 'suspects':
        return this.suspects(q);
      case 'rows':
        return this.rows(q);
      case 'finding-rows':
        return this.findingRows(q);
      case 'filter-labels':
        return this.filterLabels(q.filter);
      case 'timeline':
        return this.timeline(q);
      case 'entity-choices':
        return this.entityChoices(q);
      case 'entity':
        return entityPage(this.sources(), q.entity.dim, q.entity.ref);
      case 'payload':
        return payloadBytes(this.sources(), q.findingId);
      case 'event':
        return { kind: 'event', event: q.row < this.committed ? (rowPage(this.store, [q.row], 0, 1)[0] ?? null) : null };
    }
  }

  private sources(): EntitySources {
    const detection = this.detectionCurrent ? this.detection : Detection.empty(this.store, this.detectors.length);
    return { ctx: this.ctx, entities: this.entities, committed: this.committed, detection };
  }

  private predicate(f: RefFilter): RowPredicate {
    const view: ViewFilter = { from: f.from, to: f.to, statuses: f.statuses, qtypes: f.qtypes, search: f.search };
    let candidates: { dim: IndexedDimension; rows: Int32Array } | undefined;
    for (const dim of ['host', 'process', 'domain'] as const) {
      const ref = f[dim];
      if (ref === undefined) continue;
      const label = this.entities.label(dim, ref);
      if (label === undefined) return NOTHING;
      view[dim] = label;
      // a view narrowed to an entity reads only its rows (the fewest, when several are set)
      const rows = this.rowIndex.rowsOf(dim, label);
      if (!candidates || rows.length < candidates.rows.length) candidates = { dim, rows };
    }
    // the candidates are exactly the rows of their entity: that test need not run again per row
    if (candidates) delete view[candidates.dim];
    const keep = compileFilter(this.ctx, view);
    // no filter: every loaded row (the context is over them), which scans then take without a call per row
    if (!candidates && keep === EVERY_ROW) return EVERY_ROW;
    const n = this.committed;
    const test: RowPredicate = (r) => r < n && keep(r);
    if (candidates) {
      test.rows = candidates.rows;
      test.exact = keep === EVERY_ROW;
    }
    return test;
  }

  /** First and last event of the loaded data (the context's time span, shared with detection). */
  private dataRange(): Range | null {
    const span = this.ctx.timeSpan();
    return Number.isFinite(span.min) ? { first: span.min, last: span.max } : null;
  }

  /** Statuses and record types of the loaded data (computed once per version). */
  private codes(): CodeCounts {
    if (this.codesCache?.version !== this.dataVersion) this.codesCache = { version: this.dataVersion, codes: codeCounts(this.ctx, this.predicate({})) };
    return this.codesCache.codes;
  }

  private entries(dim: RefDimension, counts: readonly TopCount[]): TopEntry[] {
    const out: TopEntry[] = [];
    for (const c of counts) {
      const ref = this.entities.ref(dim, c.key);
      if (ref !== undefined) out.push({ ref, label: c.key, count: c.count });
    }
    return out;
  }

  /**
   * The overview in two parts cached apart: totals and top lists follow the whole filter; the
   * chart ignores the time range (it shows the brush over it), so switching the stack mode
   * recomputes only the chart, and moving the brush only the totals and top lists.
   */
  private overview(q: Extract<Query, { kind: 'overview' }>): OverviewResult {
    const counted = this.overviewCounts(q.filter, q.top);
    const dataRange = this.dataRange();
    return {
      kind: 'overview',
      events: counted.totals.events,
      nxdomain: counted.totals.nxdomain,
      byStatus: counted.totals.byStatus,
      range: counted.totals.first === null || counted.totals.last === null ? null : { first: counted.totals.first, last: counted.totals.last },
      dataRange,
      series: this.overviewSeries(q, dataRange),
      top: counted.top,
    };
  }

  private overviewCounts(filter: RefFilter, n: number): { totals: ReturnType<typeof totals>; top: OverviewResult['top'] } {
    const key = JSON.stringify([this.dataVersion, filter, n]);
    let c = this.countsCache.get(key);
    if (!c) {
      const keep = this.predicate(filter);
      const top = topCounts(this.ctx, keep, n);
      c = {
        totals: totals(this.ctx, keep),
        top: { process: this.entries('process', top.process), domain: this.entries('domain', top.domain), host: this.entries('host', top.host) },
      };
      remember(this.countsCache, key, c, 32);
    }
    return c;
  }

  private overviewSeries(q: Extract<Query, { kind: 'overview' }>, dataRange: Range | null): OverviewResult['series'] {
    const chart = q.chartRange ?? (dataRange ? { from: dataRange.first, to: dataRange.last } : null);
    const { from: _from, to: _to, ...untimed } = q.filter;
    const key = JSON.stringify([this.dataVersion, untimed, q.stackBy, chart, q.maxBuckets]);
    let series = this.seriesCache.get(key);
    if (!series) {
      series =
        chart && chart.to >= chart.from
          ? volumeSeries(this.ctx, this.predicate(untimed), q.stackBy, chart, q.maxBuckets)
          : { start: chart?.from ?? 0, bucketMs: 1000, buckets: 0, series: [] };
      remember(this.seriesCache, key, series, 32);
    }
    return series;
  }

  private pivot(q: Extract<Query, { kind: 'pivot' }>): PivotResult {
    const key = JSON.stringify([this.dataVersion, q.filter, q.dims]);
    let groups = this.pivotCache.get(key);
    if (!groups) {
      const dimsKey = q.dims.join(',');
      let index = this.pivotIndexes.get(dimsKey);
      if (!index) {
        index = new PivotIndex(this.ctx, this.committed, q.dims);
        remember(this.pivotIndexes, dimsKey, index, 2);
      }
      groups = index.groups(this.predicate(q.filter));
      // 8 bytes per group: the last few groupings stay, labels are read per page
      remember(this.pivotCache, key, groups, 4);
    }
    const page = pivotPage(this.ctx, q.dims, groups, q.offset, q.limit);
    return { kind: 'pivot', total: groups.total, offset: q.offset, rows: page.map((r) => ({ keys: r.keys.map(clipText), count: r.count })) };
  }

  private rows(q: Extract<Query, { kind: 'rows' }>): RowsResult {
    const key = JSON.stringify([this.dataVersion, q.filter]);
    if (this.rowsCache?.key !== key) {
      const keep = this.predicate(q.filter);
      const rows: number[] = [];
      for (let r = 0; r < this.committed; r++) if (keep(r)) rows.push(r);
      this.rowsCache = { key, rows: sortByTime(this.store, rows) };
    }
    const rows = this.rowsCache.rows;
    return { kind: 'rows', total: rows.length, offset: q.offset, rows: rowPage(this.store, rows, q.offset, q.limit) };
  }

  private findingRows(q: Extract<Query, { kind: 'finding-rows' }>): QueryResult {
    const found = this.detection.has(q.findingId);
    const all = this.detection.rows(q.findingId);
    let rows: ArrayLike<number> = all;
    if (q.filter) {
      const keep = this.predicate(q.filter);
      rows = all.filter((r) => keep(r));
    }
    return { kind: 'finding-rows', found, total: rows.length, all: all.length, offset: q.offset, rows: rowPage(this.store, rows, q.offset, q.limit) };
  }

  private suspects(q: Extract<Query, { kind: 'suspects' }>): SuspectsResult {
    const f: SuspectFilter = q.filter;
    const label = (dim: RefDimension) => (f[dim] === undefined ? undefined : (this.entities.label(dim, f[dim]) ?? null));
    const host = label('host');
    const process = label('process');
    const domain = label('domain');
    const from = f.from ?? -Infinity;
    const to = f.to ?? Infinity;
    const inView = this.detection.suspects.filter(
      (s) =>
        host !== null &&
        process !== null &&
        domain !== null &&
        (host === undefined || s.row.hosts.includes(host)) &&
        (process === undefined || s.processes.has(process)) &&
        (domain === undefined || s.row.domains.includes(domain)) &&
        s.spans.some(([a, b]) => a <= to && b >= from),
    );
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SuspectsResult['bySeverity'];
    const detectors = new Map<string, { id: string; title: string; count: number }>();
    const hosts = new Map<string, number>();
    for (const s of inView) {
      bySeverity[s.row.severity]++;
      for (const d of s.row.detectors) {
        const e = detectors.get(d.id);
        if (e) e.count++;
        else detectors.set(d.id, { ...d, count: 1 });
      }
      for (const h of s.row.hosts) hosts.set(h, (hosts.get(h) ?? 0) + 1);
    }
    const minRank = f.severity ? SEVERITIES.indexOf(f.severity) : 0;
    const needle = f.search?.trim().toLowerCase() ?? '';
    const matched = inView.filter(
      (s) =>
        s.severityRank >= minRank &&
        (f.detector === undefined || s.row.detectors.some((d) => d.id === f.detector)) &&
        (needle === '' || s.haystack.includes(needle)),
    );
    const selected = q.select === undefined ? null : (this.detection.suspects.find((s) => s.row.id === q.select)?.row ?? null);
    const selectedEntities: SuspectsResult['selectedEntities'] = [];
    // its process images; the hosts of a suspect without any (network sources, domain-only findings)
    const named = (selected?.processes ?? []).filter((p) => p.process !== '').map((p) => ['process', p.process] as const);
    const wanted = named.length > 0 ? named : (selected?.hosts ?? []).map((h) => ['host', h] as const);
    for (const [dim, label] of wanted) {
      const ref = this.entities.ref(dim, label);
      if (ref !== undefined && !selectedEntities.some((e) => e.dim === dim && e.ref === ref) && selectedEntities.length < 100) selectedEntities.push({ dim, ref, label });
    }
    const selectedPages: SuspectsResult['selectedPages'] = [];
    const pageLabels = [
      ...named.map(([, l]) => ['process', l] as const),
      ...(selected?.domains ?? []).map((l) => ['domain', l] as const),
      ...(selected?.hosts ?? []).map((l) => ['host', l] as const),
    ];
    for (const [dim, label] of pageLabels) {
      const ref = this.entities.ref(dim, label);
      if (ref !== undefined && !selectedPages.some((e) => e.dim === dim && e.ref === ref) && selectedPages.length < 300) selectedPages.push({ dim, ref, label });
    }
    return {
      kind: 'suspects',
      detection: this.detectionCurrent ? this.detection.state : { ...this.detection.state, status: 'pending' },
      inView: inView.length,
      bySeverity,
      detectors: [...detectors.values()].sort((a, b) => b.count - a.count || a.title.localeCompare(b.title)),
      hosts: this.entries('host', [...hosts.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => (a.key < b.key ? -1 : 1))),
      matched: matched.length,
      suspects: matched.slice(0, q.limit).map((s) => s.row),
      selected,
      selectedEntities,
      selectedPages,
    };
  }

  private timeline(q: Extract<Query, { kind: 'timeline' }>): TimelineResult {
    const label = q.entity ? this.entities.label(q.entity.dim, q.entity.ref) : undefined;
    if (!q.entity || label === undefined) return { kind: 'timeline', label: null, total: 0, sampled: false, domains: [], domainQueries: [], domainEvidence: [], findings: [], points: [] };
    const { from, to, statuses, qtypes } = q.filter;
    const keep = this.predicate({ from, to, statuses, qtypes, [q.entity.dim]: q.entity.ref });
    const t = buildTimeline(this.ctx, keep, this.committed, this.detectionCurrent ? this.detection.evidenceRows : new Map(), q.limit);
    const findings = t.findings.map((id) => {
      const f = this.detection.summary(id);
      return { id, title: f?.title ?? id, detector: f?.detectorTitle ?? '' };
    });
    return {
      kind: 'timeline',
      label: clipText(label),
      total: t.total,
      sampled: t.sampled,
      domains: t.domains.map(clipText),
      domainQueries: t.domainQueries,
      domainEvidence: t.domainEvidence,
      findings,
      points: t.points,
    };
  }

  private entityChoices(q: Extract<Query, { kind: 'entity-choices' }>): EntityChoicesResult {
    const groups = q.dims.map((dim) => {
      const { matched, refs } = this.entities.search(dim, q.search, q.limit);
      return { dim, total: this.entities.size(dim), matched, entries: refs.map((ref) => ({ ref, label: clipText(this.entities.label(dim, ref) ?? '') })) };
    });
    return { kind: 'entity-choices', groups };
  }

  private filterLabels(f: RefFilter): FilterLabelsResult {
    const out: FilterLabelsResult = { kind: 'filter-labels', dataRange: this.dataRange(), ...this.codes() };
    for (const dim of ['host', 'process', 'domain'] as const) {
      const ref = f[dim];
      if (ref === undefined) continue;
      const label = this.entities.label(dim, ref);
      out[dim] = label === undefined ? null : clipText(label);
    }
    return out;
  }
}

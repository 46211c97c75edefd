/**
 * Query messages between the page and the worker (request ids, zod on both sides). Results are
 * summaries, or pages of the rows a view shows: never the store. Hosts, processes and domains
 * travel as refs (indices into the sorted distinct values of the loaded data), so a URL built
 * from a view holds numbers, not log text.
 */
import { z } from 'zod';
import { STATUS_ORDER } from '../store/event-store';
import { SeveritySchema } from '../schema/findings';
import { DetectionStateSchema, RefSchema, WireResultSchema, type QueryResult } from './query-results';

export const ReqIdSchema = z.number().int().nonnegative();
const CountSchema = z.number().int().nonnegative();
const MsSchema = z.number().finite();

export const REF_DIMENSIONS = ['host', 'process', 'domain'] as const;
export type RefDimension = (typeof REF_DIMENSIONS)[number];

export const PIVOT_DIMENSIONS = ['qname', 'domain', 'answers', 'host', 'user', 'process'] as const;
export const PivotDimensionSchema = z.enum(PIVOT_DIMENSIONS);
export type PivotDimension = z.infer<typeof PivotDimensionSchema>;

/** What the views are narrowed to; `from`/`to` are inclusive ms since the epoch (UTC). */
export const RefFilterSchema = z.strictObject({
  from: MsSchema.optional(),
  to: MsSchema.optional(),
  host: RefSchema.optional(),
  process: RefSchema.optional(),
  domain: RefSchema.optional(),
  statuses: z.array(z.enum(STATUS_ORDER)).max(STATUS_ORDER.length).optional(),
  qtypes: z.array(z.number().int().min(0).max(65535)).max(64).optional(),
  /** substring of the normalised query name */
  search: z.string().max(256).optional(),
});
export type RefFilter = z.infer<typeof RefFilterSchema>;

const PageSchema = { offset: CountSchema, limit: z.number().int().min(1).max(1000) };

export const OverviewQuerySchema = z.strictObject({
  kind: z.literal('overview'),
  filter: RefFilterSchema,
  stackBy: z.enum(['status', 'qtype']),
  maxBuckets: z.number().int().min(2).max(500),
  /** time window of the chart; the whole data range when absent */
  chartRange: z.strictObject({ from: MsSchema, to: MsSchema }).optional(),
  top: z.number().int().min(1).max(50),
});

export const PivotQuerySchema = z.strictObject({
  kind: z.literal('pivot'),
  filter: RefFilterSchema,
  dims: z.array(PivotDimensionSchema).min(1).max(PIVOT_DIMENSIONS.length),
  ...PageSchema,
});

export const SuspectFilterSchema = z.strictObject({
  from: MsSchema.optional(),
  to: MsSchema.optional(),
  host: RefSchema.optional(),
  process: RefSchema.optional(),
  domain: RefSchema.optional(),
  /** minimum severity */
  severity: SeveritySchema.optional(),
  detector: z.string().max(64).optional(),
  search: z.string().max(256).optional(),
});
export type SuspectFilter = z.infer<typeof SuspectFilterSchema>;

export const SuspectsQuerySchema = z.strictObject({
  kind: z.literal('suspects'),
  filter: SuspectFilterSchema,
  limit: z.number().int().min(1).max(1000),
  /** a suspect id to return in `selected`, whether or not the filters keep it */
  select: z.string().min(1).max(64).optional(),
});

export const RowsQuerySchema = z.strictObject({
  kind: z.literal('rows'),
  filter: RefFilterSchema,
  ...PageSchema,
});

export const FindingRowsQuerySchema = z.strictObject({
  kind: z.literal('finding-rows'),
  findingId: z.string().min(1).max(64),
  /** narrows the finding's rows (e.g. to the chosen time range) */
  filter: RefFilterSchema.optional(),
  ...PageSchema,
});

/** Names of the refs in a filter, for the chips that show what a view is narrowed to. */
export const FilterLabelsQuerySchema = z.strictObject({
  kind: z.literal('filter-labels'),
  filter: RefFilterSchema,
});

/** Process images, domains or hosts whose name contains `search`: what the entity pickers offer. */
export const EntityChoicesQuerySchema = z.strictObject({
  kind: z.literal('entity-choices'),
  dims: z.array(z.enum(REF_DIMENSIONS)).min(1).max(REF_DIMENSIONS.length),
  search: z.string().max(256),
  /** per dimension */
  limit: z.number().int().min(1).max(1000),
});

/** Every query of one process image or host over time (issue #4); no entity: an empty timeline. */
export const TimelineQuerySchema = z.strictObject({
  kind: z.literal('timeline'),
  entity: z.strictObject({ dim: z.enum(['process', 'host']), ref: RefSchema }).optional(),
  /** the time range, statuses and record types (other keys are ignored) */
  filter: RefFilterSchema,
  limit: z.number().int().min(1).max(20_000),
});

/** One event by row index (a timeline point opened). */
export const EventQuerySchema = z.strictObject({
  kind: z.literal('event'),
  row: CountSchema,
});

/** Everything about one process image, domain or host (issue #4). */
export const EntityQuerySchema = z.strictObject({
  kind: z.literal('entity'),
  entity: z.strictObject({ dim: z.enum(REF_DIMENSIONS), ref: RefSchema }),
});

/** The full reassembled bytes of a payload finding. */
export const PayloadQuerySchema = z.strictObject({
  kind: z.literal('payload'),
  findingId: z.string().min(1).max(64),
});

export const QuerySchema = z.discriminatedUnion('kind', [
  EntityChoicesQuerySchema,
  EntityQuerySchema,
  PayloadQuerySchema,
  TimelineQuerySchema,
  EventQuerySchema,
  OverviewQuerySchema,
  PivotQuerySchema,
  SuspectsQuerySchema,
  RowsQuerySchema,
  FindingRowsQuerySchema,
  FilterLabelsQuerySchema,
]);
export type Query = z.infer<typeof QuerySchema>;
export type QueryKind = Query['kind'];

/** The result type answering a query of kind K. */
export type ResultOf<K extends QueryKind> = Extract<QueryResult, { kind: K }>;

// ── messages ─────────────────────────────────────────────────────────────────

export const QueryRequestSchema = z.object({
  type: z.literal('query'),
  reqId: ReqIdSchema,
  query: QuerySchema,
});

/** Run the detectors again now (optionally with a new hunt config); answered by `detected`. */
export const DetectRequestSchema = z.object({
  type: z.literal('detect'),
  reqId: ReqIdSchema,
  config: z.unknown().optional(),
});

export const ResultMessageSchema = z.object({
  type: z.literal('result'),
  reqId: ReqIdSchema,
  /** data version the result was computed on */
  version: CountSchema,
  result: WireResultSchema,
});

export const QueryErrorMessageSchema = z.object({
  type: z.literal('query-error'),
  reqId: ReqIdSchema,
  message: z.string().max(2000),
});

/** The loaded data changed (a file finished or was cancelled): views ask again. */
export const DatasetMessageSchema = z.object({
  type: z.literal('dataset'),
  version: CountSchema,
  events: CountSchema,
});

/** Detection finished on `detection.version`; `reqId` when it answers a `detect` request. */
export const DetectedMessageSchema = z.object({
  type: z.literal('detected'),
  reqId: ReqIdSchema.nullable(),
  detection: DetectionStateSchema,
});

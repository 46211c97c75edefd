/**
 * What the worker answers to queries (zod, validated by the page): summaries, and pages of the
 * rows a view shows, log text cut at MAX_TEXT characters.
 */
import { z } from 'zod';
import { STATUS_ORDER } from '../store/event-store';
import { SeveritySchema } from '../schema/findings';
import { decodePoints, encodePoints, TimelineColumnsSchema } from './timeline-columns';

const CountSchema = z.number().int().nonnegative();
const MsSchema = z.number().finite();
/** Index into the sorted distinct values of one dimension of the loaded data. */
export const RefSchema = z.number().int().nonnegative().max(2 ** 31);
/** Log text crossing to the page is cut at this many characters (see `clipped`). */
export const MAX_TEXT = 8192;
const TextSchema = z.string().max(MAX_TEXT);

const RangeSchema = z.strictObject({ first: MsSchema, last: MsSchema });

export const TopEntrySchema = z.strictObject({ ref: RefSchema, label: TextSchema, count: CountSchema });
export type TopEntry = z.infer<typeof TopEntrySchema>;

export const OverviewResultSchema = z.strictObject({
  kind: z.literal('overview'),
  /** DNS events after the filter */
  events: CountSchema,
  nxdomain: CountSchema,
  byStatus: z.record(z.string(), CountSchema),
  /** first and last event after the filter */
  range: RangeSchema.nullable(),
  /** first and last event of all the loaded data (what the chart and the brush span by default) */
  dataRange: RangeSchema.nullable(),
  series: z.strictObject({
    start: MsSchema,
    bucketMs: z.number().positive(),
    buckets: CountSchema,
    series: z.array(z.strictObject({ key: z.string().max(32), counts: z.array(CountSchema) })).max(300),
  }),
  top: z.strictObject({
    process: z.array(TopEntrySchema),
    domain: z.array(TopEntrySchema),
    host: z.array(TopEntrySchema),
  }),
});
export type OverviewResult = z.infer<typeof OverviewResultSchema>;

export const PivotResultSchema = z.strictObject({
  kind: z.literal('pivot'),
  /** groups in all */
  total: CountSchema,
  offset: CountSchema,
  rows: z.array(z.strictObject({ keys: z.array(TextSchema), count: CountSchema })),
});
export type PivotResult = z.infer<typeof PivotResultSchema>;

export const FindingSummarySchema = z.strictObject({
  id: z.string().max(64),
  detector: z.string().max(64),
  detectorTitle: z.string().max(200),
  title: TextSchema,
  severity: SeveritySchema,
  score: z.number(),
  events: CountSchema,
  firstSeen: z.string().max(40),
  lastSeen: z.string().max(40),
  entity: z.strictObject({
    domain: TextSchema.optional(),
    qname: TextSchema.optional(),
    host: TextSchema.optional(),
    process: TextSchema.optional(),
  }),
  /** the finding's detector-specific details as JSON text (bounded) */
  detailsJson: TextSchema,
});
export type FindingSummary = z.infer<typeof FindingSummarySchema>;

export const SuspectRowSchema = z.strictObject({
  id: z.string().max(64),
  label: TextSchema,
  score: z.number(),
  severity: SeveritySchema,
  detectors: z.array(z.strictObject({ id: z.string().max(64), title: z.string().max(200) })),
  hosts: z.array(TextSchema),
  domains: z.array(TextSchema),
  processes: z.array(z.strictObject({ host: TextSchema, process: TextSchema })),
  findings: z.array(FindingSummarySchema),
});
export type SuspectRow = z.infer<typeof SuspectRowSchema>;

export const DetectionStateSchema = z.strictObject({
  /** 'pending' until detection has run on the current data */
  status: z.enum(['pending', 'ready']),
  /** data version the findings were computed on */
  version: CountSchema,
  findings: CountSchema,
  suspects: CountSchema,
  /** detectors that ran / are registered */
  ran: CountSchema,
  registered: CountSchema,
  ms: z.number().nonnegative(),
  /** why detection failed (a detector threw); the other views still work */
  error: z.string().max(2000).nullable(),
});
export type DetectionState = z.infer<typeof DetectionStateSchema>;

export const SuspectsResultSchema = z.strictObject({
  kind: z.literal('suspects'),
  detection: DetectionStateSchema,
  /** suspects after the view filter (time range, host, process, domain), before the others */
  inView: CountSchema,
  bySeverity: z.record(SeveritySchema, CountSchema),
  /** detectors with findings in view, and every host of a suspect in view */
  detectors: z.array(z.strictObject({ id: z.string().max(64), title: z.string().max(200), count: CountSchema })),
  hosts: z.array(TopEntrySchema),
  /** suspects matching every filter (before `limit`) */
  matched: CountSchema,
  suspects: z.array(SuspectRowSchema),
  /** the suspect asked for by `select`; null when not asked for or not in the findings */
  selected: SuspectRowSchema.nullable(),
  /** the selected suspect's process images (or hosts, for network sources) as timeline refs */
  selectedEntities: z.array(z.strictObject({ dim: z.enum(['process', 'host']), ref: RefSchema, label: TextSchema })).max(100),
  /** the selected suspect's processes, domains and hosts as entity page refs */
  selectedPages: z.array(z.strictObject({ dim: z.enum(['process', 'domain', 'host']), ref: RefSchema, label: TextSchema })).max(300),
});
export type SuspectsResult = z.infer<typeof SuspectsResultSchema>;

/** One event as logged, for the rows a table shows. */
export const EventRowSchema = z.strictObject({
  row: CountSchema,
  input: CountSchema,
  inputName: TextSchema,
  line: CountSchema,
  time: z.number(),
  host: TextSchema,
  user: TextSchema,
  image: TextSchema,
  pid: z.number().int(),
  qname: TextSchema,
  qnameRaw: TextSchema,
  qtype: z.number().int(),
  qtypeName: z.string().max(16),
  status: z.enum(STATUS_ORDER),
  statusCode: z.number().int(),
  answersRaw: TextSchema,
  ttl: z.number().int(),
  resolver: TextSchema,
  client: TextSchema,
  /** fields longer than MAX_TEXT, cut for display */
  clipped: z.array(z.string().max(16)).max(16),
});
export type EventRow = z.infer<typeof EventRowSchema>;

export const RowsResultSchema = z.strictObject({
  kind: z.literal('rows'),
  total: CountSchema,
  offset: CountSchema,
  rows: z.array(EventRowSchema),
});
export type RowsResult = z.infer<typeof RowsResultSchema>;

export const FindingRowsResultSchema = z.strictObject({
  kind: z.literal('finding-rows'),
  /** false when the finding is not in the current detection results */
  found: z.boolean(),
  /** rows of the finding after the filter */
  total: CountSchema,
  /** rows of the finding */
  all: CountSchema,
  offset: CountSchema,
  rows: z.array(EventRowSchema),
});
export type FindingRowsResult = z.infer<typeof FindingRowsResultSchema>;

const LabelSchema = TextSchema.nullable();
const CodeCountSchema = z.strictObject({ code: z.number().int().min(0).max(65535), name: z.string().max(32), count: CountSchema });
export const FilterLabelsResultSchema = z.strictObject({
  kind: z.literal('filter-labels'),
  /** null: the ref is not in the loaded data */
  host: LabelSchema.optional(),
  process: LabelSchema.optional(),
  domain: LabelSchema.optional(),
  dataRange: RangeSchema.nullable(),
  /** statuses (code: index in STATUS_ORDER) and record types (code: number) of the loaded data, with their counts */
  statuses: z.array(CodeCountSchema).max(STATUS_ORDER.length),
  qtypes: z.array(CodeCountSchema).max(64),
});
export type FilterLabelsResult = z.infer<typeof FilterLabelsResultSchema>;

export const EntityChoicesResultSchema = z.strictObject({
  kind: z.literal('entity-choices'),
  groups: z
    .array(
      z.strictObject({
        dim: z.enum(['host', 'process', 'domain']),
        /** distinct values of the dimension in the loaded data */
        total: CountSchema,
        /** of them, those matching the search */
        matched: CountSchema,
        entries: z.array(z.strictObject({ ref: RefSchema, label: TextSchema })).max(1000),
      }),
    )
    .max(3),
});
export type EntityChoicesResult = z.infer<typeof EntityChoicesResultSchema>;

export const TimelinePointSchema = z.strictObject({
  row: CountSchema,
  time: MsSchema,
  domainIndex: CountSchema,
  status: z.enum(STATUS_ORDER),
  validity: z.enum(['ok', 'anomalous', 'none']),
  /** indices into `findings` */
  findings: z.array(CountSchema).max(64),
});
export type TimelinePoint = z.infer<typeof TimelinePointSchema>;

export const TimelineResultSchema = z.strictObject({
  kind: z.literal('timeline'),
  /** the entity's name; null when not asked for or not in the loaded data */
  label: TextSchema.nullable(),
  total: CountSchema,
  sampled: z.boolean(),
  /** evidence domains first, then by queries */
  domains: z.array(TextSchema),
  /** per domain: its queries in range */
  domainQueries: z.array(CountSchema),
  /** per domain: its rows that are finding evidence */
  domainEvidence: z.array(CountSchema),
  findings: z.array(z.strictObject({ id: z.string().max(64), title: TextSchema, detector: z.string().max(200) })),
  points: z.array(TimelinePointSchema).max(20_000),
});
export type TimelineResult = z.infer<typeof TimelineResultSchema>;

export const EventResultSchema = z.strictObject({
  kind: z.literal('event'),
  /** null when the row is not in the loaded data */
  event: EventRowSchema.nullable(),
});
export type EventResult = z.infer<typeof EventResultSchema>;

const EntityCountSchema = z.strictObject({ ref: RefSchema.nullable(), label: TextSchema, count: CountSchema });
export type EntityCount = z.infer<typeof EntityCountSchema>;

export const ProcessFactsRowSchema = z.strictObject({
  guid: TextSchema,
  pid: z.number().int(),
  host: TextSchema,
  user: TextSchema,
  commandLine: TextSchema,
  parentImage: TextSchema,
  company: TextSchema,
  signed: z.boolean().nullable(),
  signature: TextSchema,
  signatureStatus: TextSchema,
  hashes: z.array(z.strictObject({ alg: z.string().max(32), value: TextSchema })).max(16),
  createdFiles: z.array(TextSchema).max(100),
});
export type ProcessFactsRow = z.infer<typeof ProcessFactsRowSchema>;

export const PayloadDetailsSchema = z.strictObject({
  findingId: z.string().max(64),
  bytes: CountSchema,
  xorKey: z.number().int().min(0).max(255),
  hex: TextSchema,
  signature: TextSchema.nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** records missing inside the counter run (AAAA: 16 zero bytes each in the payload) */
  gaps: CountSchema,
  recordType: z.enum(['AAAA', 'TXT']).nullable(),
});
export type PayloadDetails = z.infer<typeof PayloadDetailsSchema>;

/** One process image, domain or host (issue #4): what the loaded data and the findings say of it. */
export const EntityResultSchema = z.strictObject({
  kind: z.literal('entity'),
  dim: z.enum(['process', 'domain', 'host']),
  /** null when the ref is not in the loaded data */
  label: TextSchema.nullable(),
  queries: CountSchema,
  processes: z.array(EntityCountSchema).max(100),
  hosts: z.array(EntityCountSchema).max(100),
  users: z.array(EntityCountSchema).max(100),
  domains: z.array(EntityCountSchema).max(100),
  pids: z.array(z.number().int()).max(100),
  guids: z.array(TextSchema).max(100),
  facts: z.array(ProcessFactsRowSchema).max(20),
  answers: z.array(z.strictObject({ value: TextSchema, type: z.string().max(16), count: CountSchema, ipv6Class: z.string().max(200).nullable() })).max(200),
  findings: z.array(FindingSummarySchema).max(200),
  payloads: z.array(PayloadDetailsSchema).max(20),
});
export type EntityResult = z.infer<typeof EntityResultSchema>;

/** The full reassembled bytes of a payload finding; null when they cannot be rebuilt. */
export const PayloadResultSchema = z.strictObject({
  kind: z.literal('payload'),
  findingId: z.string().max(64),
  sha256: z.string().max(64).nullable(),
  bytes: z.instanceof(ArrayBuffer).nullable(),
});
export type PayloadResult = z.infer<typeof PayloadResultSchema>;

/** The results but the timeline's, which travels in another form. */
const OTHER_RESULTS = [
  EntityChoicesResultSchema,
  EntityResultSchema,
  PayloadResultSchema,
  EventResultSchema,
  OverviewResultSchema,
  PivotResultSchema,
  SuspectsResultSchema,
  RowsResultSchema,
  FindingRowsResultSchema,
  FilterLabelsResultSchema,
] as const;

export const QueryResultSchema = z.discriminatedUnion('kind', [TimelineResultSchema, ...OTHER_RESULTS]);
export type QueryResult = z.infer<typeof QueryResultSchema>;

/** A result as the worker posts it: the timeline's points in typed arrays (timeline-columns.ts). */
export const WireResultSchema = z.discriminatedUnion('kind', [TimelineResultSchema.extend({ points: TimelineColumnsSchema }), ...OTHER_RESULTS]);
export type WireResult = z.infer<typeof WireResultSchema>;

export function toWire(r: QueryResult): WireResult {
  return r.kind === 'timeline' ? { ...r, points: encodePoints(r.points) } : r;
}

export function fromWire(r: WireResult): QueryResult {
  return r.kind === 'timeline' ? { ...r, points: decodePoints(r.points) } : r;
}



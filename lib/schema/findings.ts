import { z } from 'zod';

/** The findings JSON contract (design.md): CLI `--json`, reports and shared sessions. */
export const SCHEMA_VERSION = 1;

export const ProblemSchema = z.object({
  line: z.number().int().nonnegative(),
  reason: z.string(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const InputSummarySchema = z.object({
  name: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** adapter id, or "unknown" when the content matched no supported format */
  format: z.string(),
  formatLabel: z.string(),
  bytes: z.number().int().nonnegative(),
  /** DNS events ingested */
  events: z.number().int().nonnegative(),
  /** records that could not be read */
  skipped: z.number().int().nonnegative(),
  /** first problems with line and reason (at most MAX_PROBLEMS; `skipped` has the full count) */
  problems: z.array(ProblemSchema),
  problemsTruncated: z.boolean(),
  /** records read fine that are not DNS events, by kind ("Sysmon 7": 100) */
  otherRecords: z.record(z.string(), z.number().int().nonnegative()),
  /** Sysmon 1/7/11 records kept as process facts */
  processFacts: z.number().int().nonnegative(),
  timeRange: z.object({ first: z.iso.datetime(), last: z.iso.datetime() }).nullable(),
  timeBasis: z.string(),
  /** DNS events by unified status */
  statusMix: z.record(z.string(), z.number().int().nonnegative()),
  /** DNS events by the status code as logged (Sysmon QueryStatus, Zeek rcode; -1 none) */
  statusCodes: z.record(z.string(), z.number().int().nonnegative()),
  /** set when nothing could be read: unknown format, binary file, read error */
  error: z.string().optional(),
  cancelled: z.boolean().optional(),
});
export type InputSummary = z.infer<typeof InputSummarySchema>;

export const SeveritySchema = z.enum(['info', 'low', 'medium', 'high', 'critical']);

export const FindingSchema = z.object({
  id: z.string(),
  detector: z.string(),
  title: z.string(),
  severity: SeveritySchema,
  score: z.number(),
  entity: z.object({
    domain: z.string().optional(),
    qname: z.string().optional(),
    host: z.string().optional(),
    process: z.string().optional(),
  }),
  evidence: z.object({
    events: z.number().int().nonnegative(),
    firstSeen: z.iso.datetime(),
    lastSeen: z.iso.datetime(),
    examples: z.array(
      z.object({
        input: z.number().int().nonnegative(),
        line: z.number().int().nonnegative(),
        qname: z.string(),
        answers: z.array(z.string()),
      }),
    ),
  }),
  details: z.record(z.string(), z.unknown()),
});
export type Finding = z.infer<typeof FindingSchema>;

export const HuntReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  generator: z.object({ name: z.literal('dns-hunt'), version: z.string() }),
  inputs: z.array(InputSummarySchema),
  findings: z.array(FindingSchema),
});
export type HuntReport = z.infer<typeof HuntReportSchema>;

/** JSON Schema of the contract, for consumers outside TypeScript. */
export function huntReportJsonSchema(): unknown {
  return z.toJSONSchema(HuntReportSchema);
}

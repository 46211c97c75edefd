/**
 * Messages between the page and the worker. Both sides validate what they receive with these
 * schemas: only summaries, counters and the pages of rows a view shows cross the boundary
 * (queries: query-protocol.ts).
 */
import { z } from 'zod';
import { InputSummarySchema } from '../schema/findings';
import {
  DatasetMessageSchema,
  DetectedMessageSchema,
  DetectRequestSchema,
  QueryErrorMessageSchema,
  QueryRequestSchema,
  ResultMessageSchema,
} from './query-protocol';

/** Page-chosen id of one queued file. */
const IdSchema = z.string().min(1).max(64);
const CountSchema = z.number().int().nonnegative();

const FileSchema = z.custom<File>(
  (v) => typeof File !== 'undefined' && v instanceof File,
  'expected a File',
);

// ── page → worker ────────────────────────────────────────────────────────────

/** Queue a file; files are read one after the other, in the order they were sent. */
export const IngestRequestSchema = z.object({
  type: z.literal('ingest'),
  id: IdSchema,
  file: FileSchema,
  /** the page's logical cores (navigator.hardwareConcurrency): a large file is split in two parts from 4 on */
  cores: z.number().int().positive().max(4096).optional(),
});

/** Stop reading a file (running or still queued); its rows are removed from the store. */
export const CancelRequestSchema = z.object({
  type: z.literal('cancel'),
  id: IdSchema,
});

/** Messages the ingest queue handles. */
export const IngestToWorkerSchema = z.discriminatedUnion('type', [IngestRequestSchema, CancelRequestSchema]);

export const ToWorkerSchema = z.discriminatedUnion('type', [
  IngestRequestSchema,
  CancelRequestSchema,
  QueryRequestSchema,
  DetectRequestSchema,
]);
export type ToWorker = z.infer<typeof ToWorkerSchema>;

// ── worker → page ────────────────────────────────────────────────────────────

/** The worker started reading this file (it was queued until now). */
export const StartedMessageSchema = z.object({
  type: z.literal('started'),
  id: IdSchema,
});

/** Throttled progress of the running file. */
export const ProgressMessageSchema = z.object({
  type: z.literal('progress'),
  id: IdSchema,
  bytes: CountSchema,
  totalBytes: CountSchema,
  events: CountSchema,
  skipped: CountSchema,
});

/** A file's sha256 as the findings contract writes it. */
export const Sha256Schema = InputSummarySchema.shape.sha256;

/**
 * The file was read (possibly with an `error` in the summary, e.g. unknown format). Its sha256 is
 * '' when it is computed later (the app's reader puts it off until the findings are shown): a
 * `digest` message for the same id follows.
 */
export const DoneMessageSchema = z.object({
  type: z.literal('done'),
  id: IdSchema,
  summary: InputSummarySchema.extend({ sha256: z.union([Sha256Schema, z.literal('')]) }),
  /** DNS events held by the worker's store for the whole session after this file */
  storeEvents: CountSchema,
  /** logical fields the file's format provides (empty when it could not be read): detector coverage */
  fields: z.array(z.string().min(1).max(32)).max(64),
});

/** The sha256 of a file read earlier (its `done` summary had none), or why it could not be computed. */
export const DigestMessageSchema = z.object({
  type: z.literal('digest'),
  id: IdSchema,
  sha256: Sha256Schema.nullable(),
  /** null with a sha256 */
  message: z.string().max(2000).nullable(),
});

/** The file was cancelled; none of its rows stay in the store. */
export const CancelledMessageSchema = z.object({
  type: z.literal('cancelled'),
  id: IdSchema,
  storeEvents: CountSchema,
});

/** Something failed outside the content of a file (a bug or an invalid message). */
export const ErrorMessageSchema = z.object({
  type: z.literal('error'),
  /** null when the failing message could not be tied to a file */
  id: IdSchema.nullable(),
  message: z.string(),
});

export const FromWorkerSchema = z.discriminatedUnion('type', [
  StartedMessageSchema,
  ProgressMessageSchema,
  DoneMessageSchema,
  DigestMessageSchema,
  CancelledMessageSchema,
  ErrorMessageSchema,
  ResultMessageSchema,
  QueryErrorMessageSchema,
  DatasetMessageSchema,
  DetectedMessageSchema,
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;

/** Bytes per slice when a File is read in slices (readBlobChunks, which tests use to cut files small); the app streams files (streamBlob). */
export const READ_CHUNK_BYTES = 4 * 1024 * 1024;

/** Minimum time between two progress messages for one file, in ms (≤ 10 per second). */
export const PROGRESS_INTERVAL_MS = 100;

/** A short, bounded description of a validation failure (never echoes the message content). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'message'}: ${i.message}`)
    .join('; ');
}

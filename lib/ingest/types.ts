import type { SplitSpec } from './split';
/**
 * Contracts between the ingest pipeline, the source adapters and the event store.
 * Adapters turn records of one export format into normalised events and push them into an
 * {@link IngestSink}; they never see the store itself.
 */

import type { StoreRowInput, StoreStatus } from '../store/event-store';
import type { ProcessFactRecord } from '../store/process-table';

/** Unified DNS outcome (log-formats.md §5). NO_RESPONSE: a network sensor saw no reply. */
export { STATUS_ORDER as DNS_STATUSES } from '../store/event-store';
export type DnsStatus = StoreStatus;

/** One answer record: IANA RR type number and its value (v4-mapped prefix and trailing dot removed). */
export interface Answer {
  readonly type: number;
  readonly value: string;
}

/**
 * A DNS event as an adapter hands it over: the store's row input. The store copies every
 * field, so an adapter may reuse one object for all its rows. Unknown strings are '', unknown
 * numbers -1.
 */
export type DnsEventInput = StoreRowInput;

/** A Sysmon record that is not a DNS query but gives context about a process (EID 1, 7, 11). */
export type ProcessFactInput = Omit<ProcessFactRecord, 'input' | 'eventId'> & { eventId: 1 | 7 | 11 };

/** Where adapters put what they read. */
export interface IngestSink {
  /**
   * Interns an answer set. `parse` runs only the first time `key` is seen, so adapters pay for
   * parsing once per distinct answer string. `raw` is what the row logged, shown in evidence.
   * The key must determine the parse result (include anything besides `raw` that parse depends on);
   * it is namespaced per adapter by the pipeline. '' means no answers (id 0).
   */
  /**
   * `keep`: `key`, `raw` and the values `parse` cuts from it are strings of their own (made once
   * per value, see StoreRowInput.keep): the store keeps them instead of copies.
   */
  answers(key: string, raw: string, parse: (raw: string) => readonly Answer[], keep?: boolean): number;
  dns(event: DnsEventInput): void;
  /**
   * The store's ids of a query name and of a row's actor, as `dns` would intern them: a reader
   * that sees rows share these fields (the same cells) hands them over with its rows
   * (StoreRowInput.qnameId, actorId) instead of having them interned again.
   */
  qnameId(qname: string, keep: boolean): number;
  actorId(event: DnsEventInput): number;
  processFact(fact: ProcessFactInput): void;
  /** A record that was read fine but is not a DNS event nor a process fact, e.g. "Sysmon 3". */
  other(kind: string): void;
  /** A record that could not be read. It is counted as skipped. */
  problem(line: number, reason: string): void;
  /** How the source's timestamps should be read, e.g. "UTC (Sysmon UtcTime)". */
  timeBasis(label: string): void;
}

/** Receives the decoded text of one input in order (or its bytes, see startBytes). */
export interface RecordReader {
  push(text: string): void;
  end(): void;
  /**
   * Asks to read the input as UTF-8 bytes instead of text (before anything is pushed): true
   * when this reader can, and then the input comes through `pushBytes` and `end` only.
   */
  startBytes?(): boolean;
  pushBytes?(bytes: Uint8Array): void;
}

/** Logical fields an adapter can fill; detectors declare which they need. */
export const EVENT_FIELDS = [
  'time',
  'host',
  'user',
  'process',
  'qname',
  'qtype',
  'status',
  'answers',
  'ttl',
  'resolver',
  'client',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export interface SourceAdapter {
  /** Stable id used in the findings JSON `inputs[].format`. */
  readonly id: string;
  readonly label: string;
  readonly fields: readonly EventField[];
  /**
   * Confidence in [0, 1] that `head` (the first decoded characters of the file, at most
   * {@link SNIFF_CHARS}) is this format. Sniffing looks at content only, never the file name.
   */
  sniff(head: string): number;
  open(sink: IngestSink): RecordReader;
  /** set when a large file of this format can be read as two parts (see split.ts) */
  readonly split?: SplitSpec;
}

export const SNIFF_CHARS = 64 * 1024;
/** A record larger than this is reported and skipped instead of buffered. */
export const MAX_RECORD_CHARS = 1024 * 1024;

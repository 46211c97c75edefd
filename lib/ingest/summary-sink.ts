import type { EventStore } from '../store/event-store';
import { ownString } from '../store/string-pool';
import type { Problem } from '../schema/findings';
import type { DnsEventInput, IngestSink, ProcessFactInput } from './types';

export const MAX_PROBLEMS = 1000;
/** Distinct kinds of non-DNS records counted by name; the rest are pooled. */
const MAX_OTHER_KINDS = 200;

/** Counts and remembers what the adapter hands over, and appends DNS rows to the store. */
export class SummarySink implements IngestSink {
  events = 0;
  skipped = 0;
  processFacts = 0;
  readonly problems: Problem[] = [];
  readonly otherCounts: Record<string, number> = Object.create(null) as Record<string, number>;
  /** events per status, in the order statuses were first seen (a short list: no map per row) */
  private readonly statusCounts: { status: string; n: number }[] = [];
  /** events per logged status code; the holder is updated in place */
  private readonly codeCounts = new Map<number, { n: number }>();
  /** the last row's code and its holder: most rows repeat it, and then need no lookup */
  private lastCode = NaN;
  private lastCodeCount: { n: number } = { n: 0 };
  first = Infinity;
  last = -Infinity;
  basis = '';

  constructor(
    private readonly store: EventStore,
    private readonly input: number,
  ) {}

  /** Answer keys are namespaced by adapter so two formats never share a parse result. */
  keyPrefix = '';

  /** this input's answer keys → store ids, so the prefixed key is built once per distinct key */
  private readonly answerIds = new Map<string, number>();

  answers: IngestSink['answers'] = (key, raw, parse, keep = false) => {
    if (key === '') return 0;
    let id = this.answerIds.get(key);
    if (id === undefined) {
      id = this.store.internAnswers(this.keyPrefix + key, raw, parse, keep);
      // no second copy: the store's text when it is the key (no prefix, key as logged), the key
      // itself when it may be kept
      const kept = this.store.answerText(id);
      this.answerIds.set(kept === key ? kept : keep ? key : ownString(key), id);
    }
    return id;
  };

  dns(e: DnsEventInput): void {
    if (!Number.isFinite(e.time)) {
      this.problem(e.line, 'no valid timestamp');
      return;
    }
    this.store.append(e);
    this.events++;
    if (e.time < this.first) this.first = e.time;
    if (e.time > this.last) this.last = e.time;
    const counts = this.statusCounts;
    let i = 0;
    while (i < counts.length && (counts[i] as { status: string }).status !== e.status) i++;
    if (i === counts.length) counts.push({ status: e.status, n: 0 });
    (counts[i] as { n: number }).n++;
    if (e.statusCode !== this.lastCode) {
      let code = this.codeCounts.get(e.statusCode);
      if (!code) this.codeCounts.set(e.statusCode, (code = { n: 0 }));
      this.lastCode = e.statusCode;
      this.lastCodeCount = code;
    }
    this.lastCodeCount.n++;
  }

  qnameId(qname: string, keep: boolean): number {
    return this.store.qnameId(qname, keep);
  }

  actorId(e: DnsEventInput): number {
    return this.store.actorId(e);
  }

  /** Events per status name. */
  get statusMix(): Record<string, number> {
    return Object.fromEntries(this.statusCounts.map((c) => [c.status, c.n])) as Record<string, number>;
  }

  /** Events per status code as logged ('-1': none). */
  get statusCodes(): Record<string, number> {
    return Object.fromEntries([...this.codeCounts].map(([c, h]) => [String(c), h.n])) as Record<string, number>;
  }

  /** Held back until the input completes, so a cancelled input leaves no facts behind. */
  readonly pendingFacts: ProcessFactInput[] = [];

  processFact(f: ProcessFactInput): void {
    this.pendingFacts.push({ ...f });
    this.processFacts++;
  }

  commitFacts(): void {
    for (const f of this.pendingFacts) this.store.processes.add({ ...f, input: this.input });
    this.pendingFacts.length = 0;
  }

  private otherKinds = 0;

  other(kind: string): void {
    let k = kind.slice(0, 80);
    if (this.otherCounts[k] === undefined && ++this.otherKinds > MAX_OTHER_KINDS) k = '(other kinds)';
    this.otherCounts[k] = (this.otherCounts[k] ?? 0) + 1;
  }

  problem(line: number, reason: string): void {
    this.skipped++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ line, reason: ownString(reason.slice(0, 500)) });
  }

  timeBasis(label: string): void {
    this.basis = label;
  }
}

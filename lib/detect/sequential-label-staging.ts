/**
 * D1 sequential-label staging (dns-c2-facts §1.4, §6): one process asks `<stem>0`, `<stem>1`, …
 * under one parent, one record each, usually AAAA or TXT, in counter order, and stops on the
 * first failure (DNSStager `cloud-srv-0..31`, nishang `1.`, `2.`, CS `aaa.stage.`…). Names are
 * low-entropy, so the structure is the tell, not the label shape.
 */
import { qtypeName } from '../ingest/dns-codes';
import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';
import { answerLooksEncoded, TYPE_AAAA, TYPE_TXT } from './util/payload';
import { findSequenceRuns, sequencePattern, type SequenceRun } from './util/sequence';

const meta = {
  id: 'sequential-label-staging',
  title: 'Sequential-label payload staging',
  description:
    'One process resolves a constant stem plus an increasing counter (cdn0, cdn1, … or 1., 2., … or aaa/baa.stage.) under one parent domain, one record per name, typically AAAA or TXT, ending in NODATA: how DNSStager, nishang and Cobalt Strike stagers pull a payload in chunks.',
  mitre: ['T1071.004', 'T1105', 'T1132.001'],
  requiredFields: ['qname'],
  thresholds: {
    minRecords: {
      default: 8,
      unit: 'records',
      min: 3,
      description: 'answered counters a run needs (dns-c2-facts §6 D1: N ≥ 8; stagers use 32–56)',
    },
    maxGaps: { default: 2, unit: 'counters', min: 0, description: 'missing counters tolerated inside a run (§6 D1: ≤ 2 gaps)' },
    maxStart: { default: 1, unit: 'counter', min: 0, description: 'highest first counter (DNSStager starts at 0, nishang at 1)' },
    maxProcesses: {
      default: 3,
      unit: 'processes',
      min: 1,
      description: 'a stem+parent asked by more processes is shared infrastructure (inventory scans, load-balanced pools)',
    },
    maxQueriesPerName: {
      default: 3,
      unit: 'queries per name (mean)',
      min: 1,
      description: 'stagers ask each name once (twice if re-run); pollers ask the same names again and again',
    },
  },
  falsePositives: [
    'Scripts that enumerate numbered hosts (host-1 … host-40) from one process; with ordinary address answers they stay low',
    'StatefulSet-style clients resolving web-0 … web-N once at start-up',
    'Sequential names without visible answers (Windows DNS debug log without details) cannot be checked for encoded answers',
  ],
  severity: 'low',
} as const;

const STAGING_TYPES = new Set([TYPE_AAAA, TYPE_TXT]);

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function judge(ctx: DetectContext, run: SequenceRun, maxQueriesPerName: number): RawFinding | null {
  const n = run.entries.length;
  const namesAsked = n + (run.terminal ? 1 : 0);
  const queriesPerName = run.rows.length / namesAsked;
  if (queriesPerName > maxQueriesPerName) return null;

  const answersKnown = ctx.fields.has('answers');
  let once = 0;
  let encoded = 0;
  let ascending = 0;
  const gapsSec: number[] = [];
  let prevT = -Infinity;
  for (const e of run.entries) {
    const ans = ctx.answers(e.answeredRow);
    if (e.answered === 1 && (!answersKnown || ans.length === 1)) once++;
    if (ans.some(answerLooksEncoded)) encoded++;
    const t = ctx.time(e.firstRow);
    if (t >= prevT) ascending++;
    if (Number.isFinite(prevT)) gapsSec.push((t - prevT) / 1000);
    prevT = t;
  }
  const monotone = n > 1 ? (ascending - 1) / (n - 1) : 1;
  const onceShare = once / n;
  const encodedShare = answersKnown ? encoded / n : null;
  const stagingType = STAGING_TYPES.has(run.qtype) && run.qtypeShare >= 0.8;

  let score = 2.5;
  if (stagingType) score += 1.5;
  if (monotone >= 0.9) score += 1;
  if (onceShare >= 0.9) score += 1;
  if (run.terminal) score += 0.5;
  if (encodedShare !== null) {
    score += 2 * encodedShare;
    // Sequential names answered with ordinary addresses are enumeration, not staging.
    if (encodedShare < 0.5) score = Math.min(score, 3.5);
  }

  const first = run.entries[0];
  const firstRow = first ? first.answeredRow : (run.rows[0] as number);
  const pe = ctx.processEntity(run.process);
  const pattern = sequencePattern(run);
  const qt = run.qtype === 0 ? 'records' : `${qtypeName(run.qtype)} records`;
  const t0 = ctx.time(run.rows[0] as number);
  let t1 = t0;
  for (const r of run.rows) t1 = Math.max(t1, ctx.time(r));
  return {
    title: `Sequential staging names ${pattern} (${n} ${qt})`,
    severity: severityFor(meta, score),
    score,
    entity: {
      domain: ctx.domainText(run.domain),
      qname: ctx.qnameText(firstRow),
      host: pe.host,
      ...(pe.process !== '' ? { process: pe.process } : {}),
    },
    rows: run.rows,
    details: {
      pattern,
      stem: run.stem,
      parent: run.parent,
      counter: run.kind,
      records: n,
      range: [run.start, run.end],
      gaps: run.gaps,
      qtype: run.qtype === 0 ? null : qtypeName(run.qtype),
      qtypeShare: Math.round(run.qtypeShare * 1000) / 1000,
      terminal: run.terminal ? { counter: run.terminal.counter, status: ctx.status(run.terminal.failedRow) } : null,
      monotoneShare: Math.round(monotone * 1000) / 1000,
      answeredOnceShare: Math.round(onceShare * 1000) / 1000,
      encodedAnswerShare: encodedShare === null ? null : Math.round(encodedShare * 1000) / 1000,
      queriesPerName: Math.round(queriesPerName * 100) / 100,
      processesForStem: run.processesForStem,
      durationSeconds: (t1 - t0) / 1000,
      medianIntervalSeconds: median(gapsSec),
    },
  };
}

export const sequentialLabelStaging = defineDetector({
  meta,
  run(ctx, th) {
    // the thresholds carry minRecords, maxGaps, maxStart and maxProcesses by the same names
    return findSequenceRuns(ctx, th).flatMap((run) => judge(ctx, run, th.maxQueriesPerName) ?? []);
  },
});

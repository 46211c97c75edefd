/**
 * D3 payload reassembly (dns-c2-facts §1.3–1.4, §6): orders a sequential-name run's answers by
 * counter, rebuilds the bytes (AAAA: 16 per record, DNSStager tail padding trimmed; TXT: base64,
 * base64 of hex text, or hex), tries every single-byte XOR key against known stager signatures
 * and reports `details.payload` with the key found and the sha256 of the decoded payload.
 */
import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';
import {
  aaaaResponseBytes,
  answerLooksEncoded,
  cleanTxt,
  decodeTxtChunks,
  findXorSignature,
  reassembleAaaa,
  summarizePayload,
  TYPE_AAAA,
  TYPE_TXT,
  type SignatureMatch,
  type TxtEncoding,
} from './util/payload';
import { findSequenceRuns, sequencePattern, type SequenceEntry, type SequenceRun } from './util/sequence';

const meta = {
  id: 'payload-reassembly',
  title: 'Payload reassembled from DNS answers',
  description:
    'Rebuilds the bytes a sequential-name run received in AAAA or TXT answers, recovers a single-byte XOR key and names the payload when it starts like stager shellcode or a PE file (DNSStager and similar DNS stagers).',
  mitre: ['T1105', 'T1071.004', 'T1027'],
  requiredFields: ['qname', 'answers'],
  thresholds: {
    minRecords: {
      default: 2,
      unit: 'records',
      min: 2,
      description: 'answered counters to attempt reassembly (a 17-byte payload needs 2 AAAA records); a signature match decides',
    },
    opaqueMinRecords: {
      default: 8,
      unit: 'records',
      min: 2,
      description: 'without a signature, report only runs this long whose answers look encoded (dns-c2-facts §6 D1: N ≥ 8)',
    },
    maxGaps: { default: 2, unit: 'counters', min: 0, description: 'missing records tolerated inside a run (§6 D1: ≤ 2 gaps)' },
    maxStart: { default: 1, unit: 'counter', min: 0, description: 'highest first counter (DNSStager starts at 0, nishang at 1)' },
    maxProcesses: {
      default: 20,
      unit: 'processes',
      min: 1,
      description: 'a stem+parent asked by more processes is shared infrastructure and skipped (higher than D1: one stager run on many hosts is a campaign, and a signature decides)',
    },
  },
  falsePositives: [
    'Payloads without a known signature (custom encoders, multi-byte keys, compressed nishang scripts) are reported only as opaque data',
    'Legitimate TXT record series carrying base64 data (e.g. chunked configuration or keys) reassemble to opaque payloads',
  ],
  severity: 'medium',
} as const;

interface Rebuilt {
  readonly type: number;
  readonly encoding: 'aaaa' | TxtEncoding;
  readonly encoded: Uint8Array;
  readonly rows: number[];
  readonly encodedShare: number;
}

/** The record type the run carries data in: the one most answered rows hold. */
function dataType(ctx: DetectContext, entries: readonly SequenceEntry[]): number {
  let aaaa = 0;
  let txt = 0;
  for (const e of entries) {
    const ans = ctx.answers(e.answeredRow);
    if (ans.some((a) => a.type === TYPE_AAAA)) aaaa++;
    else if (ans.some((a) => a.type === TYPE_TXT)) txt++;
  }
  if (aaaa === 0 && txt === 0) return 0;
  return aaaa >= txt ? TYPE_AAAA : TYPE_TXT;
}

function rebuild(ctx: DetectContext, run: SequenceRun): Rebuilt | null {
  const type = dataType(ctx, run.entries);
  if (type === 0) return null;
  const byCounter = new Map<number, SequenceEntry>();
  for (const e of run.entries) byCounter.set(e.counter, e);
  const rows: number[] = [];
  let encoded = 0;
  const records: (Uint8Array | null)[] = [];
  const chunks: string[] = [];
  for (let c = run.start; c <= run.end; c++) {
    const e = byCounter.get(c);
    const ans = e ? ctx.answers(e.answeredRow) : [];
    if (e) {
      rows.push(e.answeredRow);
      if (ans.some(answerLooksEncoded)) encoded++;
    }
    if (type === TYPE_AAAA) records.push(aaaaResponseBytes(ans));
    else for (const a of ans) if (a.type === TYPE_TXT) chunks.push(cleanTxt(a.value));
  }
  const encodedShare = encoded / run.entries.length;
  if (type === TYPE_AAAA) return { type, encoding: 'aaaa', encoded: reassembleAaaa(records), rows, encodedShare };
  const txt = decodeTxtChunks(chunks);
  return { type, encoding: txt.encoding, encoded: txt.bytes, rows, encodedShare };
}

function judge(ctx: DetectContext, run: SequenceRun, opaqueMinRecords: number): RawFinding | null {
  const rebuilt = rebuild(ctx, run);
  if (!rebuilt || rebuilt.encoded.length === 0) return null;
  const match: SignatureMatch | null = findXorSignature(rebuilt.encoded);
  const n = run.entries.length;
  let score: number;
  if (match) score = 9.5;
  else if (n >= opaqueMinRecords && rebuilt.encodedShare >= 0.5) score = rebuilt.encoding === 'base64-hex' ? 6 : 5;
  else return null;

  const payload = summarizePayload(rebuilt.encoded, match);
  const pattern = sequencePattern(run);
  const rtype = rebuilt.type === TYPE_AAAA ? 'AAAA' : 'TXT';
  const key = `0x${payload.xorKey.toString(16).padStart(2, '0')}`;
  const title = match
    ? `${match.signature} (XOR key ${key}) reassembled from ${n} ${rtype} answers of ${pattern}`
    : `Opaque ${payload.bytes}-byte payload reassembled from ${n} ${rtype} answers of ${pattern}`;
  const pe = ctx.processEntity(run.process);
  return {
    title,
    severity: severityFor(meta, score),
    score,
    entity: {
      domain: ctx.domainText(run.domain),
      qname: ctx.qnameText(rebuilt.rows[0] as number),
      host: pe.host,
      ...(pe.process !== '' ? { process: pe.process } : {}),
    },
    rows: rebuilt.rows,
    details: {
      payload,
      pattern,
      recordType: rtype,
      encoding: rebuilt.encoding,
      records: n,
      gaps: run.gaps,
      range: [run.start, run.end],
      encodedAnswerShare: Math.round(rebuilt.encodedShare * 1000) / 1000,
    },
  };
}

export const payloadReassembly = defineDetector({
  meta,
  run(ctx, th) {
    // the thresholds carry minRecords, maxGaps, maxStart and maxProcesses by the same names
    return findSequenceRuns(ctx, th).flatMap((run) => judge(ctx, run, th.opaqueMinRecords) ?? []);
  },
});

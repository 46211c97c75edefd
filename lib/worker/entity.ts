/**
 * Entity pages (issue #4): everything the loaded data and the findings say of one process image,
 * registrable domain or host, and the full bytes of a reassembled payload (re-derived from the
 * finding's evidence rows with the detector's own helpers, checked against its sha256).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import type { DetectContext } from '../detect/context';
import { aaaaResponseBytes, cleanTxt, decodeTxtChunks, reassembleAaaa, TYPE_AAAA, TYPE_TXT, xorBytes } from '../detect/util/payload';
import { sequenceCounter } from '../detect/util/sequence-name';
import { classifyIpv6 } from '../enrich/iana-ipv6';
import { qtypeName } from '../ingest/dns-codes';
import type { Detection } from './detection';
import type { EntityIndex } from './entity-index';
import { clipText } from './event-rows';
import type { RefDimension } from './query-protocol';
import type { EntityCount, EntityResult, FindingSummary, PayloadDetails, PayloadResult, ProcessFactsRow } from './query-results';

const MAX_LIST = 100;

const PayloadJsonSchema = z.object({
  payload: z.object({ bytes: z.number().int().nonnegative(), xorKey: z.number().int().min(0).max(255), hex: z.string(), signature: z.string().nullable(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  recordType: z.enum(['AAAA', 'TXT']).optional(),
  gaps: z.number().int().nonnegative().optional(),
  /** first and last counter of the run (AAAA: missing counters are 16 zero bytes each) */
  range: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).optional(),
});

/** Counter runs longer than this are not rebuilt (a payload of 16 MiB of AAAA records). */
const MAX_RUN_COUNTERS = 1 << 20;

/**
 * The AAAA records of a run in counter order, as the detector reassembled them: each counter's
 * evidence row, a gap (null) where the run has none. Without a usable range, evidence order.
 */
function counterRows(ctx: DetectContext, rows: readonly number[]): Map<number, number> {
  const byCounter = new Map<number, number>();
  for (const r of rows) {
    const c = sequenceCounter(ctx.qnameText(r));
    if (c >= 0 && !byCounter.has(c)) byCounter.set(c, r);
  }
  return byCounter;
}

/** TXT records of a run: the evidence rows in counter order (gaps simply absent). */
function txtChunks(ctx: DetectContext, rows: readonly number[]): string[] {
  const byCounter = counterRows(ctx, rows);
  const ordered = byCounter.size === rows.length ? [...byCounter].sort((a, b) => a[0] - b[0]).map(([, r]) => r) : rows;
  const chunks: string[] = [];
  for (const r of ordered) for (const a of ctx.answers(r)) if (a.type === TYPE_TXT) chunks.push(cleanTxt(a.value));
  return chunks;
}

function aaaaRecords(ctx: DetectContext, rows: readonly number[], range: readonly [number, number] | undefined): (Uint8Array | null)[] {
  const byCounter = counterRows(ctx, rows);
  if (!range || range[1] < range[0] || range[1] - range[0] >= MAX_RUN_COUNTERS || byCounter.size !== rows.length) {
    return rows.map((r) => aaaaResponseBytes(ctx.answers(r)));
  }
  const out: (Uint8Array | null)[] = [];
  for (let c = range[0]; c <= range[1]; c++) {
    const r = byCounter.get(c);
    out.push(r === undefined ? null : aaaaResponseBytes(ctx.answers(r)));
  }
  return out;
}

function parseDetails(f: FindingSummary): z.infer<typeof PayloadJsonSchema> | null {
  if (f.detector !== 'payload-reassembly') return null;
  try {
    const r = PayloadJsonSchema.safeParse(JSON.parse(f.detailsJson));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

export interface EntitySources {
  ctx: DetectContext;
  entities: EntityIndex;
  committed: number;
  detection: Detection;
}

function counted(src: EntitySources, dim: RefDimension | null, m: Map<string, number>): EntityCount[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_LIST)
    .map(([label, count]) => ({ ref: dim === null ? null : (src.entities.ref(dim, label) ?? null), label: clipText(label), count }));
}

function factsRow(src: EntitySources, guid: string): ProcessFactsRow | null {
  const p = src.ctx.store.processes.get(guid);
  if (!p) return null;
  return {
    guid: clipText(p.guid),
    pid: p.pid,
    host: clipText(p.host),
    user: clipText(p.user),
    commandLine: clipText(p.commandLine),
    parentImage: clipText(p.parentImage),
    company: clipText(p.company),
    signed: p.signed,
    signature: clipText(p.signature),
    signatureStatus: clipText(p.signatureStatus),
    hashes: Object.entries(p.hashes)
      .slice(0, 16)
      .map(([alg, value]) => ({ alg: alg.slice(0, 32), value: clipText(value) })),
    createdFiles: p.createdFiles.slice(0, 100).map((f) => clipText(f.path)),
  };
}

/** The entity page of one ref. */
export function entityPage(src: EntitySources, dim: RefDimension, ref: number): EntityResult {
  const label = src.entities.label(dim, ref);
  const empty: EntityResult = { kind: 'entity', dim, label: null, queries: 0, processes: [], hosts: [], users: [], domains: [], pids: [], guids: [], facts: [], answers: [], findings: [], payloads: [] };
  if (label === undefined) return empty;
  const { ctx, committed } = src;
  const actors = ctx.store.actors;
  const hosts = new Map<string, number>();
  const users = new Map<string, number>();
  const processes = new Map<string, number>();
  const domains = new Map<string, number>();
  const answers = new Map<string, { value: string; type: number; count: number }>();
  const pids = new Set<number>();
  const guids = new Set<string>();
  let queries = 0;
  for (let r = 0; r < committed; r++) {
    const a = ctx.actor(r);
    const host = ctx.text(actors.host.get(a));
    const image = ctx.text(actors.image.get(a));
    const domain = dim === 'domain' || dim === 'process' || dim === 'host' ? ctx.domainText(ctx.domain(r)) : '';
    if ((dim === 'process' && image !== label) || (dim === 'host' && host !== label) || (dim === 'domain' && domain !== label)) continue;
    queries++;
    bump(hosts, host);
    bump(users, ctx.text(actors.user.get(a)));
    bump(processes, image);
    bump(domains, domain);
    if (dim === 'process') {
      if (pids.size < MAX_LIST) pids.add(actors.pid.get(a));
      const guid = ctx.text(actors.guid.get(a));
      if (guid !== '' && guids.size < MAX_LIST) guids.add(guid);
    }
    if (dim === 'domain') {
      for (const ans of ctx.answers(r)) {
        const k = `${ans.type}|${ans.value}`;
        const e = answers.get(k);
        if (e) e.count++;
        else if (answers.size < 200) answers.set(k, { value: ans.value, type: ans.type, count: 1 });
      }
    }
  }
  const findings = new Map<string, FindingSummary>();
  for (const s of src.detection.suspects) {
    for (const f of s.row.findings) {
      const v = dim === 'process' ? f.entity.process : dim === 'host' ? f.entity.host : f.entity.domain;
      if (v === label && findings.size < 200) findings.set(f.id, f);
    }
  }
  const payloads: PayloadDetails[] = [];
  for (const f of findings.values()) {
    const d = parseDetails(f);
    if (d && payloads.length < 20) payloads.push({ findingId: f.id, ...d.payload, hex: clipText(d.payload.hex), signature: d.payload.signature === null ? null : clipText(d.payload.signature), gaps: d.gaps ?? 0, recordType: d.recordType ?? null });
  }
  return {
    kind: 'entity',
    dim,
    label: clipText(label),
    queries,
    processes: dim === 'process' ? [] : counted(src, 'process', processes),
    hosts: dim === 'host' ? [] : counted(src, 'host', hosts),
    users: counted(src, null, users),
    domains: dim === 'domain' ? [] : counted(src, 'domain', domains),
    pids: [...pids].sort((a, b) => a - b),
    guids: [...guids].map(clipText),
    facts: [...guids].flatMap((g) => factsRow(src, g) ?? []).slice(0, 20),
    answers: [...answers.values()]
      .sort((a, b) => b.count - a.count)
      .map((a) => ({ value: clipText(a.value), type: qtypeName(a.type).slice(0, 16), count: a.count, ipv6Class: a.type === TYPE_AAAA ? classifyIpv6(a.value).label.slice(0, 200) : null })),
    findings: [...findings.values()],
    payloads,
  };
}

/** The full decoded payload of a payload-reassembly finding, when its evidence rebuilds it exactly. */
export function payloadBytes(src: EntitySources, findingId: string): PayloadResult {
  const none: PayloadResult = { kind: 'payload', findingId, sha256: null, bytes: null };
  const summary = src.detection.summary(findingId);
  const d = summary ? parseDetails(summary) : null;
  if (!d) return none;
  const rows = src.detection.evidenceRows.get(findingId) ?? [];
  let encoded: Uint8Array;
  if (d.recordType === 'TXT') {
    encoded = decodeTxtChunks(txtChunks(src.ctx, rows)).bytes;
  } else {
    encoded = reassembleAaaa(aaaaRecords(src.ctx, rows, d.range));
  }
  const decoded = xorBytes(encoded, d.payload.xorKey);
  const hash = bytesToHex(sha256(decoded));
  if (hash !== d.payload.sha256) return { ...none, sha256: d.payload.sha256 };
  const out = new ArrayBuffer(decoded.length);
  new Uint8Array(out).set(decoded);
  return { kind: 'payload', findingId, sha256: hash, bytes: out };
}

/**
 * A whole synthetic hunt: the fleet's benign traffic plus the selected attacks, merged in time
 * order and rendered in one export format as a stream of text chunks, with a manifest of where
 * each attack sits. Memory stays flat in the row count: events are produced, rendered and
 * dropped one by one; only O(hosts + attacks) state is kept.
 */
import { registrableDomain } from '../enrich/domain';
import { GENERATOR } from '../version';
import type { AttackRun, AttackSpec } from './attack-kit';
import { ATTACK_IDS, selectAttacks, type AttackSelection } from './attacks';
import { benignSources, planBenign, type BenignPlan } from './benign';
import type { GenEvent } from './model';
import { buildFleet, type FleetHost } from './population';
import { ByteSink, type HuntFormat, type Renderer } from './render-common';
import { splunkCsvRenderer, sysmonJsonRenderer } from './render-sysmon';
import { zeekTsvRenderer } from './render-zeek';
import { Rng } from './rng';
import { mergeByTime } from './timeline';

const DAY = 86_400_000;
/** Monday 2024-03-04 00:00 UTC: the default start of the span. */
export const DEFAULT_START = Date.UTC(2024, 2, 4);

export interface HuntOptions {
  seed: number;
  format: HuntFormat;
  /** Benign rows (exact). Ignored when `rows` is given. Default 100 000. */
  benignRows?: number;
  /** Total rows of the rendering (exact): benign = rows − the attacks' rows in this format. */
  rows?: number;
  attacks?: AttackSelection;
  /** Start of the span (ms since the epoch); default {@link DEFAULT_START}. */
  start?: number;
  /** Length of the span in days (default 3). */
  days?: number;
  /** Hosts in the fleet (default: one per 5 000 rows, between 20 and 200). */
  hosts?: number;
  /** Sysmon JSON: include the rendered `Message` field (default true). */
  sysmonMessage?: boolean;
  /** Approximate size of each chunk in bytes (default 256 KiB; the output is ASCII). */
  chunkBytes?: number;
  /**
   * `bytes` yields views of one reused buffer: each chunk is valid only until the next one is
   * requested. For writers that are done with a chunk before asking for the next (the CLI waits
   * for each write to complete); saves an allocation and fresh pages per chunk.
   */
  reuseBuffers?: boolean;
}

export interface AttackManifestEntry {
  id: string;
  technique: string;
  mitre: readonly string[];
  /** The host as this format logs it: the computer name (Sysmon) or the client address (Zeek). */
  host: string;
  computer: string;
  client: string;
  /** Image of the process that made the queries (ground truth even where the format has none). */
  process: string;
  pid: number;
  user: string;
  /** Registrable domain ('' when there is none, e.g. DGA). */
  domain: string;
  /** Suffix shared by every query name, or null. */
  zone: string | null;
  resolver: string;
  /** Whether this format shows the attack at all (Sysmon does not see raw-socket tools). */
  visible: boolean;
  /** Rows of the attack in this rendering. */
  rows: number;
  /** Up to 5 distinct query names, in order of first appearance. */
  qnames: string[];
  /** ISO times of the first and last row (null when the attack has no rows here). */
  firstTime: string | null;
  lastTime: string | null;
  details: Readonly<Record<string, unknown>>;
}

export interface HuntManifest {
  generator: string;
  seed: number;
  format: HuntFormat;
  start: string;
  end: string;
  hosts: number;
  rows: number;
  benignRows: number;
  attackRows: number;
  /** False until every chunk has been read. */
  complete: boolean;
  attacks: AttackManifestEntry[];
}

export interface HuntPlan {
  readonly seed: number;
  readonly format: HuntFormat;
  readonly start: number;
  readonly end: number;
  readonly fleet: readonly FleetHost[];
  readonly attacks: readonly { spec: AttackSpec; run: AttackRun; host: FleetHost }[];
  readonly benign: BenignPlan;
  /** Rows each attack has in this format. */
  readonly attackRows: readonly number[];
}

function visibleIn(format: HuntFormat, ev: GenEvent): boolean {
  return format === 'zeek-tsv' || ev.sysmon;
}

/** Fleet, attack placement and row budget of a hunt (no events generated yet). */
export function planHunt(opts: HuntOptions): HuntPlan {
  const seed = opts.seed >>> 0;
  const start = opts.start ?? DEFAULT_START;
  const end = start + Math.round((opts.days ?? 3) * DAY);
  if (!(end > start)) throw new Error('the span must be longer than 0 days');
  const sizing = opts.rows ?? opts.benignRows ?? 100_000;
  const fleet = buildFleet(seed, Math.max(2, opts.hosts ?? Math.min(200, Math.max(20, Math.round(sizing / 5000)))));
  const workstations = fleet.filter((h) => h.role === 'workstation');
  const targets = Rng.of(seed, 'attack hosts').shuffled(workstations);
  const specs = selectAttacks(opts.attacks ?? 'all');
  const attacks = specs.map((spec, index) => {
    const host = targets[ATTACK_IDS.indexOf(spec.id) % targets.length] as FleetHost;
    return { spec, host, run: spec.plan({ seed, index, host, start, end }) };
  });
  const attackRows = attacks.map(({ run }) => {
    let n = 0;
    for (const ev of run.events()) if (visibleIn(opts.format, ev)) n++;
    return n;
  });
  const totalAttack = attackRows.reduce((x, y) => x + y, 0);
  const benignRows = opts.rows !== undefined ? Math.max(0, opts.rows - totalAttack) : (opts.benignRows ?? 100_000);
  const benign = planBenign(seed, fleet, start, end, benignRows);
  return { seed, format: opts.format, start, end, fleet, attacks, benign, attackRows };
}

/** Every logical event of a plan in time order (benign and attacks, before format filtering). */
export function planEvents(plan: HuntPlan): Generator<GenEvent> {
  return mergeByTime([
    ...benignSources(plan.seed, plan.fleet, plan.start, plan.end, plan.benign),
    ...plan.attacks.map(({ run }) => run.events()),
  ]);
}

export function rendererFor(format: HuntFormat, seed: number, opts: { sysmonMessage?: boolean } = {}): Renderer {
  switch (format) {
    case 'splunk-csv':
      return splunkCsvRenderer();
    case 'sysmon-json':
      return sysmonJsonRenderer(seed, { message: opts.sysmonMessage });
    case 'zeek-tsv':
      return zeekTsvRenderer(seed);
  }
}

export interface Hunt {
  readonly plan: HuntPlan;
  /**
   * The rendering as UTF-8 text chunks. Each iteration generates the hunt afresh (same bytes
   * every time); the manifest is complete once an iteration has run to the end.
   */
  readonly chunks: Iterable<string>;
  /** The same rendering as UTF-8 byte chunks (cheapest to write to a file or to ingest). */
  readonly bytes: Iterable<Uint8Array>;
  /** Where the attacks sit in the last (or current) iteration. */
  manifest(): HuntManifest;
}

function emptyManifest(plan: HuntPlan): HuntManifest {
  return {
    generator: `${GENERATOR.name} ${GENERATOR.version} generate`, seed: plan.seed, format: plan.format,
    start: new Date(plan.start).toISOString(), end: new Date(plan.end).toISOString(), hosts: plan.fleet.length,
    rows: 0, benignRows: 0, attackRows: 0, complete: false,
    attacks: plan.attacks.map(({ spec, run, host }, i) => ({
      id: spec.id, technique: spec.technique, mitre: spec.mitre,
      host: plan.format === 'zeek-tsv' ? host.ip : host.computer,
      computer: host.computer, client: host.ip, process: run.process.image, pid: run.process.pid,
      user: run.process.user, domain: run.domain === '' ? '' : registrableDomain(run.domain), zone: run.zone,
      resolver: run.resolver, visible: (plan.attackRows[i] ?? 0) > 0, rows: 0, qnames: [], firstTime: null, lastTime: null,
      details: run.details,
    })),
  };
}

/** Generates a hunt lazily: iterate `bytes` or `chunks` (e.g. into a file stream), then read `manifest()`. */
export function generateHunt(opts: HuntOptions): Hunt {
  const plan = planHunt(opts);
  let manifest = emptyManifest(plan);
  const chunkBytes = opts.chunkBytes ?? 256 * 1024;
  const reuseDefault = opts.reuseBuffers ?? false;
  function* byteChunks(reuseOverride?: boolean): Generator<Uint8Array, void> {
    const reuse = reuseOverride ?? reuseDefault;
    const m = (manifest = emptyManifest(plan));
    const renderer = rendererFor(plan.format, plan.seed, { sysmonMessage: opts.sysmonMessage });
    const sink = new ByteSink(chunkBytes + 64 * 1024);
    sink.str(renderer.header(plan.start));
    let last = plan.start;
    for (const ev of planEvents(plan)) {
      if (!renderer.row(ev, sink)) continue;
      m.rows++;
      last = ev.time;
      if (ev.attack >= 0) {
        const entry = m.attacks[ev.attack] as AttackManifestEntry;
        entry.rows++;
        const iso = new Date(ev.time).toISOString();
        entry.firstTime ??= iso;
        entry.lastTime = iso;
        if (entry.qnames.length < 5 && !entry.qnames.includes(ev.qname)) entry.qnames.push(ev.qname);
        m.attackRows++;
      } else m.benignRows++;
      if (sink.pos >= chunkBytes) yield sink.take(reuse);
    }
    sink.str(renderer.footer(last));
    if (sink.pos > 0) yield sink.take(reuse);
    m.complete = true;
  }
  function* textChunks(): Generator<string, void> {
    const decoder = new TextDecoder();
    // decoding copies each chunk, so the byte buffer can be reused
    for (const b of byteChunks(true)) yield decoder.decode(b, { stream: true });
    const tail = decoder.decode();
    if (tail !== '') yield tail;
  }
  return {
    plan,
    chunks: { [Symbol.iterator]: textChunks },
    bytes: { [Symbol.iterator]: () => byteChunks() },
    manifest: () => manifest,
  };
}

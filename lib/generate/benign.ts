/**
 * Benign traffic of the fleet as time-ordered event sources: a diurnal background (each query
 * from a host and process drawn by activity, its content by process kind, Chromium's three
 * random-label probes when a browser starts) and exactly periodic updaters (time.windows.com
 * hourly, OCSP every 4 h) on as many hosts as the row budget allows.
 */
import { resolutionOf } from './answers';
import { BenignCatalog } from './benign-kinds';
import type { GenAnswer, GenEvent } from './model';
import { LOCAL_SERVICE, makeProcess, type FleetHost, type FleetProcess } from './population';
import { Rng, Weighted } from './rng';
import { DiurnalClock } from './timeline';

const HOUR = 3_600_000;
const NO_ANSWERS: readonly GenAnswer[] = [];
/** Chromium starts per workstation per day (each sends 3 probes). */
const BROWSER_STARTS_PER_DAY = 2;
/** Periodic jobs may take at most this share of the benign rows. */
const PERIODIC_SHARE = 0.1;

interface PeriodicJob {
  readonly host: FleetHost;
  readonly qname: string;
  readonly provider: string;
  readonly periodMs: number;
  readonly image: string;
  readonly user: string;
}

export interface BenignPlan {
  readonly background: number;
  readonly jobs: readonly PeriodicJob[];
  /** Rows of each job over the span. */
  readonly jobRows: readonly number[];
}

function jobRowCount(start: number, end: number, periodMs: number, phase: number): number {
  const first = start + phase;
  return first >= end ? 0 : Math.floor((end - 1 - first) / periodMs) + 1;
}

function phaseOf(seed: number, job: number, periodMs: number): number {
  return Rng.of(seed, `periodic-phase-${job}`).int(0, periodMs - 1);
}

/** Splits `rows` benign rows between the periodic jobs (≤ 10 %) and the background. */
export function planBenign(seed: number, fleet: readonly FleetHost[], start: number, end: number, rows: number): BenignPlan {
  const candidates: PeriodicJob[] = [];
  for (const host of fleet) {
    candidates.push({ host, qname: 'time.windows.com', provider: 'ms', periodMs: HOUR, image: 'C:\\Windows\\System32\\svchost.exe', user: LOCAL_SERVICE });
    candidates.push({ host, qname: 'ocsp.digicert.com', provider: 'ak', periodMs: 4 * HOUR, image: 'C:\\Windows\\System32\\svchost.exe', user: LOCAL_SERVICE });
  }
  const jobs: PeriodicJob[] = [];
  const jobRows: number[] = [];
  let used = 0;
  const budget = Math.floor(rows * PERIODIC_SHARE);
  for (const job of candidates) {
    const n = jobRowCount(start, end, job.periodMs, phaseOf(seed, jobs.length, job.periodMs));
    if (n === 0 || used + n > budget) break;
    jobs.push(job);
    jobRows.push(n);
    used += n;
  }
  return { background: rows - used, jobs, jobRows };
}

/** An exactly periodic query (± a few ms of timer slack) from one host, over the span. */
function* periodic(seed: number, index: number, job: PeriodicJob, start: number, end: number): Generator<GenEvent> {
  const rng = Rng.of(seed, `periodic-${index}`);
  const proc = makeProcess(rng, job.host.guidPrefix, job.image, job.user);
  const res = resolutionOf(job.qname, job.provider);
  for (let t = start + phaseOf(seed, index, job.periodMs); t < end; t += job.periodMs) {
    yield {
      time: t + rng.int(0, 15), host: job.host, proc, qname: job.qname, qtype: 1, status: 'NOERROR',
      answers: rng.pick(res.a), age: 0, resolver: job.host.resolver, port: 53, sysmon: true, attack: -1,
    };
  }
}

interface Slot {
  readonly host: FleetHost;
  readonly proc: FleetProcess;
}

/** `count` background queries over [start, end), diurnal, each from a weighted (host, process). */
function* background(seed: number, fleet: readonly FleetHost[], start: number, end: number, count: number): Generator<GenEvent> {
  if (count <= 0) return;
  const rng = Rng.of(seed, 'background');
  const catalog = new BenignCatalog(seed, fleet);
  const slots: Slot[] = [];
  const weights: number[] = [];
  let chromiumWeight = 0;
  let total = 0;
  for (const host of fleet) {
    for (const proc of host.procs) {
      const w = host.activity * proc.weight;
      slots.push({ host, proc });
      weights.push(w);
      total += w;
      if (proc.kind === 'chromium') chromiumWeight += w;
    }
  }
  const pick = new Weighted(slots, weights);
  const days = (end - start) / (24 * HOUR);
  const workstations = fleet.filter((h) => h.role === 'workstation').length;
  const starts = Math.min(count * 0.02 / 3, workstations * days * BROWSER_STARTS_PER_DAY);
  const chromiumSlots = chromiumWeight > 0 ? (count * chromiumWeight) / total : 0;
  const probeChance = chromiumSlots > 0 ? Math.min(0.5, starts / chromiumSlots) : 0;
  const clock = new DiurnalClock(start, end, count, rng);
  let emitted = 0;
  let last = start;
  while (emitted < count) {
    const t = Math.max(last, clock.at(emitted));
    const { host, proc } = pick.pick(rng);
    if (proc.kind === 'chromium' && rng.chance(probeChance)) {
      const n = Math.min(3, count - emitted);
      for (let i = 0; i < n; i++) {
        last = i === 0 ? t : last + rng.int(0, 2);
        yield {
          time: last, host, proc, qname: BenignCatalog.chromiumProbe(rng), qtype: 1, status: 'TIMEOUT', answers: NO_ANSWERS,
          age: 0, resolver: '224.0.0.252', port: 5355, sysmon: true, attack: -1,
        };
      }
      emitted += n;
      continue;
    }
    const ev: GenEvent = {
      time: t, host, proc, qname: '', qtype: 1, status: 'NOERROR', answers: NO_ANSWERS, age: 0,
      resolver: host.resolver, port: 53, sysmon: true, attack: -1,
    };
    catalog.fill(ev, proc.kind, rng);
    last = t;
    emitted++;
    yield ev;
  }
}

/** The benign event sources of a plan: the background first, then one per periodic job. */
export function benignSources(seed: number, fleet: readonly FleetHost[], start: number, end: number, plan: BenignPlan): Iterator<GenEvent>[] {
  return [
    background(seed, fleet, start, end, plan.background),
    ...plan.jobs.map((job, i) => periodic(seed, i, job, start, end)),
  ];
}

/** Shared pieces of the attack simulations: their contract and an event factory. */
import type { GenAnswer, GenEvent, GenProcess, GenStatus } from './model';
import { makeProcess, type FleetHost } from './population';
import { Rng } from './rng';

export const SECOND = 1000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

export interface AttackContext {
  readonly seed: number;
  /** Position in the hunt's attack list: every event carries it. */
  readonly index: number;
  readonly host: FleetHost;
  /** The hunt's span [start, end) in ms. */
  readonly start: number;
  readonly end: number;
}

export interface AttackRun {
  readonly process: GenProcess;
  /** Registrable domain of the infrastructure ('' when there is none, e.g. DGA). */
  readonly domain: string;
  /** Every query name ends with this zone; null when names do not share one (DGA). */
  readonly zone: string | null;
  /** Where the packets go (internal resolver, a public resolver, the attacker's server). */
  readonly resolver: string;
  /** Whether Sysmon EID 22 sees the queries (Windows DNS client API). */
  readonly sysmon: boolean;
  readonly details: Readonly<Record<string, unknown>>;
  /** The attack's events in time order; a fresh, identical sequence on every call. */
  events(): Generator<GenEvent>;
}

export interface AttackSpec {
  readonly id: string;
  readonly technique: string;
  readonly mitre: readonly string[];
  plan(ctx: AttackContext): AttackRun;
}

/** The planning random stream of an attack (the same for a seed whatever else is selected). */
export function planRng(ctx: AttackContext, id: string): Rng {
  return Rng.of(ctx.seed, `attack ${id} ${ctx.host.index}`);
}

/** A new process of the attack on its host. */
export function attackProcess(rng: Rng, ctx: AttackContext, image: string, user = ctx.host.user): GenProcess {
  return makeProcess(rng, ctx.host.guidPrefix, image, user);
}

/** `C:\Users\<user>\…` of the host's interactive user. */
export function userPath(ctx: AttackContext, rest: string): string {
  return `C:\\Users\\${ctx.host.userName}\\${rest}`;
}

/**
 * A start time so that `durationMs` fits in the span, on a working day between 08:00 and
 * 17:00 UTC when one fits, else anywhere.
 */
export function workHoursStart(ctx: AttackContext, rng: Rng, durationMs: number): number {
  const latest = ctx.end - durationMs;
  if (latest <= ctx.start) return ctx.start;
  const candidates: number[] = [];
  for (let day = Math.floor(ctx.start / (24 * HOUR)) * 24 * HOUR; day < ctx.end; day += 24 * HOUR) {
    const wd = new Date(day).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const from = Math.max(ctx.start, day + 8 * HOUR);
    const to = Math.min(latest, day + 17 * HOUR);
    if (to > from) candidates.push(from, to);
  }
  if (candidates.length === 0) return Math.floor(rng.range(ctx.start, latest));
  const k = 2 * rng.int(0, candidates.length / 2 - 1);
  return Math.floor(rng.range(candidates[k] as number, candidates[k + 1] as number));
}

/** Builds the events of one attack process. */
export class Emitter {
  constructor(
    private readonly ctx: AttackContext,
    readonly process: GenProcess,
    readonly resolver: string,
    readonly sysmon: boolean,
  ) {}

  ev(time: number, qname: string, qtype: number, status: GenStatus, answers: readonly GenAnswer[], age = 0): GenEvent {
    return {
      time: Math.floor(time), host: this.ctx.host, proc: this.process, qname, qtype, status, answers, age,
      resolver: this.resolver, port: 53, sysmon: this.sysmon, attack: this.ctx.index,
    };
  }
}

export const txtAnswer = (text: string, ttl: number): GenAnswer => {
  const strings: string[] = [];
  for (let i = 0; i < text.length; i += 255) strings.push(text.slice(i, i + 255));
  return { type: 16, value: text, ttl, strings: strings.length === 0 ? [''] : strings };
};

/**
 * Behaviour-only attacks (no encoded payload in the names): DGA malware (bursts of random SLDs,
 * mostly NXDOMAIN), a low-and-slow beacon (one lookup every 4 h over days), a Go implant that
 * resolves at 8.8.8.8 directly (resolver bypass, Zeek only) and a query-volume burst (subdomain
 * brute force, > 1 000 queries a minute).
 */
import { attackProcess, Emitter, HOUR, MINUTE, planRng, SECOND, userPath, workHoursStart, type AttackSpec } from './attack-kit';
import type { GenAnswer, GenEvent } from './model';
import { SYSTEM } from './population';
import { LOWER, Rng } from './rng';

export const DGA = { tlds: ['com', 'net', 'org', 'info', 'biz', 'ru', 'xyz', 'top'], burstEveryMs: 30 * MINUTE, hours: 10 } as const;
export const LOW_SLOW = { qname: 'cdn.officecdn-sync.com', domain: 'officecdn-sync.com', periodMs: 4 * HOUR, jitterMs: 120 * SECOND } as const;
export const RESOLVER_BYPASS = { zone: 'gostat-metrics.io', domain: 'gostat-metrics.io', resolver: '8.8.8.8', periodMs: 5 * MINUTE, hours: 4 } as const;
export const VOLUME_BURST = { zone: 'contoso-partners.com', domain: 'contoso-partners.com', queries: 1500, seconds: 75 } as const;

const a = (value: string, ttl: number): readonly GenAnswer[] => [{ type: 1, value, ttl }];

export const dga: AttackSpec = {
  id: 'dga',
  technique: 'DGA malware: a burst of random second-level domains every 30 min until one resolves, NXDOMAIN majority',
  mitre: ['T1568.002'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = DGA;
    const process = attackProcess(rng, ctx, userPath(ctx, 'AppData\\Roaming\\Microsoft\\Windows\\Templates\\svchost.exe'));
    const t0 = workHoursStart(ctx, rng, c.hours * HOUR);
    const out = new Emitter(ctx, process, ctx.host.resolver, true);
    return {
      process, domain: '', zone: null, resolver: ctx.host.resolver, sysmon: true,
      details: { burstEveryMinutes: c.burstEveryMs / MINUTE, tlds: c.tlds },
      *events(): Generator<GenEvent> {
        const r = Rng.of(ctx.seed, `${ctx.index} dga events`);
        const c2 = `185.${r.int(100, 250)}.${r.int(0, 255)}.${r.int(1, 254)}`;
        for (let burst = t0; burst < t0 + c.hours * HOUR; burst += c.burstEveryMs + r.int(-30, 30) * SECOND) {
          const tries = r.int(30, 60);
          const hit = r.chance(0.35) ? r.int(5, tries - 1) : -1;
          let t = burst;
          for (let i = 0; i < tries; i++) {
            const name = `${r.chars(LOWER, r.int(10, 18))}.${r.pick(c.tlds)}`;
            if (i === hit) {
              yield out.ev(t, name, 1, 'NOERROR', a(c2, 300));
              break;
            }
            yield out.ev(t, name, 1, 'NXDOMAIN', []);
            t += r.int(80, 300);
          }
        }
      },
    };
  },
};

export const lowSlowBeacon: AttackSpec = {
  id: 'low-slow-beacon',
  technique: 'Low-and-slow beacon: one A lookup of the same name every 4 h (± 2 min) for the whole span',
  mitre: ['T1071.004', 'T1029'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = LOW_SLOW;
    const process = attackProcess(rng, ctx, 'C:\\ProgramData\\OfficeSync\\officesync.exe', SYSTEM);
    const t0 = ctx.start + rng.int(0, c.periodMs - 1);
    const out = new Emitter(ctx, process, ctx.host.resolver, true);
    const answer = a(`${rng.pick([45, 91, 185, 193])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, 300);
    return {
      process, domain: c.domain, zone: c.qname, resolver: ctx.host.resolver, sysmon: true,
      details: { periodHours: c.periodMs / HOUR, jitterSeconds: c.jitterMs / SECOND },
      *events(): Generator<GenEvent> {
        const r = Rng.of(ctx.seed, `${ctx.index} low-slow events`);
        for (let k = 0; t0 + k * c.periodMs < ctx.end; k++) {
          yield out.ev(t0 + k * c.periodMs + r.int(0, 2 * c.jitterMs), c.qname, 1, 'NOERROR', answer);
        }
      },
    };
  },
};

export const resolverBypass: AttackSpec = {
  id: 'resolver-bypass',
  technique: 'Go implant resolving at 8.8.8.8 directly (miekg/dns): bypasses the corporate resolver, invisible to Sysmon',
  mitre: ['T1071.004', 'T1090'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = RESOLVER_BYPASS;
    const process = attackProcess(rng, ctx, userPath(ctx, 'AppData\\Local\\Temp\\gupdate.exe'));
    const t0 = workHoursStart(ctx, rng, c.hours * HOUR);
    const out = new Emitter(ctx, process, c.resolver, false);
    const answer = a(`${rng.pick([45, 139, 167])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, 60);
    return {
      process, domain: c.domain, zone: c.zone, resolver: c.resolver, sysmon: false,
      details: { resolver: c.resolver, note: 'Go resolver with a hard-coded server: Zeek only' },
      *events(): Generator<GenEvent> {
        const r = Rng.of(ctx.seed, `${ctx.index} resolver-bypass events`);
        let t = t0;
        yield out.ev(t, `dl.${c.zone}`, 1, 'NOERROR', answer);
        for (t += r.int(1, 5) * SECOND; t < t0 + c.hours * HOUR; t += Math.round(c.periodMs * r.range(0.8, 1.2))) {
          yield out.ev(t, `api.${c.zone}`, 1, 'NOERROR', answer);
        }
      },
    };
  },
};

const WORDS = ['mail', 'vpn', 'dev', 'test', 'api', 'portal', 'admin', 'git', 'jira', 'wiki', 'ftp', 'smtp', 'remote', 'owa',
  'crm', 'erp', 'shop', 'cdn', 'static', 'files', 'backup', 'db', 'sql', 'auth', 'sso', 'login', 'intranet', 'staging',
  'beta', 'app', 'm', 'mobile', 'secure', 'support', 'help', 'status', 'monitor', 'grafana', 'kibana', 'jenkins'];

export const volumeBurst: AttackSpec = {
  id: 'volume-burst',
  technique: 'Query-volume burst: subdomain brute force of one domain, ~1 200 queries a minute, mostly NXDOMAIN',
  mitre: ['T1590.002', 'T1595.003'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = VOLUME_BURST;
    const process = attackProcess(rng, ctx, userPath(ctx, 'Downloads\\dnsrecon.exe'));
    const t0 = workHoursStart(ctx, rng, c.seconds * SECOND + MINUTE);
    const out = new Emitter(ctx, process, ctx.host.resolver, true);
    return {
      process, domain: c.domain, zone: c.zone, resolver: ctx.host.resolver, sysmon: true,
      details: { queries: c.queries, seconds: c.seconds },
      *events(): Generator<GenEvent> {
        const r = Rng.of(ctx.seed, `${ctx.index} volume-burst events`);
        const step = (c.seconds * SECOND) / c.queries;
        for (let i = 0; i < c.queries; i++) {
          const word = WORDS[i % WORDS.length] as string;
          const round = Math.floor(i / WORDS.length);
          const name = `${round === 0 ? word : `${word}${round}`}.${c.zone}`;
          const time = t0 + i * step + r.range(0, step);
          if (r.chance(0.04)) yield out.ev(time, name, 1, 'NOERROR', a(`52.${r.int(0, 95)}.${r.int(0, 255)}.${r.int(1, 254)}`, 300));
          else yield out.ev(time, name, 1, 'NXDOMAIN', []);
        }
      },
    };
  },
};

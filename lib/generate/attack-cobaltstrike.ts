/**
 * Cobalt Strike DNS beacon with the default profile (dns-c2-facts.md §3): a DNS stager
 * (`aaa.stage.123456.<zone>` TXT, 255-char chunks, base-26 little-endian counter) then the
 * beacon: an A "ping" `<beaconID>.<zone>` every 60 s with 10 % jitter answered 0.0.0.0 (TTL 1),
 * metadata `www.` puts, task gets on each data channel (`api.` TXT, `www6.` AAAA, `cdn.` A) and
 * output `post.` puts. The label layout after the `%x%x` label is inferred from Didier Stevens'
 * parser (facts §7).
 */
import { attackProcess, Emitter, HOUR, planRng, SECOND, txtAnswer, workHoursStart, type AttackSpec } from './attack-kit';
import { base64, formatIpv6 } from './encoding';
import type { GenAnswer, GenEvent } from './model';
import { Rng } from './rng';

export const COBALTSTRIKE = { zone: 'ns1.sync-telemetry.net', domain: 'sync-telemetry.net', stageBytes: 40_960, sleepMs: 60_000, jitter: 0.1, hours: 4 } as const;
const TTL = 1;
const IDLE: readonly GenAnswer[] = [{ type: 1, value: '0.0.0.0', ttl: TTL }];
/** First check-in: dns_idle XOR 0xF1 (bit 0 set). */
const CHECKIN: readonly GenAnswer[] = [{ type: 1, value: '0.0.0.241', ttl: TTL }];

/** Data channels a task can be fetched on (`mode dns|dns6|dnstxt`), in the order tasks use them. */
const MODES = [
  { name: 'dnstxt', prefix: 'api.', qtype: 16, bits: 0xf2, bytesPerQuery: 189, taskBytes: [300, 2400] },
  { name: 'dns6', prefix: 'www6.', qtype: 28, bits: 0xf4, bytesPerQuery: 16, taskBytes: [200, 800] },
  { name: 'dns', prefix: 'cdn.', qtype: 1, bits: 0xf0, bytesPerQuery: 4, taskBytes: [60, 240] },
  { name: 'dnstxt', prefix: 'api.', qtype: 16, bits: 0xf2, bytesPerQuery: 189, taskBytes: [300, 2400] },
] as const;

/** Stager counter: base-26 little-endian triplet (aaa, baa, …, zaa, aba, …). */
export function stageLabel(i: number): string {
  const c = (n: number) => String.fromCharCode(97 + (n % 26));
  return c(i) + c(Math.floor(i / 26)) + c(Math.floor(i / 676));
}

/**
 * Names of a put (`www.` metadata, `post.` output): per query N ≤ 4 data labels of ≤ 56 hex
 * (the first prefixed with N), then `<seq><transfer id>` in hex, then `<beaconID>.<zone>`.
 */
export function putNames(prefix: string, hex: string, transferId: string, tail: string): string[] {
  const out: string[] = [];
  for (let pos = 0, seq = 1; pos < hex.length; seq++) {
    const seqId = `${seq.toString(16)}${transferId}`;
    const labels: string[] = [];
    let len = prefix.length + 1 + seqId.length + 1 + tail.length;
    while (labels.length < 4 && pos < hex.length && len + 58 <= 253) {
      const piece = hex.slice(pos, pos + 56);
      labels.push(piece);
      pos += piece.length;
      len += piece.length + 1;
    }
    labels[0] = `${labels.length}${labels[0]}`;
    out.push(`${prefix}${labels.join('.')}.${seqId}.${tail}`);
  }
  return out;
}

export const cobaltStrikeDns: AttackSpec = {
  id: 'cobaltstrike-dns',
  technique: 'Cobalt Strike DNS beacon (default profile): DNS stager aaa.stage.123456., A ping answered 0.0.0.0 TTL 1 every 60 s, api. (TXT) / www6. (AAAA) / cdn. (A) task gets, www./post. puts',
  mitre: ['T1071.004', 'T1105', 'T1132.001'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = COBALTSTRIKE;
    const process = attackProcess(rng, ctx, 'C:\\Windows\\SysWOW64\\rundll32.exe');
    const beaconId = (rng.u32() & 0x7ffffffe).toString(16);
    const t0 = workHoursStart(ctx, rng, (c.hours + 1) * HOUR);
    const out = new Emitter(ctx, process, ctx.host.resolver, true);
    const tail = `${beaconId}.${c.zone}`;
    return {
      process, domain: c.domain, zone: c.zone, resolver: ctx.host.resolver, sysmon: true,
      details: {
        beaconId, sleepMs: c.sleepMs, jitter: c.jitter, stageBytes: c.stageBytes, stager: `aaa.stage.123456.${c.zone}`,
        taskModes: MODES.map((m) => m.name),
      },
      *events(): Generator<GenEvent> {
        const r = Rng.of(ctx.seed, `${ctx.index} cobaltstrike events`);
        let t = t0;
        const stage = base64(r.bytes(c.stageBytes));
        let i = 0;
        for (let pos = 0; pos < stage.length; pos += 255, i++) {
          yield out.ev(t, `${stageLabel(i)}.stage.123456.${c.zone}`, 16, 'NOERROR', [txtAnswer(stage.slice(pos, pos + 255), TTL)]);
          t += r.int(25, 90);
        }
        yield out.ev(t, `${stageLabel(i)}.stage.123456.${c.zone}`, 16, 'NOERROR', [txtAnswer('', TTL)]);
        t += r.int(2, 6) * SECOND;
        const end = t + c.hours * HOUR;
        const pings = Math.floor((c.hours * HOUR) / c.sleepMs);
        const taskAt = new Set<number>();
        while (taskAt.size < MODES.length) taskAt.add(r.int(2, pings - 1));
        const order = [...taskAt].sort((x, y) => x - y);
        const transferId = () => r.int(0x1000000, 0xfffffff).toString(16);
        for (let p = 0; t < end; p++) {
          const mode = MODES[order.indexOf(p)];
          const ping = p === 0 ? CHECKIN : mode ? [{ type: 1, value: `0.0.0.${mode.bits | 1}`, ttl: TTL }] : IDLE;
          yield out.ev(t, tail, 1, 'NOERROR', ping);
          let u = t + r.int(30, 80);
          const put = function* (prefix: string, bytes: number) {
            for (const name of putNames(prefix, r.hex(2 * bytes), transferId(), tail)) {
              yield out.ev(u, name, 1, 'NOERROR', IDLE);
              u += r.int(30, 120);
            }
          };
          if (p === 0) yield* put('www.', 128);
          if (mode) {
            // the task, fetched on the mode's channel: TXT base64, AAAA 16 bytes, A 4 bytes a query
            const queries = Math.ceil(r.int(mode.taskBytes[0], mode.taskBytes[1]) / mode.bytesPerQuery);
            const id = transferId();
            for (let seq = 1; seq <= queries; seq++) {
              const answer: GenAnswer =
                mode.qtype === 16 ? txtAnswer(base64(r.bytes(mode.bytesPerQuery)), TTL)
                  : mode.qtype === 28 ? { type: 28, value: formatIpv6(r.bytes(16)), ttl: TTL }
                    : { type: 1, value: `${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)}`, ttl: TTL };
              yield out.ev(u, `${mode.prefix}${seq.toString(16)}${id}.${tail}`, mode.qtype, 'NOERROR', [answer]);
              u += r.int(30, 120);
            }
            yield* put('post.', r.int(200, 3000));
          }
          t = u + Math.round(c.sleepMs * (1 - c.jitter * r.float()));
        }
      },
    };
  },
};

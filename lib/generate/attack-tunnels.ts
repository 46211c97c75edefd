/**
 * Tunnels that bring their own resolver code (raw UDP sockets, no DnsQuery API, so no Sysmon
 * EID 22): dnscat2 (hex labels, TXT/CNAME/MX at random, TTL 60, ~1 q/s, here with
 * `--dns server=` straight to the attacker's server), iodine (NULL, base32 in 57-char labels)
 * and dns2tcp (`=auth.`/`=connect.` control names, base64 data, TXT; alex-sector/dns2tcp
 * client/requests.c, common/base64.c). dns-c2-facts.md §3.
 */
import { attackProcess, Emitter, MINUTE, planRng, txtAnswer, userPath, workHoursStart, type AttackSpec } from './attack-kit';
import { base64, BASE32_IODINE, dotify } from './encoding';
import type { GenAnswer, GenEvent } from './model';
import { Rng } from './rng';

export const DNSCAT2 = { zone: 'dnsc.cloudsync-api.com', domain: 'cloudsync-api.com', server: '165.227.88.15', minutes: 10 } as const;
export const IODINE = { zone: 't.tun-relay.org', domain: 'tun-relay.org', minutes: 8 } as const;
export const DNS2TCP = { zone: 'tcp.vpn-gateway.info', domain: 'vpn-gateway.info', minutes: 6 } as const;

/** dnscat2 (encrypted session): packet id, type, session id, signature, nonce, encrypted seq/ack, data. */
function dnscat2Packet(r: Rng, type: string, session: string, nonce: number, dataHex: string): string {
  return r.hex(4) + type + session + r.hex(12) + nonce.toString(16).padStart(4, '0') + r.hex(8) + dataHex;
}

export const dnscat2: AttackSpec = {
  id: 'dnscat2',
  technique: 'dnscat2 client (--dns server=…): hex-encoded packets in the query name, TXT/CNAME/MX chosen per query, TTL 60, ~1 query/s',
  mitre: ['T1071.004', 'T1572', 'T1132.001'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = DNSCAT2;
    const process = attackProcess(rng, ctx, userPath(ctx, 'AppData\\Local\\Temp\\dnscat2.exe'));
    const t0 = workHoursStart(ctx, rng, (c.minutes + 1) * MINUTE);
    const out = new Emitter(ctx, process, c.server, false);
    const maxHex = 253 - c.zone.length - 1 - 4;
    return {
      process, domain: c.domain, zone: c.zone, resolver: c.server, sysmon: false,
      details: { server: c.server, types: ['TXT', 'CNAME', 'MX'], ttl: 60, note: 'raw UDP socket: no Sysmon EID 22; Zeek only' },
      *events(): Generator<GenEvent> {
        const r = Rng.of(ctx.seed, `${ctx.index} dnscat2 events`);
        const session = r.hex(4);
        const end = t0 + c.minutes * MINUTE;
        let t = t0;
        let burst = 0;
        for (let n = 0; t < end; n++) {
          const type = n === 0 ? '00' : n < 3 ? '03' : '01';
          if (burst === 0 && r.chance(0.03)) burst = r.int(5, 30);
          const data = burst > 0 ? r.hex(2 * r.int(20, 100)) : '';
          const hex = dnscat2Packet(r, type, session, n, data).slice(0, maxHex);
          const qname = `${dotify(hex, 60)}.${c.zone}`;
          const reply = dnscat2Packet(r, type, session, n, burst > 0 && r.chance(0.5) ? r.hex(2 * r.int(10, 80)) : '');
          const qtype = r.pick([16, 5, 15]);
          const answer: GenAnswer = qtype === 16 ? txtAnswer(reply.slice(0, 240), 60) : { type: qtype, value: `${dotify(reply.slice(0, 120), 60)}.${c.zone}`, ttl: 60 };
          yield out.ev(t, qname, qtype, 'NOERROR', [answer]);
          if (burst > 0) {
            burst--;
            t += r.int(40, 150);
          } else t += r.int(950, 1050);
        }
        const fin = dnscat2Packet(r, '02', session, 0xffff, '');
        yield out.ev(t, `${fin}.${c.zone}`, 16, 'NOERROR', [txtAnswer(dnscat2Packet(r, '02', session, 0xffff, ''), 60)]);
      },
    };
  },
};

const NULL_ANSWER: readonly GenAnswer[] = [{ type: 10, value: '', ttl: 0 }];

export const iodine: AttackSpec = {
  id: 'iodine',
  technique: 'iodine client: NULL queries through the site resolver, base32 data dotted every 57 chars, handshake v/l/i/y/s/o/r, pings',
  mitre: ['T1071.004', 'T1572'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = IODINE;
    const process = attackProcess(rng, ctx, userPath(ctx, 'Downloads\\iodine-0.7.0-windows\\iodine.exe'));
    const t0 = workHoursStart(ctx, rng, (c.minutes + 1) * MINUTE);
    const out = new Emitter(ctx, process, ctx.host.resolver, false);
    const room = 253 - c.zone.length - 1;
    return {
      process, domain: c.domain, zone: c.zone, resolver: ctx.host.resolver, sysmon: false,
      details: { qtype: 'NULL', labelLength: 57, encoding: 'base32', note: 'own UDP socket: no Sysmon EID 22; Zeek only' },
      *events(): Generator<GenEvent> {
        const r = Rng.of(ctx.seed, `${ctx.index} iodine events`);
        const b32 = (n: number) => r.chars(BASE32_IODINE, n);
        let t = t0;
        const step = (ms: number) => (t += ms);
        for (const cmd of ['v', 'l', 'i', 'y', 's', 'o']) {
          yield out.ev(t, `${cmd}${b32(cmd === 'v' ? 7 : 10)}.${c.zone}`, 10, 'NOERROR', NULL_ANSWER);
          step(r.int(60, 250));
        }
        for (let i = 0; i < 8; i++) {
          // fragment-size probes: ever longer names
          const probe = `r${b32(3)}${b32(40 + i * 25)}`.slice(0, room - 5);
          yield out.ev(t, `${dotify(probe, 57)}.${c.zone}`, 10, 'NOERROR', NULL_ANSWER);
          step(r.int(60, 250));
        }
        const end = t0 + c.minutes * MINUTE;
        const user = r.int(0, 15).toString(16);
        while (t < end) {
          if (r.chance(0.15)) {
            for (let k = r.int(10, 60); k > 0; k--) {
              const raw = user + b32(room - Math.floor(room / 58) - 1);
              yield out.ev(t, `${dotify(raw, 57)}.${c.zone}`, 10, 'NOERROR', NULL_ANSWER);
              step(r.int(30, 120));
            }
          }
          yield out.ev(t, `p${user}${b32(5)}.${c.zone}`, 10, 'NOERROR', NULL_ANSWER);
          step(r.int(3800, 4200));
        }
      },
    };
  },
};

export const dns2tcp: AttackSpec = {
  id: 'dns2tcp',
  technique: 'dns2tcp client: <base64>.=auth./=resource./=connect. control names, then unpadded base64 (+ and /) in 63-char labels, names ≤ 200 chars, TXT',
  mitre: ['T1071.004', 'T1572'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = DNS2TCP;
    const process = attackProcess(rng, ctx, 'C:\\Tools\\dns2tcp\\dns2tcpc.exe');
    const t0 = workHoursStart(ctx, rng, (c.minutes + 1) * MINUTE);
    const out = new Emitter(ctx, process, ctx.host.resolver, false);
    // common/includes/dns.h: MAX_HOST_NAME_ENCODED 200 for the whole name, a dot every 63 chars
    const room = 200 - c.zone.length - 1;
    const maxData = room - Math.floor(room / 64);
    return {
      process, domain: c.domain, zone: c.zone, resolver: ctx.host.resolver, sysmon: false,
      details: { qtype: 'TXT', maxName: 200, note: 'own resolver code (sendto): no Sysmon EID 22; Zeek only' },
      *events(): Generator<GenEvent> {
        const r = Rng.of(ctx.seed, `${ctx.index} dns2tcp events`);
        // common/base64.c: standard alphabet, padding commented out
        const b64 = (bytes: number) => base64(r.bytes(bytes)).replace(/=+$/, '');
        let t = t0;
        for (const ctl of ['=auth', '=resource', '=connect']) {
          yield out.ev(t, `${b64(r.int(8, 16))}.${ctl}.${c.zone}`, 16, 'NOERROR', [txtAnswer(b64(r.int(12, 40)), 3)]);
          t += r.int(100, 400);
        }
        const end = t0 + c.minutes * MINUTE;
        while (t < end) {
          const busy = r.chance(0.4);
          const data = b64(busy ? r.int(60, 150) : r.int(4, 12)).slice(0, maxData);
          yield out.ev(t, `${dotify(data, 63)}.${c.zone}`, 16, 'NOERROR', [txtAnswer(b64(busy ? r.int(40, 180) : r.int(4, 10)), 3)]);
          t += busy ? r.int(50, 250) : r.int(400, 1200);
        }
      },
    };
  },
};

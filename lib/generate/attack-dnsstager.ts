/**
 * DNSStager (dns-c2-facts.md §1): the C agent pulling a 510-byte x64 stager from AAAA answers
 * through the Windows resolver, and the Go TXT agent pulling it from TXT answers straight from
 * 8.8.8.8 (miekg/dns, so no Sysmon event).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { attackProcess, Emitter, planRng, SECOND, txtAnswer, userPath, workHoursStart, type AttackSpec } from './attack-kit';
import { aaaaAnswers, msfLikeStager, stagerName, txtRecords } from './dnsstager';
import { Rng } from './rng';

/** Defaults of the simulated runs (README/screenshot values for the AAAA agent). */
export const DNSSTAGER_AAAA = { prefix: 'cloud-srv-', zone: 'test.mydnsserver.live', domain: 'mydnsserver.live', key: 0x0a, sleepSeconds: 1 } as const;
export const DNSSTAGER_TXT = { prefix: 'cdn', zone: 'fakedns.live', domain: 'fakedns.live', key: 0x00, sleepSeconds: 2 } as const;
function padded(payload: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(payload);
  return out;
}

/** dnslib `Record.sensible_ttl()` for AAAA/TXT. */
const TTL = 300;

export const dnsstagerAaaa: AttackSpec = {
  id: 'dnsstager-aaaa',
  technique: 'DNSStager C agent (DnsQuery_A, AAAA): x64 stager XOR-encoded in AAAA answers of prefix0..prefixN-1, then NODATA',
  mitre: ['T1071.004', 'T1105'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = DNSSTAGER_AAAA;
    const payload = msfLikeStager();
    const answers = aaaaAnswers(payload, c.key);
    const process = attackProcess(rng, ctx, userPath(ctx, 'Desktop\\dns_stager.exe'));
    const t0 = workHoursStart(ctx, rng, answers.length * 2 * SECOND);
    const out = new Emitter(ctx, process, ctx.host.resolver, true);
    return {
      process, domain: c.domain, zone: c.zone, resolver: ctx.host.resolver, sysmon: true,
      details: {
        prefix: c.prefix, xorKey: c.key, sleepSeconds: c.sleepSeconds, payloadBytes: payload.length, records: answers.length,
        payloadSha256: bytesToHex(sha256(payload)), signature: 'x64 shellcode prologue', finalQuery: stagerName(c.prefix, answers.length, c.zone),
        // what a reassembler of the answers sees: whole records, dnslib's zero padding included
        reassembledBytes: answers.length * 16, reassembledSha256: bytesToHex(sha256(padded(payload, answers.length * 16))),
      },
      *events() {
        const r = Rng.of(ctx.seed, `${ctx.index} dnsstager-aaaa events`);
        let t = t0;
        for (let i = 0; i < answers.length; i++) {
          yield out.ev(t, stagerName(c.prefix, i, c.zone), 28, 'NOERROR', [{ type: 28, value: answers[i] as string, ttl: TTL }]);
          t += c.sleepSeconds * SECOND + r.int(20, 60);
        }
        // no record for prefixN: dnslib answers NOERROR with no answer (DnsQuery → 9501) and the agent stops
        yield out.ev(t, stagerName(c.prefix, answers.length, c.zone), 28, 'NODATA', []);
      },
    };
  },
};

export const dnsstagerTxt: AttackSpec = {
  id: 'dnsstager-txt',
  technique: 'DNSStager Go TXT agent: base64 of the XOR hex in 200-char TXT records, queried straight at 8.8.8.8 (no Windows resolver, no Sysmon event)',
  mitre: ['T1071.004', 'T1105'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = DNSSTAGER_TXT;
    const payload = msfLikeStager();
    const records = txtRecords(payload, c.key);
    const process = attackProcess(rng, ctx, userPath(ctx, 'AppData\\Local\\Temp\\cdnupdate.exe'));
    const t0 = workHoursStart(ctx, rng, records.length * 3 * SECOND);
    const out = new Emitter(ctx, process, '8.8.8.8', false);
    return {
      process, domain: c.domain, zone: c.zone, resolver: '8.8.8.8', sysmon: false,
      details: {
        prefix: c.prefix, xorKey: c.key, sleepSeconds: c.sleepSeconds, payloadBytes: payload.length, records: records.length,
        payloadSha256: bytesToHex(sha256(payload)), signature: 'x64 shellcode prologue',
        note: 'Go agent resolves with miekg/dns against 8.8.8.8: visible to network sensors (Zeek) only',
      },
      *events() {
        const r = Rng.of(ctx.seed, `${ctx.index} dnsstager-txt events`);
        let t = t0;
        for (let i = 0; i < records.length; i++) {
          yield out.ev(t, stagerName(c.prefix, i, c.zone), 16, 'NOERROR', [txtAnswer(records[i] as string, TTL)]);
          t += c.sleepSeconds * SECOND + r.int(20, 60);
        }
        yield out.ev(t, stagerName(c.prefix, records.length, c.zone), 16, 'NODATA', []);
      },
    };
  },
};

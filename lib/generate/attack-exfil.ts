/**
 * Data moved through TXT lookups made with the Windows resolver (so Sysmon sees them):
 * DNSExfiltrator (`init.<BASE32(file|chunks)>.base64.<zone>` → "OK", then
 * `<n>.<63-char base64url labels>.<zone>` → "<n>", TTL 0) and a PowerShell TXT stager in the
 * nishang layout (start-domain polls every 5 s, then `1.`, `2.`, … with 255-char base64 TXT),
 * resolved with Resolve-DnsName. dns-c2-facts.md §3.
 */
import { attackProcess, Emitter, planRng, SECOND, txtAnswer, userPath, workHoursStart, type AttackSpec } from './attack-kit';
import { asciiBytes, base32, base64, base64url, dotify } from './encoding';
import type { GenEvent } from './model';
import { Rng } from './rng';

export const DNSEXFILTRATOR = { zone: 'exfil.driveshare-sync.net', domain: 'driveshare-sync.net', file: 'Q3-financials.xlsx', chunkChars: 175 } as const;
export const PS_TXT = { zone: 'winupd-check.com', domain: 'winupd-check.com', startName: 'start.winupd-check.com', pollMs: 5000 } as const;

export const dnsExfiltrator: AttackSpec = {
  id: 'dnsexfiltrator',
  technique: 'DNSExfiltrator (DnsQuery_W): init.<BASE32(file|chunks)>.base64.<zone> then numbered base64url chunks, TXT "OK"/"<n>" acks, TTL 0',
  mitre: ['T1048.003', 'T1071.004', 'T1132.001'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = DNSEXFILTRATOR;
    const process = attackProcess(rng, ctx, userPath(ctx, 'AppData\\Local\\Temp\\dnsExfiltrator.exe'));
    const fileBytes = rng.int(18_000, 36_000);
    const data = base64url(Rng.of(ctx.seed, 'dnsexfiltrator file').bytes(fileBytes));
    const chunks = Math.ceil(data.length / c.chunkChars);
    const t0 = workHoursStart(ctx, rng, chunks * 100 + SECOND);
    const out = new Emitter(ctx, process, ctx.host.resolver, true);
    const init = `init.${base32(asciiBytes(`${c.file}|${chunks}`))}.base64.${c.zone}`;
    return {
      process, domain: c.domain, zone: c.zone, resolver: ctx.host.resolver, sysmon: true,
      details: { file: c.file, bytes: fileBytes, chunks, encoding: 'base64url', init },
      *events(): Generator<GenEvent> {
        const r = Rng.of(ctx.seed, `${ctx.index} dnsexfiltrator events`);
        let t = t0;
        yield out.ev(t, init, 16, 'NOERROR', [txtAnswer('OK', 0)]);
        for (let n = 0; n < chunks; n++) {
          t += r.int(20, 90);
          const piece = data.slice(n * c.chunkChars, (n + 1) * c.chunkChars);
          yield out.ev(t, `${n}.${dotify(piece, 63)}.${c.zone}`, 16, 'NOERROR', [txtAnswer(String(n), 0)]);
        }
      },
    };
  },
};

export const powershellTxt: AttackSpec = {
  id: 'powershell-txt',
  technique: 'PowerShell TXT stager (nishang Execute-DNSTXT-Code layout via Resolve-DnsName): start-domain polls every 5 s, then 1., 2., … with 255-char base64 TXT',
  mitre: ['T1071.004', 'T1105', 'T1059.001'],
  plan(ctx) {
    const rng = planRng(ctx, this.id);
    const c = PS_TXT;
    const process = attackProcess(rng, ctx, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    const polls = rng.int(6, 20);
    const script = base64(Rng.of(ctx.seed, 'powershell-txt payload').bytes(rng.int(3000, 6000)));
    const records = Math.ceil(script.length / 255);
    const t0 = workHoursStart(ctx, rng, polls * c.pollMs + records * SECOND);
    const out = new Emitter(ctx, process, ctx.host.resolver, true);
    return {
      process, domain: c.domain, zone: c.zone, resolver: ctx.host.resolver, sysmon: true,
      details: { startName: c.startName, polls, records, payloadChars: script.length, firstName: `1.${c.zone}` },
      *events(): Generator<GenEvent> {
        const r = Rng.of(ctx.seed, `${ctx.index} powershell-txt events`);
        let t = t0;
        for (let i = 0; i < polls; i++) {
          yield out.ev(t, c.startName, 16, 'NOERROR', [txtAnswer(i === polls - 1 ? 'start' : 'nostart', 60)]);
          t += c.pollMs + r.int(5, 40);
        }
        for (let i = 1; i <= records; i++) {
          yield out.ev(t, `${i}.${c.zone}`, 16, 'NOERROR', [txtAnswer(script.slice((i - 1) * 255, i * 255), 60)]);
          t += r.int(80, 300);
        }
      },
    };
  },
};

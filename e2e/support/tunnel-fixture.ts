import { zeekLog } from './zeek-fixture';

/** 2024-03-01T00:00:00Z, the time base of the generated Zeek logs. */
const T0 = 1_709_251_200;
/** A tunnel query whose name is markup: it must show as text wherever it appears. */
export const HOSTILE_QNAME = 'dnscat.<img src=x onerror=alert(1)>.tunnel-c2.net';
const BENIGN = ['www.example.com', 'mail.example.org', 'cdn.example.net', 'update.example.com', 'api.example.io'];

/** Deterministic hex, so every run writes the same file. */
function hex(seed: number, length: number): string {
  let x = seed * 2654435761 >>> 0;
  let out = '';
  while (out.length < length) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

function row(t: number, i: number, client: string, query: string, qtype: [number, string], answer: string, ttl: string): string {
  return [
    (T0 + t).toFixed(6), `Ct${i.toString(36).padStart(8, '0')}`, client, String(40000 + (i % 20000)), '10.0.0.53', '53', 'udp',
    String(i % 65536), '0.020', query, '1', 'C_INTERNET', String(qtype[0]), qtype[1], '0', 'NOERROR', 'F', 'F', 'T', 'T', '0', answer, ttl, 'F',
  ].join('\t');
}

/**
 * A Zeek dns.log (TSV): `benign` ordinary A lookups from a few clients over an hour, and a
 * dnscat2-like tunnel from 10.0.0.66: `burst` TXT lookups, one per second, of long hex labels
 * under one domain, answered with hex TXT records (the first one's name is {@link HOSTILE_QNAME}).
 */
export function tunnelLog({ benign = 200, burst = 400 }: { benign?: number; burst?: number } = {}): string {
  const lines: string[] = [];
  let i = 0;
  for (let k = 0; k < benign; k++, i++) {
    const name = BENIGN[k % BENIGN.length] as string;
    lines.push(row(k * 17, i, `10.0.1.${10 + (k % 6)}`, name, [1, 'A'], `93.184.216.${k % 200}`, '300.000000'));
  }
  for (let k = 0; k < burst; k++, i++) {
    const query = k === 0 ? HOSTILE_QNAME : `dnscat.${hex(k + 1, 62)}.${hex(k + 7, 40)}.tunnel-c2.net`;
    lines.push(row(600 + k, i, '10.0.0.66', query, [16, 'TXT'], hex(k + 99, 120), '0.000000'));
  }
  lines.sort((a, b) => Number(a.split('\t')[0]) - Number(b.split('\t')[0]));
  return zeekLog(lines);
}

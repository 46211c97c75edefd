/**
 * Everything the generator writes must be read back by the real ingest with no skipped rows,
 * the same event count and the values it meant to write.
 */
import { describe, expect, it } from 'vitest';
import type { EventStore, EventView } from '../store/event-store';
import { ingestText } from '../testing/ingest-helpers';
import { DNSSTAGER_AAAA } from './attack-dnsstager';
import { aaaaAnswers, msfLikeStager, txtRecords } from './dnsstager';
import { generateHunt, type HuntManifest } from './hunt';
import type { HuntFormat } from './render-common';

const EXPECTED_ADAPTER: Record<HuntFormat, string> = {
  'splunk-csv': 'sysmon-splunk-csv',
  'sysmon-json': 'sysmon-json',
  'zeek-tsv': 'zeek-tsv',
};

interface RoundTrip {
  store: EventStore;
  manifest: HuntManifest;
  skipped: number;
  events: number;
  adapter: string;
  text: string;
}

const cache = new Map<HuntFormat, Promise<RoundTrip>>();

/** Generates (once per format) and ingests a hunt through the real pipeline, in 64 KiB chunks. */
function roundTrip(format: HuntFormat): Promise<RoundTrip> {
  let p = cache.get(format);
  if (!p) {
    p = run(format);
    cache.set(format, p);
  }
  return p;
}

async function run(format: HuntFormat): Promise<RoundTrip> {
  const hunt = generateHunt({ seed: 21, format, benignRows: 6000, chunkBytes: 32 * 1024 });
  const parts: Uint8Array[] = [];
  for (const b of hunt.bytes) parts.push(b);
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const { store, summary } = await ingestText(all, { chunkSize: 1 << 16 });
  expect(summary.problems).toEqual([]);
  return {
    store, manifest: hunt.manifest(), skipped: summary.skipped, events: summary.events, adapter: summary.format,
    text: new TextDecoder().decode(all),
  };
}

function rows(store: EventStore): EventView[] {
  return Array.from({ length: store.size }, (_, i) => store.event(i));
}

describe.each(['splunk-csv', 'sysmon-json', 'zeek-tsv'] as const)('ingest round trip (%s)', (format) => {
  it('is read by the matching adapter with 0 skipped rows and the same event count', async () => {
    const { manifest, skipped, events, adapter } = await roundTrip(format);
    expect(adapter).toBe(EXPECTED_ADAPTER[format]);
    expect(skipped).toBe(0);
    expect(events).toBe(manifest.rows);
    expect(manifest.rows).toBeGreaterThan(6000);
  });

  it('keeps the exact DNSStager answers, in order, and the final NODATA', async () => {
    const { store } = await roundTrip(format);
    const expected = aaaaAnswers(msfLikeStager(), DNSSTAGER_AAAA.key);
    const stager = rows(store).filter((e) => e.qname.endsWith(`.${DNSSTAGER_AAAA.zone}`));
    expect(stager).toHaveLength(expected.length + 1);
    stager.slice(0, -1).forEach((e, i) => {
      expect(e.qname).toBe(`${DNSSTAGER_AAAA.prefix}${i}.${DNSSTAGER_AAAA.zone}`);
      expect(e.answers).toEqual([{ type: 28, value: expected[i] }]);
      expect(e.qtype).toBe(28);
      expect(e.status).toBe('NOERROR');
    });
    expect(stager[0]?.answers[0]?.value).toBe('f642:89ee:fae2:c20a:a0a:4b5b:4b5a:585b');
    const last = stager[stager.length - 1] as EventView;
    expect(last.status).toBe('NODATA');
    expect(last.answers).toEqual([]);
    if (format === 'zeek-tsv') expect(stager[0]?.ttl).toBe(300);
    else expect(last.statusCode).toBe(9501);
  });

  it('puts every attack row where the manifest says: host, process or zone, first and last time', async () => {
    const { store, manifest } = await roundTrip(format);
    const all = rows(store);
    for (const entry of manifest.attacks) {
      let mine: EventView[];
      if (format === 'zeek-tsv') {
        if (entry.zone === null) continue;
        const zone = entry.zone;
        mine = all.filter((e) => e.client === entry.client && (e.qname === zone || e.qname.endsWith(`.${zone}`)));
      } else {
        mine = all.filter((e) => e.host === entry.computer && e.image === entry.process && e.pid === entry.pid);
      }
      expect(mine.length, entry.id).toBe(entry.rows);
      if (entry.rows === 0) continue;
      expect(entry.host).toBe(format === 'zeek-tsv' ? entry.client : entry.computer);
      expect(Math.floor(mine[0]!.time), entry.id).toBe(Date.parse(entry.firstTime as string));
      expect(Math.floor(mine[mine.length - 1]!.time), entry.id).toBe(Date.parse(entry.lastTime as string));
    }
  });
});

describe('format-specific fidelity', () => {
  it('logs TXT payloads whole: DNSStager TXT records and long DKIM keys split into 255-char strings (Zeek)', async () => {
    const { store } = await roundTrip('zeek-tsv');
    const all = rows(store);
    const txt = all.filter((e) => /^cdn\d+\.fakedns\.live$/.test(e.qname) && e.answers.length > 0).map((e) => e.answers[0]?.value);
    expect(txt).toEqual(txtRecords(msfLikeStager(), 0));
    const dkim = all.find((e) => e.qname.includes('._domainkey.') && (e.answers[0]?.value.length ?? 0) > 255);
    expect(dkim?.answers[0]?.value).toMatch(/^v=DKIM1; k=rsa; p=MIIBIjANBgkqh[A-Za-z0-9+/]+IDAQAB$/);
    expect(dkim?.resolver).toBe('10.0.0.53');
    expect(all.some((e) => e.answers.some((a) => /^64:ff9b::[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(a.value)))).toBe(true);
    // a comma inside a TXT string travels as \x2c and comes back as a comma
    expect(all.some((e) => e.qname.startsWith('_dmarc.') && /rua=mailto:[^,; ]+,mailto:/.test(e.answers[0]?.value ?? ''))).toBe(true);
  });

  it('shows dnscat2 going straight to its server and resolver-bypass going to 8.8.8.8 (Zeek)', async () => {
    const { store, manifest } = await roundTrip('zeek-tsv');
    const all = rows(store);
    const cat = manifest.attacks.find((a) => a.id === 'dnscat2');
    const catRows = all.filter((e) => e.qname.endsWith(cat?.zone as string));
    expect(new Set(catRows.map((e) => e.resolver))).toEqual(new Set(['165.227.88.15']));
    expect(new Set(catRows.map((e) => e.ttl))).toEqual(new Set([60]));
    expect(new Set(catRows.map((e) => e.qtype))).toEqual(new Set([5, 15, 16]));
    const bypass = all.filter((e) => e.qname.endsWith('gostat-metrics.io'));
    expect(bypass.length).toBeGreaterThan(10);
    expect(bypass.every((e) => e.resolver === '8.8.8.8')).toBe(true);
  });

  it('writes Sysmon QueryResults in the EID 22 grammar: v4-mapped A, typed CNAME, 1460 without results', async () => {
    const { store, text } = await roundTrip('splunk-csv');
    const all = rows(store);
    const cname = all.find((e) => e.answersRaw.startsWith('type:  5 ') && e.answersRaw.includes(';::ffff:'));
    expect(cname?.answersRaw).toMatch(/^(type: {2}5 [^;]+;)+(::ffff:\d+\.\d+\.\d+\.\d+;)+$/);
    const probe = all.find((e) => e.statusCode === 1460);
    expect(probe?.status).toBe('TIMEOUT');
    expect(probe?.answers).toEqual([]);
    expect(probe?.qname).toMatch(/^(wpad|[a-z]{7,15})$/);
    expect(all.some((e) => e.answers.some((a) => a.type === 28 && /^64:ff9b::\d+\.\d+\.\d+\.\d+$/.test(a.value)))).toBe(true);
    const timeouts = text.split('\n').filter((l) => l.includes(',22,1460,'));
    expect(timeouts.length).toBeGreaterThan(0);
    expect(timeouts.every((l) => /^[^,]+,[a-z]+,-,/.test(l))).toBe(true);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ATTACK_IDS, parseAttackList, selectAttacks } from './attacks';
import { generateHunt, planEvents, planHunt, type HuntOptions } from './hunt';
import { HUNT_FORMATS } from './render-common';

function digest(opts: HuntOptions): { sha: string; bytes: number } {
  const h = createHash('sha256');
  let bytes = 0;
  for (const b of generateHunt(opts).bytes) {
    h.update(b);
    bytes += b.length;
  }
  return { sha: h.digest('hex'), bytes };
}

describe('generateHunt determinism', () => {
  it.each(HUNT_FORMATS)('writes identical bytes for the same seed and different bytes for another (%s)', (format) => {
    const a = digest({ seed: 7, format, benignRows: 3000, chunkBytes: 4096 });
    const b = digest({ seed: 7, format, benignRows: 3000, chunkBytes: 65536 });
    const c = digest({ seed: 8, format, benignRows: 3000 });
    const reused = digest({ seed: 7, format, benignRows: 3000, chunkBytes: 4096, reuseBuffers: true });
    expect(a.bytes).toBeGreaterThan(100_000);
    expect(b).toEqual(a);
    expect(reused).toEqual(a);
    expect(c.sha).not.toBe(a.sha);
  });

  it('gives the same bytes whether read as text chunks or byte chunks', () => {
    const hunt = generateHunt({ seed: 3, format: 'zeek-tsv', benignRows: 2000, chunkBytes: 10_000 });
    const text = [...hunt.chunks].join('');
    const bytes = Buffer.concat([...hunt.bytes].map((b) => Buffer.from(b)));
    expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);
  });

  it('keeps the benign traffic the same whichever attacks are selected', () => {
    const benign = (attacks: HuntOptions['attacks']) => {
      const plan = planHunt({ seed: 5, format: 'zeek-tsv', benignRows: 2000, attacks });
      return [...planEvents(plan)].filter((e) => e.attack < 0).map((e) => `${e.time} ${e.qname}`);
    };
    expect(benign('none')).toEqual(benign('all'));
  });
});

describe('generateHunt row budget and manifest', () => {
  it('renders exactly --rows rows in total, attacks included', () => {
    for (const format of HUNT_FORMATS) {
      const hunt = generateHunt({ seed: 2, format, rows: 12_345 });
      let lines = 0;
      for (const c of hunt.chunks) for (const ch of c) if (ch === '\n') lines++;
      const m = hunt.manifest();
      const headerLines = format === 'splunk-csv' ? 1 : format === 'zeek-tsv' ? 9 : 0;
      expect(m.complete).toBe(true);
      expect(m.rows).toBe(12_345);
      expect(lines - headerLines).toBe(12_345);
      expect(m.benignRows + m.attackRows).toBe(12_345);
    }
  });

  it('renders exactly benignRows benign rows, with the attacks on top', () => {
    const hunt = generateHunt({ seed: 4, format: 'splunk-csv', benignRows: 5000 });
    for (const _ of hunt.bytes) void _;
    const m = hunt.manifest();
    expect(m.benignRows).toBe(5000);
    expect(m.attackRows).toBe(m.attacks.reduce((n, a) => n + a.rows, 0));
  });

  it('lists each attack with the rows, times and names its events have in this format', () => {
    for (const format of ['splunk-csv', 'zeek-tsv'] as const) {
      const hunt = generateHunt({ seed: 11, format, benignRows: 3000 });
      for (const _ of hunt.bytes) void _;
      const m = hunt.manifest();
      const events = [...planEvents(hunt.plan)].filter((e) => e.attack >= 0 && (format === 'zeek-tsv' || e.sysmon));
      expect(m.attacks.map((a) => a.id)).toEqual(ATTACK_IDS);
      m.attacks.forEach((entry, i) => {
        const mine = events.filter((e) => e.attack === i);
        expect(entry.rows, entry.id).toBe(mine.length);
        expect(entry.visible, entry.id).toBe(mine.length > 0);
        if (mine.length === 0) return;
        expect(entry.firstTime).toBe(new Date(mine[0]!.time).toISOString());
        expect(entry.lastTime).toBe(new Date(mine[mine.length - 1]!.time).toISOString());
        expect(entry.qnames[0]).toBe(mine[0]!.qname);
        for (const e of mine) {
          expect(e.host.computer).toBe(entry.computer);
          expect(e.proc.image).toBe(entry.process);
          if (entry.zone) expect(e.qname.endsWith(entry.zone), `${entry.id} ${e.qname}`).toBe(true);
        }
      });
    }
  });

  it('hides raw-socket tools from Sysmon renderings and shows them to Zeek', () => {
    const rows = (format: 'splunk-csv' | 'zeek-tsv') => {
      const hunt = generateHunt({ seed: 1, format, benignRows: 0, attacks: ['dnscat2', 'iodine', 'dns2tcp', 'dnsstager-txt', 'resolver-bypass'] });
      for (const _ of hunt.bytes) void _;
      return hunt.manifest().attacks.map((a) => [a.id, a.rows, a.visible] as const);
    };
    expect(rows('splunk-csv').every(([, n, v]) => n === 0 && !v)).toBe(true);
    expect(rows('zeek-tsv').every(([, n, v]) => n > 0 && v)).toBe(true);
  });

  it('puts attacks on distinct workstations, the same ones whatever the selection', () => {
    const all = planHunt({ seed: 9, format: 'zeek-tsv', benignRows: 100 });
    const hosts = all.attacks.map((a) => a.host.computer);
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(hosts.every((h) => !h.startsWith('MAIL'))).toBe(true);
    const one = planHunt({ seed: 9, format: 'zeek-tsv', benignRows: 100, attacks: ['dga'] });
    expect(one.attacks[0]?.host.computer).toBe(all.attacks[ATTACK_IDS.indexOf('dga')]?.host.computer);
  });
});

describe('attack selection', () => {
  it('accepts all, none, ids and id prefixes', () => {
    expect(selectAttacks('all')).toHaveLength(ATTACK_IDS.length);
    expect(selectAttacks('none')).toHaveLength(0);
    expect(selectAttacks(parseAttackList('dnsstager, dga')).map((a) => a.id)).toEqual(['dnsstager-aaaa', 'dnsstager-txt', 'dga']);
  });

  it('rejects an unknown attack name and lists the known ones', () => {
    expect(() => selectAttacks(['nope'])).toThrow(/unknown attack "nope".*dnsstager-aaaa/);
  });
});

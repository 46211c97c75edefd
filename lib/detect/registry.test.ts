/**
 * Registry parity: every registered detector declares complete metadata, has its own unit test
 * file, and a scenario (lib/detect/scenarios/<id>.ts) on which it fires and a hard negative on
 * which it stays silent. Adding a detector extends this test automatically.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../store/column';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { parseHuntConfig, defaultConfig } from './config';
import { DETECTORS } from './registry';
import { runDetectors } from './run';
import { SEVERITIES } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));

interface ScenarioModule {
  fires: readonly TestEvent[];
  silent: readonly TestEvent[];
}

describe('detector registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = DETECTORS.map((d) => d.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('round-trips its default config through the config schema', () => {
    expect(parseHuntConfig(DETECTORS, defaultConfig(DETECTORS)).ok).toBe(true);
    expect(parseHuntConfig(DETECTORS, { detectors: { 'no-such-detector': {} } }).ok).toBe(false);
  });

  describe.each(DETECTORS.map((d) => [d.meta.id, d] as const))('%s', (id, d) => {
    it('declares complete metadata', () => {
      const m = d.meta;
      expect(m.title.length).toBeGreaterThan(5);
      expect(m.description.length).toBeGreaterThan(20);
      expect(m.mitre.length).toBeGreaterThan(0);
      for (const t of m.mitre) expect(t).toMatch(/^T\d{4}(\.\d{3})?$/);
      expect(m.requiredFields.length).toBeGreaterThan(0);
      expect(m.falsePositives.length).toBeGreaterThan(0);
      expect(SEVERITIES).toContain(m.severity);
      for (const [name, spec] of Object.entries(m.thresholds)) {
        expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(spec.unit.length).toBeGreaterThan(0);
        expect(spec.description.length).toBeGreaterThan(5);
        if (spec.min !== undefined) expect(spec.default).toBeGreaterThanOrEqual(spec.min);
        if (spec.max !== undefined) expect(spec.default).toBeLessThanOrEqual(spec.max);
      }
    });

    it('has a unit test file', () => {
      expect(existsSync(path.join(here, `${id}.test.ts`))).toBe(true);
    });

    it('fires on its scenario and stays silent on its hard negative', async () => {
      const file = path.join(here, 'scenarios', `${id}.ts`);
      expect(existsSync(file)).toBe(true);
      const s = (await import(/* @vite-ignore */ file)) as ScenarioModule;
      const fires = runDetectors(buildStore(s.fires), undefined, [d]);
      expect(fires.findings.length).toBeGreaterThan(0);
      for (const f of fires.findings) expect(f.detector).toBe(id);
      const silent = runDetectors(buildStore(s.silent), undefined, [d]);
      expect(silent.findings).toEqual([]);
    });

    it('finds the same past a column block: its scenario after a block of rows no detector counts', async () => {
      const s = (await import(/* @vite-ignore */ path.join(here, 'scenarios', `${id}.ts`))) as ScenarioModule;
      // single-label local names from a host of their own, inside the scenario's time span: the
      // scenario's rows then start past the first block of every column (the passes read blocks)
      const t0 = Math.min(...s.fires.map((e) => e.t));
      const t1 = Math.max(...s.fires.map((e) => e.t));
      const filler: TestEvent[] = Array.from({ length: BLOCK_SIZE + 777 }, (_, i) => ({
        t: t0 + ((t1 - t0) * i) / (BLOCK_SIZE + 777),
        qname: 'wpad',
        host: 'FILLER',
        image: 'C:\\filler.exe',
      }));
      const seen = (events: TestEvent[], by: number) => {
        const r = runDetectors(buildStore(events), undefined, [d]);
        return r.findings
          .filter((f) => f.entity.host !== 'FILLER')
          .map((f) => ({ title: f.title, severity: f.severity, score: f.score, entity: f.entity, rows: (r.evidenceRows.get(f.id) ?? []).map((row) => row - by) }));
      };
      const alone = seen([...s.fires], 0);
      expect(alone.length).toBeGreaterThan(0);
      expect(seen([...filler, ...s.fires], filler.length)).toEqual(alone);
    });
  });
});

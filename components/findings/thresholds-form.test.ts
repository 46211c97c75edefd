import { describe, expect, it } from 'vitest';
import { DETECTORS } from '@/lib/detect/registry';
import { configFromDraft, draftFromConfig, errorKey } from './thresholds-form';

const STAGING = 'sequential-label-staging';

describe('thresholds form', () => {
  it('the default draft gives an empty config', () => {
    const draft = draftFromConfig(DETECTORS, undefined);
    expect(draft[STAGING]?.values.minRecords).toBe('8');
    expect(configFromDraft(DETECTORS, draft)).toEqual({ ok: true, config: {}, changes: 0 });
  });

  it('keeps only the changes and round-trips through a config', () => {
    const draft = draftFromConfig(DETECTORS, undefined);
    const staging = draft[STAGING];
    const bypass = draft['resolver-bypass'];
    if (!staging || !bypass) throw new Error('missing detectors');
    staging.values.minRecords = '200';
    bypass.enabled = false;
    const r = configFromDraft(DETECTORS, draft);
    expect(r).toEqual({
      ok: true,
      changes: 2,
      config: { detectors: { [STAGING]: { thresholds: { minRecords: 200 } }, 'resolver-bypass': { enabled: false } } },
    });
    if (r.ok) expect(draftFromConfig(DETECTORS, r.config)).toEqual(draft);
  });

  it('ties errors to their inputs: below the minimum, blank, not a number', () => {
    const draft = draftFromConfig(DETECTORS, undefined);
    const staging = draft[STAGING];
    if (!staging) throw new Error('missing detector');
    staging.values.minRecords = '1';
    staging.values.maxGaps = '';
    staging.values.maxStart = 'abc';
    const r = configFromDraft(DETECTORS, draft);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual([errorKey(STAGING, 'maxGaps'), errorKey(STAGING, 'maxStart'), errorKey(STAGING, 'minRecords')]);
    expect(r.errors[errorKey(STAGING, 'minRecords')]).toMatch(/>=\s*3/);
    expect(r.errors[errorKey(STAGING, 'maxGaps')]).toBe('Enter a number.');
  });
});

/**
 * The thresholds panel's form as plain data: a draft (what the inputs show, as text) built from
 * a hunt config, and back to a config holding only what differs from the defaults, validated by
 * the registry's schema with each error tied to its input.
 */
import { parseHuntConfig, type DetectorSettings, type HuntConfig } from '@/lib/detect/config';
import type { Detector } from '@/lib/detect/types';

export interface DetectorDraft {
  enabled: boolean;
  /** threshold name → the input's text */
  values: Record<string, string>;
}
export type ThresholdsDraft = Record<string, DetectorDraft>;

/** The key of one input's error: `<detector>` for the detector, `<detector>.<threshold>` for a value. */
export const errorKey = (detector: string, threshold?: string) => (threshold === undefined ? detector : `${detector}.${threshold}`);

export function draftFromConfig(detectors: readonly Detector[], config: HuntConfig | undefined): ThresholdsDraft {
  const draft: ThresholdsDraft = {};
  for (const d of detectors) {
    const settings = config?.detectors?.[d.meta.id];
    const values: Record<string, string> = {};
    for (const [name, spec] of Object.entries(d.meta.thresholds)) values[name] = String(settings?.thresholds?.[name] ?? spec.default);
    draft[d.meta.id] = { enabled: settings?.enabled ?? true, values };
  }
  return draft;
}

/** A number typed in an input; blank or unreadable text becomes NaN, which the schema rejects. */
function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export type DraftResult = { ok: true; config: HuntConfig; changes: number } | { ok: false; errors: Record<string, string> };

/** The config of a draft (only the changes from the defaults), or the errors by input. */
export function configFromDraft(detectors: readonly Detector[], draft: ThresholdsDraft): DraftResult {
  const out: Record<string, DetectorSettings> = {};
  let changes = 0;
  for (const d of detectors) {
    const dd = draft[d.meta.id];
    if (!dd) continue;
    const settings: { enabled?: boolean; thresholds?: Record<string, number> } = {};
    if (!dd.enabled) {
      settings.enabled = false;
      changes++;
    }
    const thresholds: Record<string, number> = {};
    for (const [name, spec] of Object.entries(d.meta.thresholds)) {
      const v = numberOf(dd.values[name] ?? '');
      if (!Object.is(v, spec.default)) {
        thresholds[name] = v;
        changes++;
      }
    }
    if (Object.keys(thresholds).length > 0) settings.thresholds = thresholds;
    if (Object.keys(settings).length > 0) out[d.meta.id] = settings;
  }
  const config: HuntConfig = Object.keys(out).length > 0 ? { detectors: out } : {};
  const parsed = parseHuntConfig(detectors, config);
  if (parsed.ok) return { ok: true, config: parsed.config, changes };
  const errors: Record<string, string> = {};
  for (const e of parsed.errors) {
    const at = e.indexOf(': ');
    const path = at >= 0 ? e.slice(0, at).split('.') : [];
    const message = at >= 0 ? e.slice(at + 2) : e;
    // detectors.<id>.thresholds.<name> or detectors.<id>[.enabled]
    const key = path[0] === 'detectors' && path[1] ? errorKey(path[1], path[2] === 'thresholds' ? path[3] : undefined) : '(form)';
    errors[key] = errors[key] ? `${errors[key]}; ${readable(message)}` : readable(message);
  }
  return { ok: false, errors };
}

/** zod's message, told for a number input. */
function readable(message: string): string {
  return /expected number, received NaN/i.test(message) ? 'Enter a number.' : message;
}

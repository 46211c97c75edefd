import { z } from 'zod';
import type { Detector, DetectorMeta, ThresholdSpec } from './types';

function thresholdSchema(spec: ThresholdSpec) {
  let s = z.number().finite();
  if (spec.min !== undefined) s = s.min(spec.min);
  if (spec.max !== undefined) s = s.max(spec.max);
  return s.optional();
}

/**
 * zod schema of a hunt config, derived from the registry: `{ detectors: { <id>: { enabled,
 * thresholds: { <name>: number } } } }`. Unknown detectors or thresholds are errors, so a typo
 * never silently leaves a default in place.
 */
export function huntConfigSchema(detectors: readonly Detector[]) {
  const perDetector = Object.fromEntries(
    detectors.map((d) => [
      d.meta.id,
      z
        .strictObject({
          enabled: z.boolean().optional(),
          thresholds: z
            .strictObject(Object.fromEntries(Object.entries(d.meta.thresholds).map(([k, spec]) => [k, thresholdSchema(spec)])))
            .optional(),
        })
        .optional(),
    ]),
  );
  return z.strictObject({ detectors: z.strictObject(perDetector).optional() });
}

export interface DetectorSettings {
  readonly enabled?: boolean;
  readonly thresholds?: Readonly<Record<string, number | undefined>>;
}
export interface HuntConfig {
  readonly detectors?: Readonly<Record<string, DetectorSettings | undefined>>;
}

/** Validates unknown input (a parsed config file); returns the config or readable errors. */
export function parseHuntConfig(
  detectors: readonly Detector[],
  input: unknown,
): { ok: true; config: HuntConfig } | { ok: false; errors: string[] } {
  const r = huntConfigSchema(detectors).safeParse(input);
  if (r.success) return { ok: true, config: r.data as HuntConfig };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}

/** Defaults of the metadata with the config's overrides applied. */
export function resolveThresholds(meta: DetectorMeta, config: HuntConfig | undefined): Record<string, number> {
  const over = config?.detectors?.[meta.id]?.thresholds ?? {};
  const out: Record<string, number> = {};
  for (const [k, spec] of Object.entries(meta.thresholds)) out[k] = over[k] ?? spec.default;
  return out;
}

export function isEnabled(meta: DetectorMeta, config: HuntConfig | undefined): boolean {
  return config?.detectors?.[meta.id]?.enabled ?? true;
}

/** The default config with every threshold written out, for `--print-config` and the UI. */
export function defaultConfig(detectors: readonly Detector[]): HuntConfig {
  return {
    detectors: Object.fromEntries(
      detectors.map((d) => [d.meta.id, { enabled: true, thresholds: resolveThresholds(d.meta, undefined) }]),
    ),
  };
}

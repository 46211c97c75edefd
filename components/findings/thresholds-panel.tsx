'use client';

import { useId, useState, type FormEvent } from 'react';
import { useHunt } from '@/components/hunt/hunt-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/components/ui/format';
import { DETECTORS } from '@/lib/detect/registry';
import type { ThresholdSpec } from '@/lib/detect/types';
import { configFromDraft, draftFromConfig, errorKey, type ThresholdsDraft } from './thresholds-form';

function rangeText(spec: ThresholdSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return `${spec.min}–${spec.max}`;
  if (spec.min !== undefined) return `≥ ${spec.min}`;
  if (spec.max !== undefined) return `≤ ${spec.max}`;
  return '';
}

/**
 * Every detector (on/off) and every threshold as a labelled number input. Apply re-runs the
 * detectors in the worker over the loaded events (files are not read again); Reset restores the
 * defaults. The applied overrides stay in the page, never in the URL.
 */
export function ThresholdsPanel() {
  const { huntConfig, applyHuntConfig, client } = useHunt();
  const uid = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ThresholdsDraft>(() => draftFromConfig(DETECTORS, huntConfig));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bodyId = `${uid}-body`;

  const edit = (detector: string, patch: (d: ThresholdsDraft[string]) => ThresholdsDraft[string]) =>
    setDraft((prev) => {
      const d = prev[detector];
      return d ? { ...prev, [detector]: patch(d) } : prev;
    });

  const run = async (next: ThresholdsDraft, verb: string) => {
    const r = configFromDraft(DETECTORS, next);
    if (!r.ok) {
      setErrors(r.errors);
      setStatus(`Not applied: ${formatCount(Object.keys(r.errors).length)} ${Object.keys(r.errors).length === 1 ? 'value needs' : 'values need'} fixing.`);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    setStatus('Running the detectors again…');
    try {
      const d = await applyHuntConfig(r.config);
      setStatus(
        `${verb}: ${r.changes === 0 ? 'defaults' : `${formatCount(r.changes)} ${r.changes === 1 ? 'change' : 'changes'} from the defaults`}; ` +
          `${d.ran} of ${d.registered} detectors ran, ${formatCount(d.suspects)} suspects.`,
      );
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
      setStatus('');
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void run(draft, 'Applied');
  };
  const onReset = () => {
    const defaults = draftFromConfig(DETECTORS, undefined);
    setDraft(defaults);
    void run(defaults, 'Reset');
  };

  const formError = errors['(form)'];
  return (
    <section className="thresholds" aria-labelledby={`${uid}-heading`}>
      <div className="section-header">
        <h3 id={`${uid}-heading`}>Detector thresholds</h3>
        <button type="button" className="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          Thresholds
        </button>
      </div>
      <div id={bodyId} hidden={!open}>
        <form onSubmit={onSubmit} noValidate aria-label="Detector thresholds">
          <p className="muted">
            Change a value and Apply: the detectors run again over the loaded events, without reading the files again.
          </p>
          {formError ? <Alert title="The thresholds are not valid">{formError}</Alert> : null}
          <div className="thresholds-grid">
            {DETECTORS.map(({ meta }) => {
              const d = draft[meta.id];
              if (!d) return null;
              const enabledId = `${uid}-${meta.id}-enabled`;
              const detectorError = errors[errorKey(meta.id)];
              return (
                <fieldset key={meta.id} className="thresholds-detector">
                  <legend>
                    {meta.title} <code className="muted">{meta.id}</code>
                  </legend>
                  <div className="thresholds-enabled">
                    <input
                      id={enabledId}
                      type="checkbox"
                      checked={d.enabled}
                      onChange={(e) => {
                        const enabled = e.target.checked;
                        edit(meta.id, (x) => ({ ...x, enabled }));
                      }}
                    />
                    <label htmlFor={enabledId}>Enabled</label>
                  </div>
                  {detectorError ? (
                    <p className="field-error" role="alert">
                      {detectorError}
                    </p>
                  ) : null}
                  {Object.entries(meta.thresholds).map(([name, spec]) => {
                    const inputId = `${uid}-${meta.id}-${name}`;
                    const error = errors[errorKey(meta.id, name)];
                    const range = rangeText(spec);
                    return (
                      <div key={name} className="threshold-field">
                        <label htmlFor={inputId}>
                          {name} <span className="muted">({spec.unit})</span>
                        </label>
                        <input
                          id={inputId}
                          type="number"
                          inputMode="decimal"
                          step="any"
                          min={spec.min}
                          max={spec.max}
                          value={d.values[name] ?? ''}
                          disabled={!d.enabled}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={`${inputId}-desc${error ? ` ${inputId}-error` : ''}`}
                          onChange={(e) => {
                            const text = e.target.value;
                            edit(meta.id, (x) => ({ ...x, values: { ...x.values, [name]: text } }));
                          }}
                        />
                        <span id={`${inputId}-desc`} className="muted threshold-desc">
                          {spec.description} (default {spec.default}
                          {range ? `; ${range}` : ''})
                        </span>
                        {error ? (
                          <span id={`${inputId}-error`} className="field-error">
                            {error}
                          </span>
                        ) : null}
                      </div>
                    );
                  })}
                </fieldset>
              );
            })}
          </div>
          {failure ? <Alert title="Detection did not run">{failure}</Alert> : null}
          <div className="thresholds-actions">
            <Button type="submit" variant="primary" disabled={busy || !client}>
              Apply
            </Button>
            <Button onClick={onReset} disabled={busy || !client}>
              Reset to defaults
            </Button>
            <p role="status" className="muted">
              {status}
            </p>
          </div>
        </form>
      </div>
    </section>
  );
}

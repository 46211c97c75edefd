'use client';

import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { formatUtcInput, parseUtcInput } from '@/components/ui/format';

/**
 * The time range of every view as two UTC fields: what the brush sets, typed instead (the
 * keyboard way, and to the millisecond). Remount it (key) when the range changes elsewhere.
 */
export function TimeRangeForm({ from, to, placeholder, onApply }: {
  from?: number;
  to?: number;
  placeholder?: { first: number; last: number } | null;
  onApply: (from: number | undefined, to: number | undefined) => void;
}) {
  const ids = { from: useId(), to: useId(), error: useId() };
  const [fromText, setFrom] = useState(from === undefined ? '' : formatUtcInput(from));
  const [toText, setTo] = useState(to === undefined ? '' : formatUtcInput(to));
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const f = fromText.trim() === '' ? undefined : parseUtcInput(fromText);
    const t = toText.trim() === '' ? undefined : parseUtcInput(toText);
    if (f === null || t === null) return setError('Write times as YYYY-MM-DD HH:MM:SS (UTC), seconds and milliseconds optional.');
    if (f !== undefined && t !== undefined && f > t) return setError('The start of the range is after its end.');
    setError(null);
    // a "to" without a time of day means the whole day
    const end = t !== undefined && /^\d{4}-\d\d-\d\d$/.test(toText.trim()) ? t + 86_400_000 - 1 : t;
    onApply(f, end);
  };

  return (
    <form className="time-range" onSubmit={submit} aria-label="Time range (UTC)">
      <label htmlFor={ids.from} className="inline-field">
        From (UTC)
        <input id={ids.from} value={fromText} onChange={(e) => setFrom(e.target.value)} placeholder={placeholder ? formatUtcInput(placeholder.first) : 'YYYY-MM-DD HH:MM:SS'} aria-invalid={error !== null} aria-describedby={error ? ids.error : undefined} spellCheck={false} size={23} />
      </label>
      <label htmlFor={ids.to} className="inline-field">
        To (UTC)
        <input id={ids.to} value={toText} onChange={(e) => setTo(e.target.value)} placeholder={placeholder ? formatUtcInput(placeholder.last) : 'YYYY-MM-DD HH:MM:SS'} aria-invalid={error !== null} aria-describedby={error ? ids.error : undefined} spellCheck={false} size={23} />
      </label>
      <Button type="submit">Apply range</Button>
      {from !== undefined || to !== undefined ? <Button onClick={() => onApply(undefined, undefined)}>Whole time range</Button> : null}
      {error ? (
        <p id={ids.error} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

'use client';

import { useId } from 'react';

/** A small radio group shown as a segmented control (arrow keys move between options). */
export function Segmented<T extends string>({ legend, options, value, onChange }: {
  legend: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend className="segmented-legend">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className={o.value === value ? 'segment segment-on' : 'segment'}>
          <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

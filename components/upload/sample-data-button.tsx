'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** The generated demo hunt shipped with the app (`npm run demo` writes it). */
export const DEMO_URL = '/demo/dns-hunt-demo.csv';
export const DEMO_NAME = 'dns-hunt-demo.csv';

/**
 * Loads the demo hunt from this site (never the internet) and queues it like a dropped file.
 */
export function SampleDataButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(DEMO_URL);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const blob = await res.blob();
      onFiles([new File([blob], DEMO_NAME, { type: 'text/csv' })]);
    } catch (e) {
      setError(`The sample data could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sample-data">
      <Button onClick={() => void load()} disabled={busy} aria-describedby="sample-data-hint">
        {busy ? 'Loading sample data…' : 'Try sample data'}
      </Button>
      <span id="sample-data-hint" className="muted">
        A generated hunt (Sysmon DNS events from Splunk, about 13,000 rows) with DNSStager, Cobalt Strike, DNSExfiltrator and other attacks in it.
      </span>
      {error ? (
        <p role="alert" className="muted">
          {error}
        </p>
      ) : null}
    </div>
  );
}

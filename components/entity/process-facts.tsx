import type { ProcessFactsRow } from '@/lib/worker/query-results';

/** Sysmon 1/7/11 facts of each process instance (by ProcessGuid). */
export function ProcessFacts({ facts }: { facts: readonly ProcessFactsRow[] }) {
  if (facts.length === 0) return <p className="muted">No Sysmon process facts (event IDs 1, 7, 11) for this image.</p>;
  return (
    <>
      {facts.map((f) => (
        <section key={f.guid} className="card entity-facts" aria-label={`Process ${f.guid}`}>
          <dl className="facts">
            <Fact label="ProcessGuid" value={f.guid} />
            <Fact label="PID" value={String(f.pid)} />
            <Fact label="Host" value={f.host} />
            <Fact label="User" value={f.user} />
            <Fact label="Command line" value={f.commandLine} />
            <Fact label="Parent image" value={f.parentImage} />
            <Fact label="Company" value={f.company} />
            <Fact label="Signed" value={f.signed === null ? 'unknown' : f.signed ? 'yes' : 'no'} />
            <Fact label="Signature" value={f.signature} />
            <Fact label="Signature status" value={f.signatureStatus} />
            {f.hashes.map((h) => (
              <Fact key={h.alg} label={h.alg} value={h.value} />
            ))}
            <Fact label="Created files" value={f.createdFiles.length === 0 ? '' : f.createdFiles.join('\n')} />
          </dl>
        </section>
      ))}
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="raw">{value === '' ? '—' : value}</dd>
    </>
  );
}

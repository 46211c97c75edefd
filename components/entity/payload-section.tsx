'use client';

import { useWorkerQuery } from '@/components/hunt/use-worker-query';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/components/ui/format';
import type { PayloadDetails } from '@/lib/worker/query-results';

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(Math.floor(hex.length / 2)));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16) || 0;
  return out;
}

function download(bytes: BlobPart, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A reassembled payload: signature, XOR key, sha256, hex preview, and its bytes as a download. */
export function PayloadSection({ payload }: { payload: PayloadDetails }) {
  const { data } = useWorkerQuery<'payload'>({ kind: 'payload', findingId: payload.findingId });
  const full = data?.findingId === payload.findingId ? data.bytes : null;
  const name = `${payload.sha256.slice(0, 16)}.bin`;
  const preview = hexBytes(payload.hex);
  const titleId = `payload-${payload.findingId}`;
  return (
    <section className="card entity-payload" aria-labelledby={titleId}>
      <h4 id={titleId} className="card-title">
        Reassembled payload
      </h4>
      <dl className="facts">
        <dt>Signature</dt>
        <dd>{payload.signature ?? 'none (opaque data)'}</dd>
        <dt>xorKey</dt>
        <dd className="raw">0x{payload.xorKey.toString(16).padStart(2, '0')}</dd>
        <dt>sha256</dt>
        <dd className="raw">{payload.sha256}</dd>
        <dt>Size</dt>
        <dd>{formatCount(payload.bytes)} bytes</dd>
        {payload.gaps > 0 && (
          <>
            <dt>Missing records</dt>
            <dd>
              {formatCount(payload.gaps)}
              {payload.recordType === 'AAAA' ? ` (${formatCount(payload.gaps * 16)} bytes kept as zeros where their answers would be)` : ' (left out of the decoded text)'}
            </dd>
          </>
        )}
      </dl>
      <pre className="raw payload-hex" aria-label="Payload hex preview (first 256 bytes)" style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}>
        {(payload.hex.match(/.{1,32}/g) ?? []).map((l) => l.replace(/(..)/g, '$1 ').trim()).join('\n')}
      </pre>
      {full ? (
        <Button variant="primary" data-bytes={full.byteLength} onClick={() => download(full, name)}>
          Download payload ({formatCount(full.byteLength)} bytes)
        </Button>
      ) : data ? (
        <Button data-bytes={preview.length} onClick={() => download(preview, name)}>
          Download first {formatCount(preview.length)} bytes (the full payload could not be rebuilt)
        </Button>
      ) : (
        <p className="muted">Rebuilding the payload…</p>
      )}
    </section>
  );
}

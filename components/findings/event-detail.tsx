import { Fragment } from 'react';
import { isoUtc } from '@/components/ui/format';
import type { EventRow } from '@/lib/worker/query-results';
import { pidText, sourceText, statusText } from './evidence-columns';

/** Every field of one evidence row, whole and wrapped: the raw values as logged, as text. */
export function EventDetail({ row }: { row: EventRow }) {
  const fields: [string, string][] = [
    ['Time (UTC)', isoUtc(row.time)],
    ['Host', row.host],
    ['User', row.user],
    ['Process', row.image],
    ['PID', pidText(row)],
    ['Query name (raw)', row.qnameRaw],
    ['Query name (normalised)', row.qname],
    ['Type', `${row.qtypeName} (${row.qtype})`],
    ['Status (code)', statusText(row)],
    ['Answers (raw)', row.answersRaw],
    ['TTL', row.ttl < 0 ? '' : String(row.ttl)],
    ['Resolver', row.resolver],
    ['Client', row.client],
    ['File:line', sourceText(row)],
  ];
  return (
    <section className="event-detail" aria-label={`Event at ${sourceText(row)}`}>
      <dl className="facts">
        {fields.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd className="raw">{v === '' ? <span className="muted">(empty)</span> : v}</dd>
          </Fragment>
        ))}
      </dl>
      {row.clipped.length > 0 ? <p className="muted">Cut for display (longer than 8,192 characters): {row.clipped.join(', ')}.</p> : null}
    </section>
  );
}

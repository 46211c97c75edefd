/** Test-only: builds an EventStore from short event descriptions, as if an input had them. */
import { EventStore, type StoreStatus } from '../store/event-store';
import { EVENT_FIELDS } from '../ingest/types';
import { qtypeFromText } from '../ingest/dns-codes';

export interface TestEvent {
  /** seconds since the epoch (fractions allowed) */
  t: number;
  qname: string;
  host?: string;
  image?: string;
  user?: string;
  pid?: number;
  guid?: string;
  qtype?: number | string;
  status?: StoreStatus;
  code?: number;
  /** `1.2.3.4`, `2001:db8::1`, or `{type, value}` for other types (`{type: 16, value: 'txt'}`) */
  answers?: readonly (string | { type: number; value: string })[];
  ttl?: number;
  resolver?: string;
  client?: string;
}

const toAnswer = (a: string | { type: number; value: string }) =>
  typeof a === 'string' ? { type: a.includes(':') ? 28 : /^\d+\.\d+\.\d+\.\d+$/.test(a) ? 1 : 5, value: a } : a;

/**
 * One input named `name` holding `events` (line = index + 2, as after a header). `fields`
 * defaults to every field, as a source with process and resolver would give.
 */
export function buildStore(
  events: readonly TestEvent[],
  opts: { name?: string; fields?: readonly string[]; store?: EventStore } = {},
): EventStore {
  const store = opts.store ?? new EventStore();
  const input = store.beginInput(opts.name ?? 'test.csv', 'test');
  store.setInputFormat(input, 'test', opts.fields ?? EVENT_FIELDS);
  events.forEach((e, i) => {
    const answers = (e.answers ?? []).map(toAnswer);
    const raw = answers.map((a) => a.value).join(';');
    const id = store.internAnswers(raw === '' ? '' : `${raw}\u0000${answers.map((a) => a.type).join(',')}`, raw, () => answers);
    const status = e.status ?? 'NOERROR';
    store.append({
      time: e.t * 1000,
      line: i + 2,
      host: e.host ?? 'WS1',
      user: e.user ?? '',
      image: e.image ?? '',
      pid: e.pid ?? -1,
      guid: e.guid ?? '',
      qname: e.qname,
      qtype: typeof e.qtype === 'string' ? qtypeFromText(e.qtype) : (e.qtype ?? (answers.some((a) => a.type === 28) ? 28 : 1)),
      status,
      statusCode: e.code ?? (status === 'NOERROR' ? 0 : -1),
      answers: id,
      ttl: e.ttl ?? -1,
      resolver: e.resolver ?? '',
      client: e.client ?? '',
    });
  });
  return store;
}

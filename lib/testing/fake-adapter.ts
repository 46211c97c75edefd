import type { SourceAdapter } from '../ingest/types';

/**
 * A toy format for worker and queue tests: first line "#fake", then one "<ms>,<qname>" per
 * line; a non-empty line without a name is a problem.
 */
export const fakeAdapter: SourceAdapter = {
  id: 'fake',
  label: 'Fake log',
  fields: ['time', 'qname'],
  sniff: (head) => (head.startsWith('#fake') ? 1 : 0),
  open(sink) {
    let text = '';
    return {
      push: (t) => {
        text += t;
      },
      end: () => {
        text.split('\n').forEach((l, i) => {
          if (i === 0 || l === '') return;
          const [time, qname] = l.split(',');
          if (!qname) return sink.problem(i + 1, 'no query name');
          sink.dns({
            time: Number(time), line: i + 1, host: 'h', user: '', image: '', pid: -1, guid: '',
            qname, qtype: 1, status: 'NOERROR', statusCode: 0, answers: 0, ttl: -1, resolver: '', client: '',
          });
        });
      },
    };
  },
};

import { describe, expect, it } from 'vitest';
import {
  answerClass,
  answerKey,
  answerParser,
  canonicalFromArray,
  parseAnswers,
  parseElement,
  txtText,
  unescapeZeek,
} from './zeek-answers';

describe('Zeek answers vector', () => {
  it('types addresses by their content: dotted quads are A, colon forms AAAA', () => {
    expect(parseAnswers('54.204.130.107,2607:F8B0:4002:C02::5e', 1)).toEqual([
      { type: 1, value: '54.204.130.107' },
      { type: 28, value: '2607:f8b0:4002:c02::5e' },
    ]);
  });

  it('drops the v4-mapped prefix and reads the address as A', () => {
    expect(parseElement('::ffff:192.168.2.5', 0)).toEqual({ type: 1, value: '192.168.2.5' });
  });

  it('reads the dnscat2 TXT answer as type 16 with the text as value', () => {
    expect(parseElement('TXT 18 302f017537c68f5169', 16)).toEqual({ type: 16, value: '302f017537c68f5169' });
  });

  it('keeps spaces inside a TXT string and concatenates several strings of one record', () => {
    expect(txtText('TXT 11 hello world')).toBe('hello world');
    expect(txtText("TXT 3 s=0 TXT 23 n=Chris's Fire TV Stick TXT 0  TXT 3 f=0")).toBe(
      "s=0n=Chris's Fire TV Stickf=0",
    );
  });

  it('falls back to the TXT markers when the byte lengths do not match the escaped text', () => {
    // 2 bytes logged as 8 characters of escapes
    expect(txtText('TXT 2 \\x00\\x01 TXT 2 ok')).toBe('\\x00\\x01ok');
  });

  it('reads SPF, unknown types and DNSSEC summaries as their RR types', () => {
    expect(parseElement('SPF 9 v=spf1 -a', 99)).toEqual({ type: 99, value: 'v=spf1 -a' });
    expect(parseElement('<unknown type=65>', 65)).toEqual({ type: 65, value: '' });
    expect(parseElement('RRSIG 1 example.com', 0)).toEqual({ type: 46, value: '1 example.com' });
    expect(parseElement('NSEC3', 0)).toEqual({ type: 50, value: '' });
    expect(parseElement('DS 8 2', 0)).toEqual({ type: 43, value: '8 2' });
  });

  it('types names as CNAME for address queries and as the query type for name-valued queries', () => {
    expect(parseAnswers('prod.elb.amazonaws.com.,54.204.130.107', answerClass(1))).toEqual([
      { type: 5, value: 'prod.elb.amazonaws.com' },
      { type: 1, value: '54.204.130.107' },
    ]);
    expect(parseAnswers('iad23s60-in-f3.1e100.net', answerClass(12))).toEqual([
      { type: 12, value: 'iad23s60-in-f3.1e100.net' },
    ]);
    expect(parseAnswers('dc1.corp.local,dc2.corp.local', answerClass(33))).toEqual([
      { type: 33, value: 'dc1.corp.local' },
      { type: 33, value: 'dc2.corp.local' },
    ]);
    expect(parseAnswers('mail.example.com', answerClass(15))).toEqual([{ type: 15, value: 'mail.example.com' }]);
  });

  it('reads a reverse name before the PTR target as the CNAME of a classless delegation', () => {
    expect(parseAnswers('5.0/26.2.0.192.in-addr.arpa,host.example.', answerClass(12))).toEqual([
      { type: 5, value: '5.0/26.2.0.192.in-addr.arpa' },
      { type: 12, value: 'host.example' },
    ]);
  });

  it('splits on commas only and decodes escaped commas inside elements', () => {
    expect(parseAnswers('TXT 5 a\\x2cb c,10.0.0.1', 16)).toEqual([
      { type: 16, value: 'a,b c' },
      { type: 1, value: '10.0.0.1' },
    ]);
  });

  it('decodes printable escapes and keeps control-byte escapes as logged', () => {
    expect(unescapeZeek('a\\x2cb\\x2d')).toBe('a,b-');
    expect(unescapeZeek('*\\x00\\x00')).toBe('*\\x00\\x00');
    expect(unescapeZeek('plain.example')).toBe('plain.example');
  });

  it('builds the same canonical text from a JSON array as the TSV writer logs', () => {
    expect(canonicalFromArray(['TXT 5 a,b c', '10.0.0.1'])).toBe('TXT 5 a\\x2cb c,10.0.0.1');
    expect(canonicalFromArray([])).toBe('');
  });

  it('keys interned answer sets by answer class so PTR and A rows never share a parse', () => {
    expect(answerKey(answerClass(12), 'x.example')).not.toBe(answerKey(answerClass(1), 'x.example'));
    expect(answerKey(answerClass(1), 'x')).toBe(answerKey(answerClass(28), 'x'));
    expect(answerParser(12)('x.example')).toEqual([{ type: 12, value: 'x.example' }]);
    expect(answerParser(1)('x.example')).toEqual([{ type: 5, value: 'x.example' }]);
  });
});

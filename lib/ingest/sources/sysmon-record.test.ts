import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal, normGuid } from './sysmon-record';

/** The general paths the char-code readers must agree with. */
const decimalByRegex = (text: string, maxDigits: number) => {
  const t = text.trim();
  return new RegExp(`^\\d{1,${maxDigits}}$`).test(t) ? Number(t) : -1;
};
const GUID_BARE_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const normGuidByRegex = (text: string) => {
  const g = text.trim().toLowerCase();
  return GUID_BARE_RE.test(g) ? `{${g}}` : g;
};

const pieces = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 14 }).map((a) => a.join(''));

describe('Sysmon field readers', () => {
  it('read numbers exactly as the regular expression on the trimmed text does', () => {
    const text = fc.oneof(pieces(['0', '1', '7', '9', ' ', '\t', '\u00a0', '\u2028', 'x', '-', '+', '.', '٣']), fc.string());
    fc.assert(
      fc.property(text, fc.constantFrom(6, 10), (t, max) => {
        expect(decimal(t, max)).toBe(decimalByRegex(t, max));
      }),
      { numRuns: 3000 },
    );
    expect(decimal('22', 6)).toBe(22);
    expect(decimal(' 4712\r', 10)).toBe(4712);
    expect(decimal('1234567', 6)).toBe(-1);
  });

  it('normalise process GUIDs exactly as the general path does', () => {
    const hex = '0123456789abcdefABCDEF';
    const guid = fc
      .tuple(...[8, 4, 4, 4, 12].map((n) => fc.array(fc.constantFrom(...hex), { minLength: n, maxLength: n }).map((a) => a.join(''))))
      .map((parts) => parts.join('-'));
    const text = fc.oneof(
      guid.map((g) => `{${g}}`),
      guid,
      guid.map((g) => ` {${g.toLowerCase()}} `),
      guid.map((g) => `{${g.toLowerCase()}`),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(normGuid(t)).toBe(normGuidByRegex(t));
      }),
      { numRuns: 3000 },
    );
    expect(normGuid('{C985785F-5CAC-8CD4-A4EE-0000000FEA00}')).toBe('{c985785f-5cac-8cd4-a4ee-0000000fea00}');
    expect(normGuid(undefined)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { codeName, codeOfName } from './code-names';

describe('status and record-type codes', () => {
  it('names the codes the URL holds', () => {
    expect(codeName('statuses', 1)).toBe('NXDOMAIN');
    expect(codeName('statuses', 42)).toBe('#42');
    expect(codeName('qtypes', 28)).toBe('AAAA');
    expect(codeName('qtypes', 65399)).toBe('TYPE65399');
  });

  it('finds the code of a chart legend entry, and nothing for an unknown one', () => {
    expect(codeOfName('statuses', 'TIMEOUT')).toBe(5);
    expect(codeOfName('statuses', 'BOGUS')).toBeUndefined();
    expect(codeOfName('qtypes', 'TXT')).toBe(16);
    expect(codeOfName('qtypes', 'TYPE65399')).toBe(65399);
    expect(codeOfName('qtypes', '?')).toBe(0);
    expect(codeOfName('qtypes', 'BOGUS')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { buildStore } from '../../testing/store-builder';
import { DetectContext } from '../context';
import { BENIGN_STRUCTURE, BENIGN_ZONE, benignFlagsOf, benignNameFlags } from './benign-names';
import { benignZone, isStructurallyBenign } from './labels';

const names = ['_ldap._tcp.dc._msdcs.corp.example.com', 'avqs.mcafee.com', 'x1.live.com', '4.3.2.1.in-addr.arpa', 'q7xk2.evil-c2.net', 'printer.local'];

describe('benignNameFlags', () => {
  const store = buildStore(names.map((qname, i) => ({ t: 1_700_000_000 + i, qname, host: 'WS1' })));
  const ctx = new DetectContext(store);

  it('says of each name what isStructurallyBenign and benignZone say, for every detector of the context', () => {
    const flags = benignNameFlags(ctx);
    expect(benignNameFlags(ctx)).toBe(flags);
    for (let r = 0; r < ctx.size; r++) {
      const name = ctx.qnameText(r);
      const f = benignFlagsOf(ctx, flags, ctx.qname(r));
      expect((f & BENIGN_STRUCTURE) !== 0, name).toBe(isStructurallyBenign(name));
      expect((f & BENIGN_ZONE) !== 0, name).toBe(benignZone(name) !== null);
    }
    // the list above has names of each kind
    expect(names.filter((n) => isStructurallyBenign(n)).length).toBeGreaterThan(0);
    expect(names.filter((n) => benignZone(n) !== null).length).toBeGreaterThan(0);
    expect(names.filter((n) => !isStructurallyBenign(n) && benignZone(n) === null).length).toBeGreaterThan(0);
  });
});

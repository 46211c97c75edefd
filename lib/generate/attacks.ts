/**
 * Every simulated attack, in a fixed order, and the selection syntax: `all`, `none`, or a list of
 * ids and id prefixes (`dnsstager` selects `dnsstager-aaaa` and `dnsstager-txt`).
 */
import type { AttackSpec } from './attack-kit';
import { cobaltStrikeDns } from './attack-cobaltstrike';
import { dnsstagerAaaa, dnsstagerTxt } from './attack-dnsstager';
import { dnsExfiltrator, powershellTxt } from './attack-exfil';
import { dga, lowSlowBeacon, resolverBypass, volumeBurst } from './attack-noise';
import { dns2tcp, dnscat2, iodine } from './attack-tunnels';

export const ATTACKS: readonly AttackSpec[] = [
  dnsstagerAaaa,
  dnsstagerTxt,
  cobaltStrikeDns,
  dnscat2,
  iodine,
  dnsExfiltrator,
  dns2tcp,
  powershellTxt,
  dga,
  lowSlowBeacon,
  resolverBypass,
  volumeBurst,
];

export const ATTACK_IDS: readonly string[] = ATTACKS.map((a) => a.id);

export type AttackSelection = 'all' | 'none' | readonly string[];

/** Parses `all`, `none` or a comma-separated list (the CLI's --attacks). */
export function parseAttackList(text: string): AttackSelection {
  const t = text.trim();
  if (t === 'all' || t === 'none') return t;
  return t.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** The selected attacks in registry order; throws on a name that matches nothing. */
export function selectAttacks(selection: AttackSelection = 'all'): AttackSpec[] {
  if (selection === 'all') return ATTACKS.slice();
  if (selection === 'none') return [];
  const chosen = new Set<AttackSpec>();
  for (const name of selection) {
    const matches = ATTACKS.filter((a) => a.id === name || a.id.startsWith(`${name}-`));
    if (matches.length === 0) throw new Error(`unknown attack "${name}"; known: ${ATTACK_IDS.join(', ')}`);
    for (const m of matches) chosen.add(m);
  }
  return ATTACKS.filter((a) => chosen.has(a));
}

import type { DetectContext } from '../context';
import { benignZone, isStructurallyBenign } from './labels';

/** {@link benignNameFlags}: the name was judged */
const JUDGED = 1;
/** the name is structurally benign ({@link isStructurallyBenign}: reverse lookups, mDNS, service labels) */
export const BENIGN_STRUCTURE = 2;
/** the name lies under an allow-listed zone ({@link benignZone}) */
export const BENIGN_ZONE = 4;
export const BENIGN = BENIGN_STRUCTURE | BENIGN_ZONE;

const FLAGS = Symbol('benign name flags');

/**
 * Per normalised query name (store string id), whether it is benign by structure or by zone:
 * {@link BENIGN_STRUCTURE} and {@link BENIGN_ZONE} bits once judged, 0 before
 * ({@link judgeBenignName}). Judged once per distinct name for every detector of the context
 * (tool signatures, encoded labels, TXT and subdomain fan-out each walked the zone list per name).
 */
export function benignNameFlags(ctx: DetectContext): Uint8Array {
  return ctx.memo(FLAGS, () => new Uint8Array(ctx.store.strings.size));
}

/** Judges normalised name `q` into `flags` ({@link benignNameFlags}) and returns its flags. */
function judgeBenignName(ctx: DetectContext, flags: Uint8Array, q: number): number {
  const name = ctx.text(q);
  const f = JUDGED | (isStructurallyBenign(name) ? BENIGN_STRUCTURE : 0) | (benignZone(name) !== null ? BENIGN_ZONE : 0);
  flags[q] = f;
  return f;
}

/** The flags of normalised name `q`, judged when first asked. */
export function benignFlagsOf(ctx: DetectContext, flags: Uint8Array, q: number): number {
  const f = flags[q] as number;
  return f === 0 ? judgeBenignName(ctx, flags, q) : f;
}

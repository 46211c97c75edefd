/**
 * Normalises a query name as logged: lower-case, one trailing dot removed, Windows wire form
 * `(3)www(7)example(3)com(0)` turned into dots, surrounding white space trimmed.
 */
export function normalizeQname(raw: string): string {
  let s = raw.trim();
  if (s.charCodeAt(0) === 40 /* ( */ && /^\(\d+\)/.test(s)) {
    s = s.replace(/\(\d+\)/g, '.').replace(/^\.+|\.+$/g, '');
  }
  if (s.length > 1 && s.charCodeAt(s.length - 1) === 46 /* . */) s = s.slice(0, -1);
  return s.toLowerCase();
}

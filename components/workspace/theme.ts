/** The colour theme: the system's (prefers-color-scheme) unless the analyst picked one. */
export type Theme = 'light' | 'dark';

export const THEME_KEY = 'dns-hunt-theme';

export function storedTheme(value: string | null): Theme | null {
  return value === 'light' || value === 'dark' ? value : null;
}

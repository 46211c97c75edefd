'use client';

import { useEffect, useState } from 'react';
import { storedTheme, THEME_KEY, type Theme } from './theme';

function systemTheme(): Theme {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function readStored(): Theme | null {
  try {
    return storedTheme(window.localStorage.getItem(THEME_KEY));
  } catch {
    return null; // storage may be blocked
  }
}

/** A "Dark theme" switch; the choice is kept in localStorage and set as <html data-theme>. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null);

  useEffect(() => {
    setTheme(readStored() ?? systemTheme());
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => {
      if (!readStored()) setTheme(systemTheme());
    };
    mq.addEventListener('change', follow);
    return () => mq.removeEventListener('change', follow);
  }, []);

  const flip = () => {
    const next: Theme = (theme ?? systemTheme()) === 'dark' ? 'light' : 'dark';
    setTheme(next);
    document.documentElement.dataset.theme = next;
    try {
      window.localStorage.setItem(THEME_KEY, next);
    } catch {
      // the choice lasts for this page only
    }
  };

  return (
    <button type="button" className="button theme-toggle" role="switch" aria-checked={theme === 'dark'} onClick={flip}>
      Dark theme
    </button>
  );
}

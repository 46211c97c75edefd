'use client';

import type { AnchorHTMLAttributes } from 'react';
import { focusEnclosingTabPanel } from './tabs';

/**
 * A real link (it opens in a new tab or window with a modifier) that switches the view in place
 * on a plain click. The link goes away with the view, so focus moves to the tab panel first
 * instead of falling to `<body>`.
 */
export function ViewLink({ href, onOpen, children, ...rest }: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'onClick'> & { href: string; onOpen: () => void }) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        focusEnclosingTabPanel(e.currentTarget);
        onOpen();
      }}
    >
      {children}
    </a>
  );
}

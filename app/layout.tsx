import type { Metadata, Viewport } from 'next';
import Script from 'next/script';
import type { ReactNode } from 'react';
import './globals.css';
import './dashboard.css';

export const metadata: Metadata = {
  title: 'DNS Hunt',
  description: 'Hunt suspicious DNS communications in Sysmon and Zeek log exports, parsed in your browser.',
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // data-theme is set before hydration by theme-init.js when the analyst chose a theme
    <html lang="en" suppressHydrationWarning>
      <body>
        <Script src="/theme-init.js" strategy="beforeInteractive" />
        {children}
      </body>
    </html>
  );
}

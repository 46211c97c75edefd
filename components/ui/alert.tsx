import type { ReactNode } from 'react';

/** An assertive message (role=alert) for something the user must know, e.g. a failed read. */
export function Alert({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <div role="alert" className="alert">
      {title ? <strong className="alert-title">{title}</strong> : null}
      <div className="alert-body">{children}</div>
    </div>
  );
}

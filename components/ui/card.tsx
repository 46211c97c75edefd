import type { ReactNode } from 'react';

/** A titled card; the title names the article for assistive technology. */
export function Card({ id, title, actions, children, tone, busy }: {
  id: string;
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  tone?: 'default' | 'muted' | 'danger';
  /** a newer answer is on its way (the content shown is the previous one) */
  busy?: boolean;
}) {
  const headingId = `${id}-title`;
  return (
    <article className={`card card-${tone ?? 'default'}`} aria-labelledby={headingId} aria-busy={busy === true ? true : undefined}>
      <header className="card-header">
        <h3 id={headingId} className="card-title">{title}</h3>
        {actions ? <div className="card-actions">{actions}</div> : null}
      </header>
      {children}
    </article>
  );
}

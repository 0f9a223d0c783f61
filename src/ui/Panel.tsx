import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  id: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled card; its heading names the region for screen readers. */
export function Panel({ title, id, actions, children, className }: PanelProps) {
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={`${id}-title`}>
      <header className="panel-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

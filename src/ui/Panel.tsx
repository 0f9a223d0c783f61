import type { ReactNode, Ref } from 'react';

interface PanelProps {
  title: string;
  id: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** The section element, for a view that watches whether it is on screen. */
  sectionRef?: Ref<HTMLElement> | ((node: Element | null) => void);
  /** The figures are of an earlier model or filter and new ones are on their way. */
  isCatchingUp?: boolean;
}

/** A titled card; its heading names the region for screen readers. */
export function Panel({ title, id, actions, children, className, sectionRef, isCatchingUp = false }: PanelProps) {
  return (
    <section ref={sectionRef} className={`panel ${className ?? ''}`} aria-labelledby={`${id}-title`} aria-busy={isCatchingUp || undefined}>
      <header className="panel-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {isCatchingUp ? (
          <span className="catching-up muted small">
            Catching up…
          </span>
        ) : null}
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

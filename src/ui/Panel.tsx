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
  /** For a view that computes only on screen: whether it is (data-shown, which tests wait on before reading it). */
  isShown?: boolean;
}

/** A titled card; its heading names the region for screen readers, and takes focus from the dashboard's contents (SectionNav). */
export function Panel({ title, id, actions, children, className, sectionRef, isCatchingUp = false, isShown }: PanelProps) {
  return (
    <section ref={sectionRef} className={`panel ${className ?? ''}`} aria-labelledby={`${id}-title`} aria-busy={isCatchingUp || undefined} data-shown={isShown === undefined ? undefined : String(isShown)}>
      <header className="panel-header">
        <h2 id={`${id}-title`} tabIndex={-1}>
          {title}
        </h2>
        {isCatchingUp ? <span className="catching-up muted small">Catching up…</span> : null}
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

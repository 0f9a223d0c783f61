import { useRef, type MouseEvent } from 'react';
import { useTakeFocus } from './useTakeFocus';

/** A panel the dashboard's contents link to: its Panel id and a short name. */
export interface Section {
  id: string;
  label: string;
}

/** Scrolls to a panel and puts focus on its heading, so the next Tab is inside the panel. */
function goTo(event: MouseEvent<HTMLAnchorElement>, id: string) {
  // The page's hash carries a shared model (main.tsx): the link is followed here instead.
  event.preventDefault();
  const heading = document.getElementById(`${id}-title`);
  if (!heading) return;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

/**
 * The dashboard's heading and its contents: one link per panel, so a keyboard reaches any
 * panel in a few key presses instead of tabbing through every control above it. After a
 * load (`loadKey` changes) focus moves to the heading.
 */
export function SectionNav({ sections, loadKey }: { sections: readonly Section[]; loadKey: string | null }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useTakeFocus(heading, loadKey);
  return (
    <nav className="section-nav" aria-labelledby="dashboard-heading">
      <h2 id="dashboard-heading" ref={heading} tabIndex={-1}>
        Dashboard
      </h2>
      <ul>
        {sections.map((section) => (
          <li key={section.id}>
            <a href={`#${section.id}-title`} onClick={(event) => goTo(event, section.id)}>
              {section.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

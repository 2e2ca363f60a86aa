// One section of the shell: its heading, then its work or, until its work arrives, what an
// officer sees when there is nothing to do there.
import type { ReactNode } from 'react';
import { Icon } from '../components/icon';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import type { Section } from './sections';

interface PageFrameProps {
  section: Section;
  /** The heading; the section's title unless the page shows one record of it. */
  title?: string;
  /** Above the heading; the section's group by default. */
  eyebrow?: string;
  /** A way back (to a list), above the heading. */
  back?: ReactNode;
  /** Under the heading: what identifies the record at a glance. */
  subtitle?: ReactNode;
  /** False when the page puts focus on its own first control (a search field). */
  focusHeading?: boolean;
  /** Controls for the whole page, at the right of its heading. */
  actions?: ReactNode;
  children: ReactNode;
}

export function PageFrame(props: PageFrameProps) {
  const { section, title, eyebrow, back, subtitle, focusHeading = true, actions, children } = props;
  // The window's title names the section only, never a record: it shows in the task bar.
  useDocumentTitle(section.title);
  const headingRef = useFocusOnMount<HTMLHeadingElement>(focusHeading);
  return (
    <main className="page" aria-labelledby="page-title">
      <div className="page-header">
        <div className="page-heading">
          {back}
          <p className="page-eyebrow">{eyebrow ?? section.group}</p>
          <h1 id="page-title" ref={headingRef} tabIndex={-1}>
            {title ?? section.title}
          </h1>
          {subtitle}
        </div>
        {actions !== undefined && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </main>
  );
}

export function SectionPage({ section }: { section: Section }) {
  return (
    <PageFrame section={section}>
      <EmptyState title={section.empty.title} detail={section.empty.detail} />
    </PageFrame>
  );
}

export function EmptyState({ title, detail }: { title: string; detail: ReactNode }) {
  return (
    <div className="empty-state">
      <Icon name="inbox" size={32} />
      <h2>{title}</h2>
      <p>{detail}</p>
    </div>
  );
}

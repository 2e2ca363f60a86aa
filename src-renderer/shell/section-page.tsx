// One section of the shell: its heading, then its work or, until its work arrives, what an
// officer sees when there is nothing to do there.
import type { ReactNode } from 'react';
import { Icon } from '../components/icon';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import type { Section } from './sections';

interface PageFrameProps {
  section: Section;
  /** Controls for the whole page, at the right of its heading. */
  actions?: ReactNode;
  children: ReactNode;
}

export function PageFrame({ section, actions, children }: PageFrameProps) {
  useDocumentTitle(section.title);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <main className="page" aria-labelledby="page-title">
      <div className="page-header">
        <div className="page-heading">
          <p className="page-eyebrow">{section.group}</p>
          <h1 id="page-title" ref={headingRef} tabIndex={-1}>
            {section.title}
          </h1>
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

export function EmptyState({ title, detail }: { title: string; detail: string }) {
  return (
    <div className="empty-state">
      <Icon name="inbox" size={32} />
      <h2>{title}</h2>
      <p>{detail}</p>
    </div>
  );
}

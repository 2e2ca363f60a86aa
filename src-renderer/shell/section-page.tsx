// One section of the shell: its heading and, until its work arrives, what an officer sees when
// there is nothing to do there.
import { Icon } from '../components/icon';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import type { Section } from './sections';

export function SectionPage({ section }: { section: Section }) {
  useDocumentTitle(section.title);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <main className="page" aria-labelledby="page-title">
      <div className="page-header">
        <p className="page-eyebrow">{section.group}</p>
        <h1 id="page-title" ref={headingRef} tabIndex={-1}>
          {section.title}
        </h1>
      </div>
      <div className="empty-state">
        <Icon name="inbox" size={32} />
        <h2>{section.empty.title}</h2>
        <p>{section.empty.detail}</p>
      </div>
    </main>
  );
}

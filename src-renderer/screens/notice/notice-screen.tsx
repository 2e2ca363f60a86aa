// A whole-window message for when there is nothing to work with: still connecting, the
// connection is gone, or the page was opened without Sallyport's address.
import type { ReactNode } from 'react';
import type { AppInfo } from '../../../src-shared/contract';
import { FullWindow } from '../../components/full-window';
import { Icon, type IconName } from '../../components/icon';
import { useDocumentTitle } from '../../hooks/use-document-title';

interface NoticeScreenProps {
  info?: AppInfo | null;
  icon: IconName;
  title: string;
  /** 'alert' for a problem announced at once, 'status' for a passing state. */
  role: 'alert' | 'status';
  children: ReactNode;
}

export function NoticeScreen({ info = null, icon, title, role, children }: NoticeScreenProps) {
  useDocumentTitle(title);
  return (
    <FullWindow info={info}>
      <section className="panel notice-panel" role={role} aria-labelledby="notice-title">
        <div className="notice-badge">
          <Icon name={icon} size={28} />
        </div>
        <h1 id="notice-title">{title}</h1>
        {children}
      </section>
    </FullWindow>
  );
}

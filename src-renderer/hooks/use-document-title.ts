// Each screen names the window (WCAG 2.4.2), so a glance at the task bar says where it stands.
import { useEffect } from 'react';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Sallyport`;
  }, [title]);
}

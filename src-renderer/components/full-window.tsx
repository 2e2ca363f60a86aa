// The frame of the screens that take the whole window (sign-in, lock, notices): who this
// workstation is, the screen's one task in the middle, and the version at the foot.
import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import type { AppInfo } from '../../src-shared/contract';
import { Brand } from './brand';
import { Icon } from './icon';

interface FullWindowProps {
  info: AppInfo | null;
  onShowShortcuts?: () => void;
  children: ReactNode;
}

export function FullWindow({ info, onShowShortcuts, children }: FullWindowProps) {
  return (
    <div className="full-window">
      <header className="full-window-header">
        <Brand />
        {info !== null && (
          <dl className="workstation-facts">
            <div>
              <dt>Facility</dt>
              <dd>{info.facilityName}</dd>
            </div>
            <div>
              <dt>Workstation</dt>
              <dd>{info.workstation}</dd>
            </div>
          </dl>
        )}
      </header>
      <main className="full-window-main">{children}</main>
      <footer className="full-window-footer">
        <p>
          {info === null
            ? 'Sallyport'
            : `Sallyport ${info.version}${info.host === 'browser' ? ' · browser preview' : ''}`}
        </p>
        {onShowShortcuts !== undefined && (
          <Button className="button button-quiet" onPress={onShowShortcuts}>
            <Icon name="keyboard" />
            Keyboard shortcuts
            <kbd>?</kbd>
          </Button>
        )}
      </footer>
    </div>
  );
}

// The end of a first sign-in: the ten recovery codes, shown this once. They live only in the
// workstation's memory until the officer says they are stored, then they are dropped.
import { Button } from 'react-aria-components';
import type { AppInfo, Officer } from '../../../src-shared/contract';
import { FullWindow } from '../../components/full-window';
import { Icon } from '../../components/icon';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount';

interface RecoveryCodesScreenProps {
  info: AppInfo;
  officer: Officer;
  recoveryCodes: readonly string[];
  onStored: () => void;
  onShowShortcuts: () => void;
}

export function RecoveryCodesScreen(props: RecoveryCodesScreenProps) {
  const { info, officer, recoveryCodes, onStored, onShowShortcuts } = props;
  useDocumentTitle('Store your recovery codes');
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <FullWindow info={info} onShowShortcuts={onShowShortcuts}>
      <section className="panel recovery-panel" aria-labelledby="recovery-title">
        <div className="notice-badge notice-badge-success">
          <Icon name="check" size={28} />
        </div>
        <p className="panel-eyebrow">Enrolment complete · {officer.displayName}</p>
        <h1 id="recovery-title" ref={headingRef} tabIndex={-1}>
          Store your recovery codes
        </h1>
        <p className="panel-lead">
          If you lose your authenticator app, each of these codes signs you in once in its place. They are
          shown only now: write them down and keep them somewhere safe, away from this workstation, and never
          share them.
        </p>
        <ol className="recovery-codes" aria-label="Recovery codes">
          {recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <p className="muted">Used them all, or lost them? An administrator can reset your enrolment.</p>
        <Button className="button button-primary button-block" onPress={onStored}>
          I have stored my recovery codes
        </Button>
      </section>
    </FullWindow>
  );
}

// The system-use notice of policy (CJIS AC-8). It stays until the user accepts it; acceptance is
// recorded by main, which refuses any sign-in before it.
import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { AppInfo, SessionView } from '../../../src-shared/contract';
import { useClient } from '../../bridge/connection-context';
import { FormAlert } from '../../components/form-alert';
import { errorMessage } from '../../format/error-message';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount';

interface SystemUseBannerProps {
  banner: AppInfo['banner'];
  /** Why the last session ended: still said on the sign-in form that follows. */
  ended: Extract<SessionView, { state: 'signed-out' }>['ended'];
  onAccepted: (session: SessionView) => void;
}

export function SystemUseBanner({ banner, ended, onAccepted }: SystemUseBannerProps) {
  const client = useClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  // No isPending on the button: the answer is immediate, and React Aria's pending announcement
  // would point at the button after it has gone.
  const accept = async () => {
    if (pending) return;
    setPending(true);
    setError(null);
    const result = await client.call('signin.acknowledgeBanner', {});
    setPending(false);
    if (result.ok) onAccepted({ state: 'signed-out', bannerAcknowledged: true, ended });
    else setError(errorMessage(result.error));
  };

  return (
    <section className="panel system-use-banner" aria-labelledby="banner-title">
      <p className="panel-eyebrow">System-use notice</p>
      <h1 id="banner-title" ref={headingRef} tabIndex={-1}>
        {banner.title}
      </h1>
      <div className="banner-text">
        {banner.text.split(/\n\s*\n/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      <FormAlert message={error} />
      <Button className="button button-primary button-block" onPress={() => void accept()}>
        I understand and agree
      </Button>
    </section>
  );
}

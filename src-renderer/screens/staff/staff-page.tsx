// Staff (administrators): the accounts that sign in at this facility, and the three things an
// administrator does for them: issue an enrolment code, reset MFA, release a lockout. The list is
// read again after every action, so what it shows is what main holds. Main checks the role.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import type { CallResult, ReplyOf, StaffMember } from '../../../src-shared/contract';
import { useClient } from '../../bridge/connection-context';
import { FormAlert } from '../../components/form-alert';
import { Icon } from '../../components/icon';
import { errorMessage } from '../../format/error-message';
import { PageFrame } from '../../shell/section-page';
import type { Section } from '../../shell/sections';
import { EnrolmentCodeDialog, type IssuedCode } from './enrolment-code-dialog';
import { IssueByUsernameForm } from './issue-by-username-form';
import { ResetMfaDialog } from './reset-mfa-dialog';
import { StaffTable, type StaffAction } from './staff-table';

type Listing = { phase: 'loading' } | { phase: 'loaded'; staff: StaffMember[] } | { phase: 'failed' };

export function StaffPage({ section }: { section: Section }) {
  const client = useClient();
  const [listing, setListing] = useState<Listing>({ phase: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  const [confirmReset, setConfirmReset] = useState<StaffMember | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  const showListing = useCallback((result: CallResult<ReplyOf<'staff.list'>>) => {
    if (result.ok) {
      setListing({ phase: 'loaded', staff: result.value.staff });
      return;
    }
    // A failed refresh keeps the last list it had, and says why it is not newer.
    setListing((current) => (current.phase === 'loaded' ? current : { phase: 'failed' }));
    setError(errorMessage(result.error));
  }, []);

  const refresh = async () => showListing(await client.call('staff.list', {}));

  useEffect(() => {
    let current = true;
    void client.call('staff.list', {}).then((result) => {
      if (current) showListing(result);
    });
    return () => {
      current = false;
    };
  }, [client, showListing]);

  /** Runs one administrator action, says how it went, and reads the list again. */
  const run = async (member: StaffMember, action: () => Promise<string | null>) => {
    setBusy(member.username);
    setError(null);
    setDone(null);
    const message = await action();
    setBusy(null);
    await refresh();
    if (message !== null) {
      setDone(message);
      // The row's button may be gone (a released lockout has no Release button): the outcome
      // takes focus instead, so the keyboard does not fall back to the top of the page.
      requestAnimationFrame(() => doneRef.current?.focus());
    }
  };

  const issueCode = (member: StaffMember) =>
    run(member, async () => {
      const result = await client.call('staff.issueEnrolmentCode', { username: member.username });
      if (!result.ok) {
        setError(errorMessage(result.error));
        return null;
      }
      const { code, expiresAt } = result.value;
      setIssued({ displayName: member.displayName, code, expiresAt });
      return null;
    });

  const resetMfa = (member: StaffMember) =>
    run(member, async () => {
      setConfirmReset(null);
      const result = await client.call('staff.resetMfa', { username: member.username });
      if (result.ok) return `MFA reset for ${member.displayName}. They need a new enrolment code to sign in.`;
      setError(errorMessage(result.error));
      return null;
    });

  const releaseLockout = (member: StaffMember) =>
    run(member, async () => {
      const result = await client.call('staff.releaseLockout', { username: member.username });
      if (result.ok) return `Lockout released for ${member.displayName}. They can sign in again.`;
      setError(errorMessage(result.error));
      return null;
    });

  const onAction = (action: StaffAction, member: StaffMember) => {
    if (action === 'issue-code') void issueCode(member);
    else if (action === 'reset-mfa') setConfirmReset(member);
    else void releaseLockout(member);
  };

  return (
    <PageFrame
      section={section}
      actions={
        <Button
          className="button button-secondary"
          isDisabled={busy !== null}
          onPress={() => {
            setError(null);
            setDone(null);
            void refresh();
          }}
        >
          <Icon name="refresh" />
          Refresh
        </Button>
      }
    >
      <FormAlert message={error} />
      <p className="page-outcome" role="status" ref={doneRef} tabIndex={-1}>
        {done !== null && (
          <>
            <Icon name="check" />
            {done}
          </>
        )}
      </p>
      {listing.phase === 'loading' && <p className="muted">Loading staff…</p>}
      {listing.phase === 'loaded' && <StaffTable staff={listing.staff} busy={busy} onAction={onAction} />}
      <IssueByUsernameForm
        busy={busy !== null}
        onIssue={(username) =>
          void issueCode({
            username,
            displayName: username,
            role: null,
            mfa: 'none',
            lockedOut: false,
            lockedAt: null,
            lastSignInAt: null,
          })
        }
      />
      <EnrolmentCodeDialog issued={issued} onClose={() => setIssued(null)} />
      <ResetMfaDialog
        member={confirmReset}
        onConfirm={(member) => void resetMfa(member)}
        onCancel={() => setConfirmReset(null)}
      />
    </PageFrame>
  );
}

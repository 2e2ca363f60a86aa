// The staff of the facility as administrators manage them: who they are, their role, where their
// MFA enrolment stands, whether they are locked out, and the actions each row allows.
import { Button, Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import type { StaffMember } from '../../../src-shared/contract';
import { formatDateTimeShort } from '../../format/date-time';
import { roleLabel } from '../../format/role-label';

export type StaffAction = 'issue-code' | 'reset-mfa' | 'release-lockout';

const mfaLabels: Record<StaffMember['mfa'], string> = {
  none: 'Not enrolled',
  'code-issued': 'Enrolment code issued',
  enrolled: 'Enrolled',
};

interface StaffTableProps {
  staff: readonly StaffMember[];
  /** The username whose action is under way: its buttons wait. */
  busy: string | null;
  onAction: (action: StaffAction, member: StaffMember) => void;
}

export function StaffTable({ staff, busy, onAction }: StaffTableProps) {
  return (
    <div className="table-scroll">
      <Table aria-label="Staff accounts" className="data-table">
        <TableHeader>
          <Column isRowHeader>Name</Column>
          <Column>Role</Column>
          <Column>MFA</Column>
          <Column>Lockout</Column>
          <Column>Last sign-in</Column>
          <Column>Actions</Column>
        </TableHeader>
        <TableBody items={staff} renderEmptyState={() => 'No staff accounts to show.'}>
          {(member) => (
            <Row id={member.username} className="data-row">
              <Cell>
                <span className="staff-name">{member.displayName}</span>
                <span className="staff-username">{member.username}</span>
              </Cell>
              <Cell>
                {member.role === null ? (
                  <span className="muted">No Sallyport role</span>
                ) : (
                  roleLabel(member.role)
                )}
              </Cell>
              <Cell>
                <span className={`pill pill-mfa-${member.mfa}`}>{mfaLabels[member.mfa]}</span>
              </Cell>
              <Cell>
                {member.lockedOut ? (
                  <>
                    <span className="pill pill-locked">Locked out</span>
                    {member.lockedAt !== null && (
                      <span className="cell-detail">
                        since <time dateTime={member.lockedAt}>{formatDateTimeShort(member.lockedAt)}</time>
                      </span>
                    )}
                  </>
                ) : (
                  <span className="muted">Not locked</span>
                )}
              </Cell>
              <Cell>
                {member.lastSignInAt === null ? (
                  <span className="muted">Never</span>
                ) : (
                  <time dateTime={member.lastSignInAt}>{formatDateTimeShort(member.lastSignInAt)}</time>
                )}
              </Cell>
              <Cell>
                <RowActions member={member} isDisabled={busy !== null} onAction={onAction} />
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}

interface RowActionsProps {
  member: StaffMember;
  isDisabled: boolean;
  onAction: (action: StaffAction, member: StaffMember) => void;
}

/** Each button's name says whose row it acts on, for a screen reader that lands on it alone. */
function RowActions({ member, isDisabled, onAction }: RowActionsProps) {
  const button = (action: StaffAction, label: string) => (
    <Button
      className="button button-secondary button-small"
      aria-label={`${label} for ${member.displayName}`}
      isDisabled={isDisabled}
      onPress={() => onAction(action, member)}
    >
      {label}
    </Button>
  );
  return (
    <div className="row-actions">
      {member.mfa !== 'enrolled' && button('issue-code', 'Issue enrolment code')}
      {member.mfa !== 'none' && button('reset-mfa', 'Reset MFA')}
      {member.lockedOut && button('release-lockout', 'Release lockout')}
    </div>
  );
}

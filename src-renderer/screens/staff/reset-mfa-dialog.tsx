// Asks before an administrator resets someone's MFA enrolment: it cannot be undone, and the person
// cannot sign in again until they are given a new enrolment code.
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { StaffMember } from '../../../src-shared/contract';

interface ResetMfaDialogProps {
  member: StaffMember | null;
  onConfirm: (member: StaffMember) => void;
  onCancel: () => void;
}

export function ResetMfaDialog({ member, onConfirm, onCancel }: ResetMfaDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={member !== null}
      onOpenChange={(open) => {
        if (!open) onCancel();
      }}
    >
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          {member !== null && (
            <>
              <Heading slot="title" className="dialog-title">
                Reset MFA for {member.displayName}?
              </Heading>
              <p>
                Their authenticator app and recovery codes stop working for Sallyport at once. To sign in
                again, {member.displayName} will need a new enrolment code from an administrator.
              </p>
              <div className="dialog-actions">
                <Button slot="close" className="button button-secondary" autoFocus>
                  Cancel
                </Button>
                <Button className="button button-danger" onPress={() => onConfirm(member)}>
                  Reset MFA
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

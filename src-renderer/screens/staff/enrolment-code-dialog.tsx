// The enrolment code an administrator just issued, shown this once: large enough to read out,
// with when it stops working, and a reminder to hand it over in person.
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { formatDateTime } from '../../format/date-time';

export interface IssuedCode {
  readonly displayName: string;
  readonly code: string;
  readonly expiresAt: string;
}

interface EnrolmentCodeDialogProps {
  issued: IssuedCode | null;
  onClose: () => void;
}

export function EnrolmentCodeDialog({ issued, onClose }: EnrolmentCodeDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={issued !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Modal className="modal">
        <Dialog className="dialog">
          {issued !== null && (
            <>
              <Heading slot="title" className="dialog-title">
                Enrolment code for {issued.displayName}
              </Heading>
              <p className="issued-code">{issued.code}</p>
              <p>
                It works once, until{' '}
                <time dateTime={issued.expiresAt}>{formatDateTime(issued.expiresAt)}</time>, for this
                person&apos;s first sign-in.
              </p>
              <p className="dialog-note">
                Hand it to {issued.displayName} in person: never by email, chat or phone. It is not shown
                again; if it is lost, issue a new one.
              </p>
              <div className="dialog-actions">
                <Button slot="close" className="button button-primary" autoFocus>
                  Done
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

// How a refused sign-in is shown. Refusals that need a different next step (wait for an
// administrator, ask for a role, fix the directory account, wait for the network) get their own
// title and icon; the words are always the workstation's, which never say which factor was wrong.
import type { CallError, ErrorCode } from '../../../src-shared/contract';
import type { AlertContent } from '../../components/form-alert';
import type { IconName } from '../../components/icon';
import { errorMessage } from '../../format/error-message';

const distinct: Partial<Record<ErrorCode, { title: string; icon: IconName }>> = {
  LOCKED_OUT: { title: 'Account locked', icon: 'lock' },
  NOT_AUTHORISED: { title: 'Not authorised for this workstation', icon: 'staff' },
  DIRECTORY_ACCOUNT: { title: 'Your directory account needs attention', icon: 'warning' },
  DIRECTORY_UNREACHABLE: { title: 'Facility directory unreachable', icon: 'disconnected' },
  SIGNIN_EXPIRED: { title: 'Sign-in timed out', icon: 'clock' },
};

export function signInRefusal(error: CallError): AlertContent {
  return { message: errorMessage(error), ...distinct[error.code] };
}

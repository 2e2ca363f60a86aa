// A first sign-in spans two screens that the session alone cannot tell apart: adding Sallyport to
// an authenticator app (still signed out) and the recovery codes (already signed in). The
// workstation keeps this step next to the session and drops it, and the codes with it, as soon as
// the session no longer fits it.
import type { EnrolmentOffer, SessionView } from '../../../src-shared/contract';

export type FirstSignIn =
  | { readonly step: 'enrol'; readonly displayName: string; readonly offer: EnrolmentOffer }
  | { readonly step: 'recovery-codes'; readonly recoveryCodes: readonly string[] };

/**
 * Enrolment belongs to a workstation that is not locked (the session may turn active a moment
 * before the confirmation's reply arrives); the recovery codes to the active session they began.
 */
export function firstSignInFits(step: FirstSignIn, session: SessionView): boolean {
  return step.step === 'enrol' ? session.state !== 'locked' : session.state === 'active';
}

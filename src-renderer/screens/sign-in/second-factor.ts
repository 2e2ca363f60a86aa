// The three second factors an officer can sign in with, and how the code field reads for each:
// its label, the hint under it, and how the keyboard and the browser should treat what is typed.
import type { SecondFactorKind } from '../../../src-shared/contract';

export interface SecondFactorField {
  /** The choice, as the segmented control shows it. */
  readonly choice: string;
  readonly label: string;
  readonly hint: string;
  readonly missing: string;
  readonly inputMode: 'numeric' | 'text';
  readonly autoComplete: 'one-time-code' | 'off';
}

export const secondFactorKinds: readonly SecondFactorKind[] = ['totp', 'recovery', 'enrolment'];

/** The fields for each kind; the authenticator code's length follows the policy. */
export function secondFactorFields(
  totpDigits: number,
): Readonly<Record<SecondFactorKind, SecondFactorField>> {
  return {
    totp: {
      choice: 'Authenticator app',
      label: 'Authenticator code',
      hint: `The ${totpDigits} digits your app shows for Sallyport. Spaces are fine.`,
      missing: 'Enter the code from your authenticator app.',
      inputMode: 'numeric',
      autoComplete: 'one-time-code',
    },
    recovery: {
      choice: 'Recovery code',
      label: 'Recovery code',
      hint: 'One of the ten recovery codes you stored when you enrolled. Each works once.',
      missing: 'Enter one of your recovery codes.',
      inputMode: 'text',
      autoComplete: 'off',
    },
    enrolment: {
      choice: 'First sign-in',
      label: 'Enrolment code',
      hint: 'The one-time code your administrator gave you. Next, you add Sallyport to your authenticator app.',
      missing: 'Enter the enrolment code from your administrator.',
      inputMode: 'text',
      autoComplete: 'off',
    },
  };
}

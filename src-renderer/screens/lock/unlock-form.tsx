// The officer's own password (and authenticator code where policy asks) opens the session again.
// Failures count toward the lockout in main; at the last one main ends the session, and the
// sign-in screen says why. Secrets never outlive the attempt.
import { useRef, useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import type { ErrorCode, SessionView } from '../../../src-shared/contract';
import { useClient } from '../../bridge/connection-context';
import { FormAlert, type AlertContent } from '../../components/form-alert';
import { signInRefusal } from '../sign-in/sign-in-refusal';

/** Refusals after which main has ended the session rather than kept it locked. */
const ending: ReadonlySet<ErrorCode> = new Set(['LOCKED_OUT', 'NOT_AUTHORISED', 'DIRECTORY_ACCOUNT']);

interface UnlockFormProps {
  /** Whose password opens it. */
  officerName: string;
  unlockNeedsCode: boolean;
  totpDigits: number;
  onUnlocked: (session: SessionView) => void;
  /** The session ended instead (lockout, or the directory account changed): why, for the sign-in screen. */
  onEnded: (why: AlertContent) => void;
}

export function UnlockForm(props: UnlockFormProps) {
  const { officerName, unlockNeedsCode, totpDigits, onUnlocked, onEnded } = props;
  const client = useClient();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<AlertContent | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setRefusal(null);
    const result = await client.call('session.unlock', { password, code: unlockNeedsCode ? code : '' });
    setPending(false);
    setPassword('');
    setCode('');
    if (result.ok) return onUnlocked(result.value);
    if (ending.has(result.error.code)) return onEnded(signInRefusal(result.error));
    setRefusal(signInRefusal(result.error));
    passwordRef.current?.focus();
  };

  return (
    <Form className="unlock-form" aria-label="Unlock" onSubmit={(event) => void submit(event)}>
      <TextField
        className="field"
        name="password"
        type="password"
        value={password}
        onChange={setPassword}
        isRequired
        autoFocus
        autoComplete="current-password"
      >
        <Label className="field-label">Password</Label>
        <Input className="field-input" ref={passwordRef} />
        <Text slot="description" className="field-hint">
          {officerName}&apos;s directory password. You continue where you were.
        </Text>
        <FieldError className="field-error">Enter your password.</FieldError>
      </TextField>
      {unlockNeedsCode && (
        <TextField
          className="field"
          name="code"
          value={code}
          onChange={setCode}
          isRequired
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck="false"
        >
          <Label className="field-label">Authenticator code</Label>
          <Input className="field-input field-input-code" autoCorrect="off" />
          <Text slot="description" className="field-hint">
            The {totpDigits} digits your app shows for Sallyport.
          </Text>
          <FieldError className="field-error">Enter the code from your authenticator app.</FieldError>
        </TextField>
      )}
      <FormAlert message={refusal} />
      <Button type="submit" className="button button-primary button-block" aria-busy={pending || undefined}>
        {pending ? 'Unlocking…' : 'Unlock'}
      </Button>
    </Form>
  );
}

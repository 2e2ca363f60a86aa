// Username and password. The password is sent exactly as typed or pasted: never trimmed, never
// cut short (NIST SP 800-63B); only main and the directory judge it.
import { useRef, useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import type { SessionView } from '../../../src-shared/contract';
import { useClient } from '../../bridge/connection-context';
import { FormAlert } from '../../components/form-alert';
import { errorMessage } from '../../format/error-message';

interface SignInFormProps {
  facilityName: string;
  onSignedIn: (session: SessionView) => void;
}

export function SignInForm({ facilityName, onSignedIn }: SignInFormProps) {
  const client = useClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    const result = await client.call('auth.signIn', { username, password });
    setPending(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setError(errorMessage(result.error));
    setPassword('');
    passwordRef.current?.focus();
  };

  return (
    <Form
      className="panel sign-in-form"
      aria-labelledby="sign-in-title"
      onSubmit={(event) => void submit(event)}
    >
      <p className="panel-eyebrow">{facilityName}</p>
      <h1 id="sign-in-title">Sign in</h1>
      <p className="panel-lead">Use your facility directory account. Use of this workstation is monitored.</p>
      <TextField
        className="field"
        name="username"
        value={username}
        onChange={setUsername}
        isRequired
        autoFocus
        autoComplete="username"
        spellCheck="false"
      >
        <Label className="field-label">Username</Label>
        <Input className="field-input" autoCapitalize="none" autoCorrect="off" />
        <FieldError className="field-error">Enter your username.</FieldError>
      </TextField>
      <TextField
        className="field"
        name="password"
        type="password"
        value={password}
        onChange={setPassword}
        isRequired
        autoComplete="current-password"
      >
        <Label className="field-label">Password</Label>
        <Input className="field-input" ref={passwordRef} />
        <FieldError className="field-error">Enter your password.</FieldError>
      </TextField>
      <FormAlert message={error} />
      <Button type="submit" className="button button-primary button-block" isPending={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </Form>
  );
}

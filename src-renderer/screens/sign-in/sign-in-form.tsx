// Username, password and the second factor, sent together in one request so that a refusal never
// tells which one was wrong. The password is sent exactly as typed or pasted: never trimmed, never
// cut short (NIST SP 800-63B); only main and the directory judge it.
import { useRef, type FormEvent } from 'react';
import {
  Button,
  FieldError,
  Form,
  Input,
  Label,
  Radio,
  RadioGroup,
  Text,
  TextField,
} from 'react-aria-components';
import type { EnrolmentOffer, SecondFactorKind, SessionView } from '../../../src-shared/contract';
import { useClient } from '../../bridge/connection-context';
import { FormAlert } from '../../components/form-alert';
import { secondFactorKinds } from './second-factor';
import { useCredentials } from './use-credentials';

export interface EnrolmentStart {
  readonly displayName: string;
  readonly offer: EnrolmentOffer;
}

interface SignInFormProps {
  /** Digits of an authenticator code under the facility's policy. */
  totpDigits: number;
  onSignedIn: (session: SessionView) => void;
  /** A first sign-in with an enrolment code: the authenticator app is added next. */
  onEnrol: (start: EnrolmentStart) => void;
}

function isSecondFactorKind(value: string): value is SecondFactorKind {
  return (secondFactorKinds as readonly string[]).includes(value);
}

export function SignInForm({ totpDigits, onSignedIn, onEnrol }: SignInFormProps) {
  const client = useClient();
  const credentials = useCredentials<SecondFactorKind>(totpDigits, 'totp');
  const { username, setUsername, password, setPassword, kind, setKind, code, setCode } = credentials;
  const { pending, refusal, fields, factor } = credentials;
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const outcome = await credentials.send((request) => client.call('auth.signIn', request));
    if (outcome.sent) {
      if (outcome.value.step === 'signed-in') onSignedIn(outcome.value.session);
      else onEnrol({ displayName: outcome.value.displayName, offer: outcome.value.offer });
    } else if (outcome.refused) {
      passwordRef.current?.focus();
    }
  };

  return (
    <Form
      className="panel sign-in-form"
      aria-labelledby="sign-in-title"
      onSubmit={(event) => void submit(event)}
    >
      <div className="panel-heading">
        <h1 id="sign-in-title">Sign in</h1>
        <p className="panel-lead">Use your facility directory account.</p>
      </div>
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
      <RadioGroup
        className="field"
        name="secondFactor"
        orientation="horizontal"
        value={kind}
        onChange={(value) => {
          if (isSecondFactorKind(value)) setKind(value);
        }}
      >
        <Label className="field-label">Second factor</Label>
        <div className="segmented">
          {secondFactorKinds.map((value) => (
            <Radio key={value} value={value} className="segment">
              {fields[value].choice}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      <TextField
        className="field"
        name="code"
        value={code}
        onChange={setCode}
        isRequired
        autoComplete={factor.autoComplete}
        inputMode={factor.inputMode}
        spellCheck="false"
      >
        <Label className="field-label">{factor.label}</Label>
        <Input className="field-input field-input-code" autoCapitalize="none" autoCorrect="off" />
        <Text slot="description" className="field-hint">
          {factor.hint}
        </Text>
        <FieldError className="field-error">{factor.missing}</FieldError>
      </TextField>
      <FormAlert message={refusal} />
      {/* Not React Aria's isPending: its announcement would point at this button after a
          successful sign-in has removed it. The label says it; a second press does nothing. */}
      <Button type="submit" className="button button-primary button-block" aria-busy={pending || undefined}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </Form>
  );
}

// The state of a credentials form (username, password, second factor) and the one way to send it:
// both factors in one request, at most one request at a time, and neither secret kept after the
// attempt, whatever its outcome. The sign-in form and the lock screen's administrator form use it.
import { useState } from 'react';
import type { CallResult, SecondFactorKind, SignInRequest } from '../../../src-shared/contract';
import type { AlertContent } from '../../components/form-alert';
import { secondFactorFields } from './second-factor';
import { signInRefusal } from './sign-in-refusal';

export type SendOutcome<T> = { sent: true; value: T } | { sent: false; refused: boolean };

export function useCredentials<K extends SecondFactorKind>(totpDigits: number, initialKind: K) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [kind, setKind] = useState<K>(initialKind);
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<AlertContent | null>(null);
  const fields = secondFactorFields(totpDigits);

  async function send<T>(call: (request: SignInRequest) => Promise<CallResult<T>>): Promise<SendOutcome<T>> {
    if (pending) return { sent: false, refused: false };
    setPending(true);
    setRefusal(null);
    const result = await call({ username, password, secondFactor: { kind, code } });
    setPending(false);
    setPassword('');
    setCode('');
    if (result.ok) return { sent: true, value: result.value };
    setRefusal(signInRefusal(result.error));
    return { sent: false, refused: true };
  }

  return {
    username,
    setUsername,
    password,
    setPassword,
    kind,
    setKind,
    code,
    setCode,
    pending,
    refusal,
    fields,
    factor: fields[kind],
    send,
  };
}

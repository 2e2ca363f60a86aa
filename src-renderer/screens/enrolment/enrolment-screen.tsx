// A first sign-in, after the password and the enrolment code were accepted: add Sallyport to an
// authenticator app (scan the QR code or type the key), then confirm with the app's first code.
// The key is not offered to the clipboard: clipboard managers keep a history on shared
// workstations, and the Electron shell denies the clipboard permission anyway.
import { useRef, useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import type { AppInfo, EnrolmentOffer, ErrorCode, SessionView } from '../../../src-shared/contract';
import { useClient } from '../../bridge/connection-context';
import { FormAlert, type AlertContent } from '../../components/form-alert';
import { FullWindow } from '../../components/full-window';
import { formatDateTime } from '../../format/date-time';
import { errorMessage } from '../../format/error-message';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount';
import { signInRefusal } from '../sign-in/sign-in-refusal';
import { QrCode } from './qr-code';

/** Refusals after which another code may still work; any other ends this enrolment. */
const retryable: readonly ErrorCode[] = ['SIGNIN_FAILED', 'INVALID_REQUEST', 'INTERNAL'];

interface EnrolmentScreenProps {
  info: AppInfo;
  displayName: string;
  offer: EnrolmentOffer;
  onConfirmed: (recoveryCodes: readonly string[], session: SessionView) => void;
  onCancelled: (session: SessionView) => void;
  onShowShortcuts: () => void;
}

export function EnrolmentScreen(props: EnrolmentScreenProps) {
  const { info, displayName, offer, onConfirmed, onCancelled, onShowShortcuts } = props;
  useDocumentTitle('Add Sallyport to your authenticator app');
  const client = useClient();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const codeRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<AlertContent | null>(null);
  const [ended, setEnded] = useState(false);

  const confirm = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setRefusal(null);
    const result = await client.call('auth.confirmEnrolment', { code });
    setPending(false);
    setCode('');
    if (result.ok) {
      onConfirmed(result.value.recoveryCodes, result.value.session);
      return;
    }
    setRefusal(signInRefusal(result.error));
    if (retryable.includes(result.error.code)) codeRef.current?.focus();
    else setEnded(true);
  };

  const cancel = async () => {
    setRefusal(null);
    const result = await client.call('auth.cancelSignIn', {});
    if (result.ok) onCancelled(result.value);
    else setRefusal({ message: errorMessage(result.error) });
  };

  return (
    <FullWindow info={info} onShowShortcuts={onShowShortcuts}>
      <section className="panel enrolment-panel" aria-labelledby="enrol-title">
        <p className="panel-eyebrow">First sign-in · {displayName}</p>
        <h1 id="enrol-title" ref={headingRef} tabIndex={-1}>
          Add Sallyport to your authenticator app
        </h1>
        <div className="enrolment-offer">
          <QrCode
            qr={offer.qr}
            label={`QR code that adds Sallyport to an authenticator app for ${displayName}`}
          />
          <div className="enrolment-steps">
            <ol className="steps">
              <li>In your authenticator app, choose to add an account.</li>
              <li>Scan the QR code, or type this key (time-based, {info.totpDigits} digits):</li>
            </ol>
            <dl className="totp-key-box">
              <dt>Key</dt>
              <dd className="totp-key">{offer.secret}</dd>
            </dl>
            <p className="muted">
              Finish before <time dateTime={offer.expiresAt}>{formatDateTime(offer.expiresAt)}</time>. The QR
              code and key are shown only on this screen.
            </p>
          </div>
        </div>
        <Form className="enrolment-confirm" onSubmit={(event) => void confirm(event)}>
          {!ended && (
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
              <Label className="field-label">Code from your authenticator app</Label>
              <Input className="field-input field-input-code" ref={codeRef} />
              <Text slot="description" className="field-hint">
                Once the app shows Sallyport, enter the {info.totpDigits} digits it shows now.
              </Text>
              <FieldError className="field-error">Enter the code your authenticator app shows.</FieldError>
            </TextField>
          )}
          <FormAlert message={refusal} />
          <div className="form-actions">
            {!ended && (
              <Button type="submit" className="button button-primary" aria-busy={pending || undefined}>
                {pending ? 'Confirming…' : 'Confirm'}
              </Button>
            )}
            <Button
              className={ended ? 'button button-primary' : 'button button-secondary'}
              onPress={() => void cancel()}
            >
              {ended ? 'Back to sign-in' : 'Cancel sign-in'}
            </Button>
          </div>
        </Form>
      </section>
    </FullWindow>
  );
}

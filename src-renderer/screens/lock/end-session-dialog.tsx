// An administrator ends someone else's locked session, confirming with their own username,
// password and second factor, so that another officer can sign in at this workstation.
import { type FormEvent } from 'react';
import {
  Button,
  Dialog,
  FieldError,
  Form,
  Heading,
  Input,
  Label,
  Modal,
  ModalOverlay,
  Radio,
  RadioGroup,
  Text,
  TextField,
} from 'react-aria-components';
import type { Officer, SessionView } from '../../../src-shared/contract';
import { useClient } from '../../bridge/connection-context';
import { FormAlert } from '../../components/form-alert';
import { useCredentials } from '../sign-in/use-credentials';

type Kind = 'totp' | 'recovery';
const kinds: readonly Kind[] = ['totp', 'recovery'];

interface EndSessionDialogProps {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  /** Whose session would end. */
  officer: Officer;
  totpDigits: number;
  onEnded: (session: SessionView) => void;
}

export function EndSessionDialog(props: EndSessionDialogProps) {
  const { isOpen, onOpenChange, officer, totpDigits, onEnded } = props;
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog-title">
            End {officer.displayName}&apos;s session
          </Heading>
          <p>
            An administrator can end this locked session so that someone else can sign in here. Confirm with
            your own account. Work {officer.displayName} already saved stays, and is still sent to the records
            service.
          </p>
          <AdministratorForm totpDigits={totpDigits} onEnded={onEnded} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function AdministratorForm({ totpDigits, onEnded }: Pick<EndSessionDialogProps, 'totpDigits' | 'onEnded'>) {
  const client = useClient();
  const credentials = useCredentials<Kind>(totpDigits, 'totp');
  const { username, setUsername, password, setPassword, kind, setKind, code, setCode } = credentials;
  const { pending, refusal, fields, factor } = credentials;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const outcome = await credentials.send((request) => client.call('session.endLocked', request));
    if (outcome.sent) onEnded(outcome.value);
  };

  return (
    <Form className="dialog-form" onSubmit={(event) => void submit(event)}>
      <TextField
        className="field"
        name="username"
        value={username}
        onChange={setUsername}
        isRequired
        autoFocus
        autoComplete="off"
        spellCheck="false"
      >
        <Label className="field-label">Administrator username</Label>
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
        autoComplete="off"
      >
        <Label className="field-label">Password</Label>
        <Input className="field-input" />
        <FieldError className="field-error">Enter your password.</FieldError>
      </TextField>
      <RadioGroup
        className="field"
        name="secondFactor"
        orientation="horizontal"
        value={kind}
        onChange={(value) => setKind(value === 'recovery' ? 'recovery' : 'totp')}
      >
        <Label className="field-label">Second factor</Label>
        <div className="segmented">
          {kinds.map((value) => (
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
        autoComplete="off"
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
      <div className="dialog-actions">
        <Button slot="close" className="button button-secondary">
          Cancel
        </Button>
        <Button type="submit" className="button button-danger" aria-busy={pending || undefined}>
          {pending ? 'Ending the session…' : 'End the session'}
        </Button>
      </div>
    </Form>
  );
}

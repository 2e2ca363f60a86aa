// Issues an enrolment code to someone not listed yet (a new hire the records service has not sent
// to this workstation): the administrator types their directory username.
import { useState, type FormEvent } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';

export function IssueByUsernameForm(props: { busy: boolean; onIssue: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = username.trim();
    if (trimmed === '' || props.busy) return;
    props.onIssue(trimmed);
    setUsername('');
  };
  return (
    <Form className="issue-by-username" onSubmit={submit} aria-label="Issue an enrolment code by username">
      <TextField className="field" value={username} onChange={setUsername} isRequired autoComplete="off">
        <Label className="field-label">Someone not listed? Their directory username</Label>
        <Input className="field-input" spellCheck={false} autoCapitalize="none" />
      </TextField>
      <Button
        type="submit"
        className="button button-secondary"
        isDisabled={props.busy || username.trim() === ''}
      >
        Issue enrolment code
      </Button>
    </Form>
  );
}

// The place where a failed action says what went wrong. The alert region is always in the page,
// so screen readers announce a message the moment it appears. A title and an icon set apart the
// refusals an officer must act on differently (locked out, not authorised, directory down); the
// message itself is always the workstation's own sentence.
import { Icon, type IconName } from './icon';

export interface AlertContent {
  readonly message: string;
  readonly title?: string;
  readonly icon?: IconName;
}

export function FormAlert({ message }: { message: string | AlertContent | null }) {
  const content = typeof message === 'string' ? { message } : message;
  return (
    <div className="form-alert" role="alert">
      {content !== null && (
        <>
          <Icon name={content.icon ?? 'alert'} />
          <div className="form-alert-body">
            {content.title !== undefined && <p className="form-alert-title">{content.title}</p>}
            <p>{content.message}</p>
          </div>
        </>
      )}
    </div>
  );
}

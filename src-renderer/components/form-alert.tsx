// The place where a failed action says what went wrong. The alert region is always in the page,
// so screen readers announce a message the moment it appears.
import { Icon } from './icon';

export function FormAlert({ message }: { message: string | null }) {
  return (
    <div className="form-alert" role="alert">
      {message !== null && (
        <>
          <Icon name="alert" />
          <p>{message}</p>
        </>
      )}
    </div>
  );
}

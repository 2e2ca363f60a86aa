// The sentence a person reads for a failed call. The router's messages are already written for
// people; a validation message arrives as "field: sentence", and the field is shown next to
// the message's own input, so only the sentence is kept.
import type { CallError } from '../../src-shared/contract';

export function errorMessage(error: CallError): string {
  if (error.code === 'INVALID_REQUEST') return error.message.replace(/^[\w.]+: /, '');
  return error.message;
}

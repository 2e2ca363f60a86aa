// Checks a request's device token in constant time. Both sides are hashed first, so the compare
// always runs over 32 bytes and its time says nothing about the token's length or prefix.
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Returns a check of an `authorization` header against the provisioned token. */
export function deviceTokenCheck(deviceToken: string): (authorization: string | undefined) => boolean {
  if (deviceToken.trim().length < 16) {
    throw new Error('The records service needs a device token of at least 16 characters.');
  }
  const expected = digest(deviceToken);
  return (authorization) => {
    const match = /^Bearer ([\x21-\x7e]+)$/i.exec(authorization ?? '');
    // Hash something even when the header is malformed, so that case takes the same time too.
    const presented = digest(match?.[1] ?? '');
    return timingSafeEqual(presented, expected) && match !== null;
  };
}

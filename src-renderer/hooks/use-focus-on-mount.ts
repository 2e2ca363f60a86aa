// Moves focus to an element when a screen or page appears, so keyboard and screen-reader users
// start where the new content starts instead of on a control that no longer exists.
import { useEffect, useRef } from 'react';

/** `enabled` is read once, at mount: a page that focuses its own first control passes false. */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  const atMount = useRef(enabled);
  useEffect(() => {
    if (atMount.current) ref.current?.focus();
  }, []);
  return ref;
}

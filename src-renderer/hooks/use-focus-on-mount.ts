// Moves focus to an element when a screen or page appears, so keyboard and screen-reader users
// start where the new content starts instead of on a control that no longer exists.
import { useEffect, useRef } from 'react';

export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

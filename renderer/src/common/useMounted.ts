import { useEffect, useRef, type RefObject } from 'react';

/**
 * A ref that is true while the component is mounted, so that an answer from main arriving after
 * it has gone is dropped instead of setting state on nothing.
 */
export function useMounted(): RefObject<boolean> {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}

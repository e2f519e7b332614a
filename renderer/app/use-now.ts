/** A clock for ages shown on screen: epoch ms, re-rendering every `periodMs` (default 1 s). */
import { useEffect, useState } from 'react';

/** Returns the current time (epoch ms UTC), refreshed every `periodMs` milliseconds. */
export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(t);
  }, [periodMs]);
  return now;
}

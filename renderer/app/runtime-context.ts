/** React context carrying the page's `WorkstationRuntime` to the dock's panel wrappers and overlays. */
import { createContext, useContext } from 'react';
import type { WorkstationRuntime } from './workstation-runtime';

/** Provided once by `Workstation`. */
export const RuntimeContext = createContext<WorkstationRuntime | null>(null);

/** The runtime; throws when used outside `Workstation` (a programming error). */
export function useRuntime(): WorkstationRuntime {
  const r = useContext(RuntimeContext);
  if (r === null) throw new Error('useRuntime() outside <Workstation>');
  return r;
}

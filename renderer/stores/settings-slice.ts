/**
 * The `settings` slice: the core's `WorkstationSettings` (risk limits, order confirmation, theme) as
 * last read with `settings.get` or stored with `settings.set`. The core owns them (its risk gate reads
 * them before every order); the renderer only shows and edits them.
 *
 * Source: issue 5, "Settings"; shared/ipc/contract.ts `WorkstationSettings`.
 */
import type { StateCreator } from 'zustand';
import type { WorkstationSettings } from '../../shared/ipc/contract';

/** The slice. */
export interface SettingsSlice {
  /** Null until the core answered `settings.get`. */
  readonly settings: WorkstationSettings | null;
  setSettings(settings: WorkstationSettings): void;
}

/** Creates the slice for the combined store. */
export const createSettingsSlice: StateCreator<SettingsSlice, [], [], SettingsSlice> = (set) => ({
  settings: null,
  setSettings: (settings) => set({ settings }),
});

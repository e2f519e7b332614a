/**
 * Types every workstation panel and overlay is written against. Features import these (type-only)
 * so that they never import the registry itself (which imports them).
 *
 * Source: issue 5, "Screens ... in a docking layout"; DESIGN.md "renderer/app" (layout/docking).
 */
import type { ReactNode } from 'react';
import type { Bridge } from '../../shared/ipc/contract';
import type { InstrumentKey } from '../../shared/instruments';
import type { OrderSide } from '../../shared/orders';
import type { AppStore } from '../stores/app-store';
import type { QuoteHub } from './quote-hub';

/**
 * Parameters a panel is opened with. JSON only (they are saved with the layout through
 * `prefs.set {key:'layout'}`). `key` is the instrument a chart, ladder... shows, e.g. `NSE_EQ:1333`.
 */
export interface PanelParams {
  readonly key?: InstrumentKey;
  readonly [name: string]: unknown;
}

/** Where a panel goes when it is opened and no panel of its area is on screen yet. */
export type PanelPlacement = 'left' | 'center' | 'right' | 'bottom';

/**
 * What the frame offers panels besides the store and the bridge (implemented in `commands.ts`).
 * Every method is safe to call at any time; none throws.
 */
export interface WorkstationCommands {
  /**
   * Opens panel `id` (a `PanelId` of `panel-registry.ts`) with `params`: focuses the open one with
   * the same instance (same id, and same `params.key` for per-instrument panels) or adds one at the
   * panel's default placement. An id that is not registered shows a toast "… not available".
   * Also sets `store.panelFocusRequest` to `id`, so the panel may take the keyboard focus.
   */
  openPanel(id: string, params?: PanelParams): void;
  /**
   * Opens the order ticket for `side` and instrument `key` (F1/F2; the chart and the ladder pass the
   * clicked `price`, rupees), or says it is not available.
   */
  openOrderTicket(side: OrderSide, key: InstrumentKey | null, price?: number): void;
  /** Opens overlay `id` (an `OverlayId` of `overlay-registry.ts`) with `params`. */
  openOverlay(id: string, params?: PanelParams): void;
  /** Closes the top overlay (Esc); false when none was open. */
  closeTopOverlay(): boolean;
  /** Moves keyboard focus to the instrument search box. */
  focusSearch(): void;
  /** Puts back the default arrangement (and saves it). */
  resetLayout(): void;
  /** Sets the focused instrument (F1/F2/F6 act on it; panels may follow it). */
  focusInstrument(key: InstrumentKey | null): void;
  /** A short in-app message (bottom right, a few seconds). */
  toast(message: string, tone?: ToastTone): void;
  /**
   * A fill or rejection: a desktop notification when permitted and the window is in the
   * background, else a toast (./notify.ts). Resolves with how it was shown.
   */
  notify(notice: { readonly title: string; readonly body: string; readonly tone: ToastTone }): Promise<'desktop' | 'toast'>;
}

/** Colour of a toast. */
export type ToastTone = 'info' | 'good' | 'warn' | 'bad';

/**
 * Props of every panel component: the one store, the bridge, the quote hub (ticks stay out of
 * React state: read `quotes.latest(key)` / `quotes.listen(key, fn)` into refs), the frame's
 * commands, the panel's `params`, and `setTitle` for its tab.
 */
export interface PanelProps<P extends PanelParams = PanelParams> {
  readonly store: AppStore;
  readonly bridge: Bridge;
  readonly quotes: QuoteHub;
  readonly commands: WorkstationCommands;
  readonly params: P;
  /** Changes the panel's tab title (e.g. `Chart · RELIANCE`). */
  readonly setTitle: (title: string) => void;
  /**
   * Merges `patch` into the panel's own params (a key set to `undefined` is removed), so that they
   * are saved with the layout (`prefs.set {key:'layout'}`, after the usual quiet time) and come back
   * as `params` after a reload: the chart keeps its interval and indicators this way. JSON values
   * only; `key` is the panel's identity and must not be changed through it.
   */
  readonly updateParams: (patch: Readonly<Record<string, unknown>>) => void;
}

/** One entry of the panel registry. */
export interface PanelDefinition {
  /** Tab title when the panel does not set one. */
  readonly title: string;
  /** The feature's panel component. */
  readonly component: (props: PanelProps) => ReactNode;
  /** Where it opens when no panel of the same area is on screen (else it joins that group as a tab). */
  readonly defaultPlacement: PanelPlacement;
  /**
   * `single`: one instance; opening again focuses it (and replaces its params when new ones are
   * given). `per-key`: one instance per `params.key` (a chart per instrument).
   */
  readonly instances: 'single' | 'per-key';
  /** Part of the default arrangement (first start and "reset layout"). */
  readonly inDefaultLayout?: boolean;
}

/** Props of an overlay (a modal above the dock, such as the order ticket). */
export interface OverlayProps<P extends PanelParams = PanelParams> {
  readonly store: AppStore;
  readonly bridge: Bridge;
  readonly quotes: QuoteHub;
  readonly commands: WorkstationCommands;
  readonly params: P;
  /** Closes this overlay (Esc does the same for the top one). */
  readonly close: () => void;
}

/** One entry of the overlay registry. */
export interface OverlayDefinition {
  readonly title: string;
  readonly component: (props: OverlayProps) => ReactNode;
}

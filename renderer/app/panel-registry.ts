/**
 * The panel registry: every dockable panel of the workstation, by id.
 *
 * HOW A FEATURE ADDS ITS PANEL (one import + one entry, nothing else in the frame changes):
 *
 *   1. In `renderer/features/<x>/`, export ONE component taking `PanelProps` (./panel-types.ts):
 *        export function ChartPanel({ store, bridge, quotes, commands, params, setTitle }: PanelProps) {...}
 *      `params.key` is the instrument (`NSE_EQ:1333`) for per-instrument panels. Read ticks through
 *      `quotes` (acquire the keys, listen, write into refs/canvas): never put ticks in React state.
 *   2. Here: `import { ChartPanel } from '../features/chart/chart-panel';` and one entry in `PANELS`:
 *        chart: { title: 'Chart', component: ChartPanel, defaultPlacement: 'center', instances: 'per-key' },
 *      The id joins `PanelId` by itself (it is `keyof typeof PANELS`), and then
 *      `commands.openPanel('chart', { key })` works from anywhere (watchlist double-click, hotkeys).
 *
 * Ids the other features are expected to use (the hotkeys already point at them and say
 * "… not available" until they exist): `chart`, `depth` (F6), `orders` (F3), `trades` (F8),
 * `positions` (Alt+F6), `holdings`, `funds`. The order ticket is NOT a dock panel: it is an overlay
 * (a modal above the dock, closed by Esc), registered in ./overlay-registry.ts under `order-ticket`.
 *
 * Placement: a panel opens as a tab in the group of an open panel with the same `defaultPlacement`,
 * else in a new group on that side (`center` goes right of the left column). Instances: `single`
 * (opening again focuses it, with the new params if any) or `per-key` (one per `params.key`).
 *
 * Source: issue 5, "Screens ... in a docking layout whose arrangement is saved and restored".
 */
import { OrderBookPanel } from '../features/blotter/order-book-panel';
import { TradeBookPanel } from '../features/blotter/trade-book-panel';
import { ChartPanel } from '../features/chart/chart-panel';
import { DepthPanel } from '../features/depth/depth-panel';
import { OptionChainPanel } from '../features/option-chain/option-chain-panel';
import { FundsPanel } from '../features/portfolio/funds-panel';
import { HoldingsPanel } from '../features/portfolio/holdings-panel';
import { PositionsPanel } from '../features/portfolio/positions-panel';
import { SettingsPanel } from '../features/settings/settings-panel';
import { WatchlistPanel } from '../features/watchlist/watchlist-panel';
import type { PanelDefinition } from './panel-types';

/** Every registered panel. Keep entries in the order a reader expects (left to right, top to bottom). */
export const PANELS = {
  watchlist: { title: 'Watchlist', component: WatchlistPanel, defaultPlacement: 'left', instances: 'single', inDefaultLayout: true },
  chart: { title: 'Chart', component: ChartPanel, defaultPlacement: 'center', instances: 'per-key' },
  depth: { title: 'Depth', component: DepthPanel, defaultPlacement: 'right', instances: 'per-key' },
  'option-chain': { title: 'Option chain', component: OptionChainPanel, defaultPlacement: 'center', instances: 'per-key' },
  orders: { title: 'Orders', component: OrderBookPanel, defaultPlacement: 'bottom', instances: 'single', inDefaultLayout: true },
  trades: { title: 'Trades', component: TradeBookPanel, defaultPlacement: 'bottom', instances: 'single' },
  positions: { title: 'Positions', component: PositionsPanel, defaultPlacement: 'bottom', instances: 'single', inDefaultLayout: true },
  holdings: { title: 'Holdings', component: HoldingsPanel, defaultPlacement: 'bottom', instances: 'single' },
  funds: { title: 'Funds', component: FundsPanel, defaultPlacement: 'bottom', instances: 'single' },
  settings: { title: 'Settings', component: SettingsPanel, defaultPlacement: 'right', instances: 'single' },
} as const satisfies Record<string, PanelDefinition>;

/** The id of a registered panel. */
export type PanelId = keyof typeof PANELS;

/** True when `id` is a registered panel (ids come from hotkeys and saved layouts as plain strings). */
export function isPanelId(id: string): id is PanelId {
  return Object.prototype.hasOwnProperty.call(PANELS, id);
}

/** The definition of `id`, or undefined when no feature registered it. */
export function panelDefinition(id: string): PanelDefinition | undefined {
  return isPanelId(id) ? PANELS[id] : undefined;
}

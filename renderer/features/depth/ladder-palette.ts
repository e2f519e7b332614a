/**
 * Colours of the ladder, dark (default) and light, following Settings' theme. `#rrggbb` for the
 * canvas's own text (summary strip) and as framebuffer pixels (./soft-raster.ts) for the ladder.
 * Opaque colours only.
 */
import { rgb } from './soft-raster';

/** Colour names of a palette. */
export interface LadderColours {
  readonly background: string;
  readonly askRow: string;
  readonly bidRow: string;
  readonly priceCell: string;
  readonly spreadRow: string;
  readonly ltpCell: string;
  readonly bidBar: string;
  readonly askBar: string;
  readonly bidText: string;
  readonly askText: string;
  readonly priceText: string;
  readonly ltpText: string;
  readonly ordersText: string;
  readonly buyMarker: string;
  readonly sellMarker: string;
  readonly markerText: string;
  readonly summaryText: string;
}

/** A palette: colours and the same as pixels. */
export interface LadderPalette {
  readonly css: LadderColours;
  readonly px: { readonly [K in keyof LadderColours]: number };
}

function palette(css: LadderColours): LadderPalette {
  return { css, px: Object.fromEntries(Object.entries(css).map(([k, v]) => [k, rgb(v as string)])) as LadderPalette['px'] };
}

/** The dark theme (default). */
export const DARK_PALETTE = palette({
  background: '#111418',
  askRow: '#181a1e',
  bidRow: '#14191a',
  priceCell: '#1d2127',
  spreadRow: '#272c34',
  ltpCell: '#4a4310',
  bidBar: '#1e4a3a',
  askBar: '#5a2429',
  bidText: '#8fe0b5',
  askText: '#ff9b9b',
  priceText: '#e8e8e8',
  ltpText: '#ffe066',
  ordersText: '#8a939e',
  buyMarker: '#2f6fde',
  sellMarker: '#c2410c',
  markerText: '#ffffff',
  summaryText: '#c9d1d9',
});

/** The light theme. */
export const LIGHT_PALETTE = palette({
  background: '#ffffff',
  askRow: '#fdf5f5',
  bidRow: '#f4faf6',
  priceCell: '#eef1f4',
  spreadRow: '#e3e7ec',
  ltpCell: '#fff1a8',
  bidBar: '#bfe6cc',
  askBar: '#f5c4c4',
  bidText: '#116329',
  askText: '#b42318',
  priceText: '#1f2328',
  ltpText: '#6b4e00',
  ordersText: '#59636e',
  buyMarker: '#1f6feb',
  sellMarker: '#c2410c',
  markerText: '#ffffff',
  summaryText: '#1f2328',
});

/** The palette of a theme. */
export function paletteFor(theme: 'dark' | 'light'): LadderPalette {
  return theme === 'light' ? LIGHT_PALETTE : DARK_PALETTE;
}

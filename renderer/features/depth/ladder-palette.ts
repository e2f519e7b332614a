/**
 * Colours of the ladder (dark theme), as `#rrggbb` and as framebuffer pixels (./soft-raster.ts).
 * Opaque colours only.
 */
import { rgb } from './soft-raster';

/** The palette. */
export const PALETTE = {
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
} as const;

/** The palette as pixel values. */
export const PIXELS: { readonly [K in keyof typeof PALETTE]: number } = Object.fromEntries(
  Object.entries(PALETTE).map(([k, v]) => [k, rgb(v)]),
) as { readonly [K in keyof typeof PALETTE]: number };

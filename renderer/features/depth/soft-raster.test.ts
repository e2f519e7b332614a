import { describe, expect, it } from 'vitest';
import { blitGlyph, drawCharsRight, fillCellWithBar, fillRect, rgb, type Framebuffer, type GlyphMask } from './soft-raster';

function fb(w: number, h: number, bg = rgb('#000000')): Framebuffer {
  return { width: w, height: h, px: new Uint32Array(w * h).fill(bg) };
}

function channels(p: number): [number, number, number, number] {
  return [p & 255, (p >>> 8) & 255, (p >>> 16) & 255, p >>> 24];
}

describe('soft raster', () => {
  it('rgb packs #rrggbb as little-endian RGBA, opaque, and refuses other forms', () => {
    expect(channels(rgb('#102030'))).toEqual([0x10, 0x20, 0x30, 255]);
    expect(() => rgb('red')).toThrow(/#rrggbb/);
  });

  it('fillRect fills exactly its rectangle, clipped to the framebuffer', () => {
    const f = fb(4, 3);
    const c = rgb('#ffffff');
    fillRect(f, -1, 1, 3, 5, c);
    const lit = [...f.px].map((p) => (p === c ? 1 : 0));
    expect(lit).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0]);
  });

  it('fillCellWithBar writes the cell background with the bar inside it, clipped to the cell', () => {
    const f = fb(6, 4, rgb('#000000'));
    const bg = rgb('#111111');
    const bar = rgb('#22aa22');
    fillCellWithBar(f, 1, 0, 4, 4, bg, 3, 1, 9, 2, bar);
    const map = [...f.px].map((p) => (p === bar ? 'B' : p === bg ? '.' : ' ')).join('');
    expect(map).toBe(' .... ' + ' ..BB ' + ' ..BB ' + ' .... ');
    fillCellWithBar(f, 1, 0, 4, 4, bg, 3, 1, 0, 2, bar);
    expect([...f.px].filter((p) => p === bar)).toHaveLength(0);
  });

  it('blitGlyph writes full coverage as the colour, blends partial coverage over the pixel below, skips zero', () => {
    const f = fb(3, 1, rgb('#000000'));
    const mask: GlyphMask = { left: 0, top: 0, width: 3, height: 1, alpha: Uint8Array.from([255, 128, 0]) };
    blitGlyph(f, mask, 0, 0, rgb('#c86432'));
    expect(channels(f.px[0]!)).toEqual([200, 100, 50, 255]);
    const [r, g, b, a] = channels(f.px[1]!);
    expect(Math.abs(r - 100)).toBeLessThanOrEqual(1);
    expect(Math.abs(g - 50)).toBeLessThanOrEqual(1);
    expect(Math.abs(b - 25)).toBeLessThanOrEqual(1);
    expect(a).toBe(255);
    expect(f.px[2]).toBe(rgb('#000000'));
  });

  it('blends over a lighter background towards the colour', () => {
    const f = fb(1, 1, rgb('#ffffff'));
    blitGlyph(f, { left: 0, top: 0, width: 1, height: 1, alpha: Uint8Array.from([51]) }, 0, 0, rgb('#000000'));
    expect(channels(f.px[0]!)[0]).toBe(204);
  });

  it('clips glyphs at every edge', () => {
    const f = fb(2, 2);
    const mask: GlyphMask = { left: -1, top: -1, width: 4, height: 4, alpha: new Uint8Array(16).fill(255) };
    blitGlyph(f, mask, 0, 0, rgb('#ffffff'));
    expect([...f.px].every((p) => p === rgb('#ffffff'))).toBe(true);
  });

  it('drawCharsRight places a monospaced run so that it ends at the right edge', () => {
    const f = fb(10, 1);
    const dot: GlyphMask = { left: 0, top: 0, width: 1, height: 1, alpha: Uint8Array.from([255]) };
    const c = rgb('#ffffff');
    drawCharsRight(f, (code) => (code === 32 ? null : dot), 2, [49, 32, 49], 0, 3, 10, 0, c);
    // Pens at 4, 6 (space: nothing), 8.
    expect([...f.px].map((p) => (p === c ? 1 : 0))).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 1, 0]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodeIcns, encodeIco, encodePng, renderIcon } from './make-icons';

/** A minimal PNG reader for 8-bit RGBA, filter-0 images (what encodePng writes); checks every CRC. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let i = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (i < png.length) {
    const len = png.readUInt32BE(i);
    const type = png.toString('ascii', i + 4, i + 8);
    const data = png.subarray(i + 8, i + 8 + len);
    expect(png.readUInt32BE(i + 8 + len), `CRC of ${type}`).toBe(crc32(png.subarray(i + 4, i + 8 + len)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    } else if (type === 'IDAT') idat.push(data);
    i += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
}

const px = (img: { width: number; rgba: Uint8Array }, x: number, y: number) => [...img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

describe('icon generator', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });

  it('draws the mark: transparent corners, dark square, light T, green and red candles', () => {
    const img = decodePng(encodePng(renderIcon(64), 64, 64));
    expect(img.width).toBe(64);
    expect(px(img, 0, 0)[3]).toBe(0); // outside the rounded square
    const bg = px(img, 6, 32); // inside the square, left margin
    expect(bg[3]).toBe(255);
    expect(Math.max(bg[0]!, bg[1]!, bg[2]!)).toBeLessThan(60);
    const bar = px(img, 32, 15); // T bar
    expect(Math.min(bar[0]!, bar[1]!, bar[2]!)).toBeGreaterThan(200);
    const up = px(img, 19, 38); // left candle body
    expect(up[1]!).toBeGreaterThan(up[0]! + 80);
    const down = px(img, 45, 33); // right candle body
    expect(down[0]!).toBeGreaterThan(down[1]! + 80);
  });

  it('the committed assets/icon.png is the current drawing at 512 px', () => {
    const committed = decodePng(readFileSync(join(import.meta.dirname, '..', 'assets', 'icon.png')));
    expect([committed.width, committed.height]).toEqual([512, 512]);
    expect(Buffer.from(committed.rgba).equals(Buffer.from(renderIcon(512)))).toBe(true);
  });

  it('writes ICO and ICNS containers around the PNGs', () => {
    const a = encodePng(renderIcon(16), 16, 16);
    const b = encodePng(renderIcon(32), 32, 32);
    const ico = encodeIco([{ size: 256, png: a }, { size: 32, png: b }]);
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 2]);
    expect([ico[6], ico[22]]).toEqual([0, 32]); // 256 is written as 0
    expect(ico.subarray(ico.readUInt32LE(6 + 12), ico.readUInt32LE(6 + 12) + a.length).equals(a)).toBe(true);
    expect(ico.subarray(ico.readUInt32LE(22 + 12)).equals(b)).toBe(true);
    const icns = encodeIcns([{ type: 'ic09', png: a }]);
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.toString('ascii', 8, 12)).toBe('ic09');
    expect(icns.readUInt32BE(12)).toBe(a.length + 8);
    expect(icns.subarray(16).equals(a)).toBe(true);
  });
});

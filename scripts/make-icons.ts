/**
 * Draws the Tickdesk app icon and writes it as PNG, ICO and ICNS into assets/ (no image library:
 * PNG is built with node:zlib, ICO and ICNS embed PNG images, which Windows Vista+ and macOS 10.7+
 * read). Run `npx tsx scripts/make-icons.ts`; the outputs are committed, so packaging needs no step.
 *
 * The mark: a light "T" whose stem is a candlestick, between a green (up) and a red (down)
 * candle, on a dark rounded square. Coordinates are in units of the icon's side (0…1).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

/** One filled shape: axis-aligned rectangle with corner radius `r` (all in 0…1 units). */
interface Shape {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly r: number;
  readonly color: Rgba | ((y: number) => Rgba);
}

const hex = (h: string, a = 255): Rgba => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];
const mix = (a: Rgba, b: Rgba, t: number): Rgba => [0, 1, 2, 3].map((i) => a[i]! + (b[i]! - a[i]!) * t) as unknown as Rgba;

const BG_TOP = hex('#1b2230');
const BG_BOTTOM = hex('#0b0e14');
const INK = hex('#e8eef7');
const UP = hex('#22c55e');
const DOWN = hex('#ef4444');

/** The icon, back to front. */
export const SHAPES: readonly Shape[] = [
  { x0: 0.04, y0: 0.04, x1: 0.96, y1: 0.96, r: 0.2, color: (y) => mix(BG_TOP, BG_BOTTOM, y) },
  // Green candle (left): wick then body.
  { x0: 0.285, y0: 0.4, x1: 0.315, y1: 0.78, r: 0.012, color: UP },
  { x0: 0.25, y0: 0.48, x1: 0.35, y1: 0.7, r: 0.02, color: UP },
  // Red candle (right).
  { x0: 0.685, y0: 0.36, x1: 0.715, y1: 0.72, r: 0.012, color: DOWN },
  { x0: 0.65, y0: 0.42, x1: 0.75, y1: 0.62, r: 0.02, color: DOWN },
  // The "T": bar and stem (the stem is a candle with a wick below).
  { x0: 0.2, y0: 0.18, x1: 0.8, y1: 0.29, r: 0.035, color: INK },
  { x0: 0.44, y0: 0.22, x1: 0.56, y1: 0.74, r: 0.03, color: INK },
  { x0: 0.485, y0: 0.7, x1: 0.515, y1: 0.84, r: 0.012, color: INK },
];

function inside(s: Shape, x: number, y: number): boolean {
  if (x < s.x0 || x > s.x1 || y < s.y0 || y > s.y1) return false;
  const cx = Math.min(Math.max(x, s.x0 + s.r), s.x1 - s.r);
  const cy = Math.min(Math.max(y, s.y0 + s.r), s.y1 - s.r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= s.r * s.r;
}

/** Renders the icon at `size`×`size` RGBA with 4×4 supersampling (straight alpha). */
export function renderIcon(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          // Composite shapes back to front (premultiplied).
          let cr = 0, cg = 0, cb = 0, ca = 0;
          for (const s of SHAPES) {
            if (!inside(s, x, y)) continue;
            const c = typeof s.color === 'function' ? s.color(y) : s.color;
            const al = c[3] / 255;
            cr = c[0] * al + cr * (1 - al);
            cg = c[1] * al + cg * (1 - al);
            cb = c[2] * al + cb * (1 - al);
            ca = al + ca * (1 - al);
          }
          r += cr; g += cg; b += cb; a += ca;
        }
      }
      const k = n * n;
      const i = (py * size + px) * 4;
      const alpha = a / k;
      out[i] = alpha > 0 ? Math.round(r / k / alpha) : 0;
      out[i + 1] = alpha > 0 ? Math.round(g / k / alpha) : 0;
      out[i + 2] = alpha > 0 ? Math.round(b / k / alpha) : 0;
      out[i + 3] = Math.round(alpha * 255);
    }
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309) as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, filter 0 on every row). */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}

/** An ICO holding PNG images (each ≤ 256 px; 256 is written as 0 in the directory). */
export function encodeIco(pngs: ReadonlyArray<{ readonly size: number; readonly png: Buffer }>): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const dir = pngs.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([head, ...dir, ...pngs.map((p) => p.png)]);
}

/** An ICNS holding PNG images under their OSType (`ic08` 256, `ic09` 512, `ic10` 1024 px). */
export function encodeIcns(entries: ReadonlyArray<{ readonly type: string; readonly png: Buffer }>): Buffer {
  const parts = entries.map(({ type, png }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([h, png]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

function main(): void {
  const assets = join(import.meta.dirname, '..', 'assets');
  const png = (size: number) => encodePng(renderIcon(size), size, size);
  const [p1024, p512, p256, p48, p32, p16] = [1024, 512, 256, 48, 32, 16].map(png) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  writeFileSync(join(assets, 'icon.png'), p512);
  writeFileSync(join(assets, 'icon.ico'), encodeIco([{ size: 256, png: p256 }, { size: 48, png: p48 }, { size: 32, png: p32 }, { size: 16, png: p16 }]));
  writeFileSync(join(assets, 'icon.icns'), encodeIcns([{ type: 'ic08', png: p256 }, { type: 'ic09', png: p512 }, { type: 'ic10', png: p1024 }]));
  console.log(`wrote ${assets}/icon.png (512), icon.ico (256/48/32/16), icon.icns (256/512/1024)`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) main();

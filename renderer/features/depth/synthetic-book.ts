/**
 * A synthetic order book for the ladder's benchmark page and tests: `levels` levels per side around
 * a mid price on a tick grid, mutated frame by frame either everywhere (every level's quantity and
 * order count change, and every `shiftEvery` frames the whole book moves by one tick) or at
 * `changingPerSide` random levels per side. Deterministic for a given seed (xorshift32).
 *
 * Units: prices rupees (on the tick grid), quantities units.
 */
import type { DepthLevel } from '../../../shared/market';

/** A mutable book. */
export interface SyntheticBook {
  readonly bids: DepthLevel[];
  readonly asks: DepthLevel[];
  ltp: number;
}

/** Options of {@link createSyntheticBook} / {@link stepSyntheticBook}. */
export interface SyntheticBookOptions {
  readonly levels: number;
  /** Mid price, rupees (default 2450). */
  readonly mid?: number;
  /** Tick size, rupees (default 0.05). */
  readonly tick?: number;
  readonly seed?: number;
}

/** A deterministic random source in [0, 1). */
export function xorshift(seed: number): () => number {
  let x = seed | 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function level(price: number, rnd: () => number): DepthLevel {
  return { price, quantity: 1 + Math.floor(rnd() * 40_000), orders: 1 + Math.floor(rnd() * 150) };
}

function snap(p: number): number {
  return Math.round(p * 100) / 100;
}

/** A book of `levels` levels per side. */
export function createSyntheticBook(o: SyntheticBookOptions, rnd: () => number): SyntheticBook {
  const mid = o.mid ?? 2450;
  const tick = o.tick ?? 0.05;
  const bids: DepthLevel[] = [];
  const asks: DepthLevel[] = [];
  for (let i = 0; i < o.levels; i++) {
    bids.push(level(snap(mid - tick * (i + 1)), rnd));
    asks.push(level(snap(mid + tick * (i + 1)), rnd));
  }
  return { bids, asks, ltp: snap(mid) };
}

/**
 * Mutates the book for the next frame. `changingPerSide` null = every level changes (and every
 * `shiftEvery` frames the book moves by one tick); a number = that many random levels per side.
 */
export function stepSyntheticBook(book: SyntheticBook, frame: number, changingPerSide: number | null, rnd: () => number, tick = 0.05, shiftEvery = 10): void {
  if (changingPerSide === null) {
    const shift = frame > 0 && frame % shiftEvery === 0 ? (rnd() < 0.5 ? -tick : tick) : 0;
    for (let i = 0; i < book.bids.length; i++) book.bids[i] = level(snap(book.bids[i]!.price + shift), rnd);
    for (let i = 0; i < book.asks.length; i++) book.asks[i] = level(snap(book.asks[i]!.price + shift), rnd);
    book.ltp = snap(book.ltp + shift);
    return;
  }
  for (const side of [book.bids, book.asks]) {
    for (let k = 0; k < changingPerSide; k++) {
      const i = Math.floor(rnd() * side.length);
      side[i] = level(side[i]!.price, rnd);
    }
  }
}

import { describe, expect, it } from 'vitest';
import { CELL_PADDING_X_PX, cellCapacity } from './cell-fit';

describe('cellCapacity', () => {
  it('counts the whole characters that fit inside the padding', () => {
    // DejaVu Sans Mono at 12 px: 1233/2048 em = 7.2246 px a character.
    const adv = (1233 / 2048) * 12;
    expect(cellCapacity(74, adv)).toBe(9); // 66 px: "10,68,020" fits, "1,23,45,678" does not
    expect(cellCapacity(44, adv)).toBe(4); // 36 px: "14.20" is 36.1 px, one tenth too wide
    expect(cellCapacity(66, adv)).toBe(8);
  });

  it('counts a text exactly as wide as the room as fitting', () => {
    expect(cellCapacity(2 * CELL_PADDING_X_PX + 50, 10)).toBe(5);
    expect(cellCapacity(2 * CELL_PADDING_X_PX + 49.9, 10)).toBe(4);
  });

  it('is 0 (everything clips) when the advance is unknown or the cell has no room', () => {
    expect(cellCapacity(74, Number.NaN)).toBe(0);
    expect(cellCapacity(74, 0)).toBe(0);
    expect(cellCapacity(74, Number.POSITIVE_INFINITY)).toBe(0);
    expect(cellCapacity(6, 7)).toBe(0);
  });
});

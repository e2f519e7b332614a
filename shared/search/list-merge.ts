/**
 * K-way merge of ascending id lists that are ranges of one Int32Array (posting lists), smallest id
 * first, with a binary min-heap of cursors: taking the first F ids of the union of L lists costs
 * O(L + F' log L) where F' counts the ids looked at, not the lists' total length. Repeats (an id
 * in several lists) come out once per list, next to each other.
 *
 * Pure TypeScript: imports nothing outside shared/.
 */
export class ListMerge {
  private at: Int32Array;
  private end: Int32Array;
  private size = 0;
  private arr: Int32Array = new Int32Array(0);

  /** `capacity`: the most lists one merge will hold. */
  constructor(capacity: number) {
    this.at = new Int32Array(Math.max(1, capacity));
    this.end = new Int32Array(Math.max(1, capacity));
  }

  /** Starts a merge over ranges of `arr`. */
  reset(arr: Int32Array): void {
    this.arr = arr;
    this.size = 0;
  }

  /** Adds the list `arr[start, end)` (ignored when empty). Call {@link build} after the last one. */
  add(start: number, end: number): void {
    if (start >= end) return;
    this.at[this.size] = start;
    this.end[this.size] = end;
    this.size++;
  }

  /** Orders the heap; then {@link next} yields ids ascending. */
  build(): void {
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** The next smallest id, or -1 when every list is used up. */
  next(): number {
    if (this.size === 0) return -1;
    const arr = this.arr;
    const top = arr[this.at[0]!]!;
    const pos = this.at[0]! + 1;
    if (pos < this.end[0]!) this.at[0] = pos;
    else {
      this.size--;
      this.at[0] = this.at[this.size]!;
      this.end[0] = this.end[this.size]!;
    }
    if (this.size > 1) this.down(0);
    return top;
  }

  private down(i: number): void {
    const { at, end, arr } = this;
    const n = this.size;
    const a = at[i]!;
    const e = end[i]!;
    const v = arr[a]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && arr[at[r]!]! < arr[at[l]!]!) c = r;
      if (arr[at[c]!]! >= v) break;
      at[i] = at[c]!;
      end[i] = end[c]!;
      i = c;
    }
    at[i] = a;
    end[i] = e;
  }
}

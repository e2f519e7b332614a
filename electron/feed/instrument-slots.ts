/**
 * Slot bookkeeping shared by the feed tables (quote-table.ts, depth-table.ts): which slot holds
 * which instrument (segment code + security id), and which slots changed since the last drain.
 *
 * Lookup is a direct index: per segment, a dense Int32Array keyed by security id (holding slot + 1,
 * 0 = absent) for ids below {@link DENSE_ID_LIMIT}, grown on subscribe; larger ids fall back to a
 * Map. Slots are assigned at subscribe time and reused after unsubscribe; nothing allocates per
 * packet. The dirty set is a list (Int32Array) plus flags (Uint8Array) so a slot is listed once
 * however many packets touched it before the conflator drains it (once per display frame).
 */

/** Security ids below this use the dense per-segment index (2^21 ids = 8 MB per segment at most). */
export const DENSE_ID_LIMIT = 1 << 21;

/** Segment codes run 0…8 (seeds/002 Annexure); the index keeps one dense array per code. */
const SEGMENT_SLOTS = 9;

/** Slot assignment, lookup and the dirty set of one feed table. */
export class InstrumentSlots {
  /** Number of slots. */
  readonly capacity: number;
  /** Segment code of each slot (valid while the slot is in use). */
  readonly segment: Uint8Array;
  /** Security id of each slot. */
  readonly securityId: Uint32Array;
  /** Bumped on every accepted update of the slot (wraps at 2^32). */
  readonly version: Uint32Array;
  /** 1 while the slot is in use. */
  readonly used: Uint8Array;
  /** Dirty slots in first-touched order; the first {@link dirtyCount} entries are valid. */
  readonly dirtyList: Int32Array;
  /** 1 when the slot is in {@link dirtyList}. */
  readonly dirtyFlag: Uint8Array;
  /** Number of valid entries in {@link dirtyList}. */
  dirtyCount = 0;
  /** Slots in use. */
  size = 0;

  private readonly dense: (Int32Array | null)[] = new Array<Int32Array | null>(SEGMENT_SLOTS).fill(null);
  private readonly sparse = new Map<number, number>();
  private readonly free: Int32Array;
  private freeCount: number;

  /** Throws RangeError unless `capacity` is a positive integer. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`table capacity ${capacity}`);
    this.capacity = capacity;
    this.segment = new Uint8Array(capacity);
    this.securityId = new Uint32Array(capacity);
    this.version = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.dirtyList = new Int32Array(capacity);
    this.dirtyFlag = new Uint8Array(capacity);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i; // pop gives 0, 1, 2…
    this.freeCount = capacity;
  }

  /** Slot of the instrument, or -1 when it is not in the table. Hot path: no allocation. */
  lookup(segment: number, securityId: number): number {
    if (securityId < DENSE_ID_LIMIT) {
      const d = this.dense[segment];
      if (d === undefined || d === null || securityId >= d.length) return -1;
      return d[securityId]! - 1;
    }
    const s = this.sparse.get(segment * 4294967296 + securityId);
    return s === undefined ? -1 : s;
  }

  /**
   * Assigns a slot (or returns the existing one). Returns -1 when the table is full. Throws
   * RangeError on a segment code outside 0…8 or a security id that is not a u32.
   */
  add(segment: number, securityId: number): number {
    if (!Number.isInteger(segment) || segment < 0 || segment >= SEGMENT_SLOTS) throw new RangeError(`segment code ${segment}`);
    if (!Number.isInteger(securityId) || securityId < 0 || securityId > 0xffffffff) {
      throw new RangeError(`security id ${securityId}`);
    }
    const have = this.lookup(segment, securityId);
    if (have >= 0) return have;
    if (this.freeCount === 0) return -1;
    const slot = this.free[--this.freeCount]!;
    if (securityId < DENSE_ID_LIMIT) {
      let d = this.dense[segment] ?? null;
      if (d === null || securityId >= d.length) {
        let n = d === null ? 1024 : d.length;
        while (n <= securityId) n *= 2;
        const grown = new Int32Array(Math.min(n, DENSE_ID_LIMIT));
        if (d !== null) grown.set(d);
        this.dense[segment] = d = grown;
      }
      d[securityId] = slot + 1;
    } else {
      this.sparse.set(segment * 4294967296 + securityId, slot);
    }
    this.segment[slot] = segment;
    this.securityId[slot] = securityId;
    this.version[slot] = 0;
    this.used[slot] = 1;
    this.size++;
    return slot;
  }

  /** Frees the instrument's slot; returns it (the caller clears its data) or -1 if absent. */
  remove(segment: number, securityId: number): number {
    const slot = this.lookup(segment, securityId);
    if (slot < 0) return -1;
    if (securityId < DENSE_ID_LIMIT) this.dense[segment]![securityId] = 0;
    else this.sparse.delete(segment * 4294967296 + securityId);
    this.used[slot] = 0;
    if (this.dirtyFlag[slot] === 1) this.unlistDirty(slot);
    this.free[this.freeCount++] = slot;
    this.size--;
    return slot;
  }

  /** Records an accepted update: bumps the version and lists the slot as dirty once. */
  touch(slot: number): void {
    this.version[slot] = (this.version[slot]! + 1) >>> 0;
    if (this.dirtyFlag[slot] === 0) {
      this.dirtyFlag[slot] = 1;
      this.dirtyList[this.dirtyCount++] = slot;
    }
  }

  /**
   * Empties the dirty set and returns the slots it held, in first-touched order. The returned view
   * shares memory with the table: read it before the next update.
   */
  drain(): Int32Array {
    const n = this.dirtyCount;
    for (let i = 0; i < n; i++) this.dirtyFlag[this.dirtyList[i]!] = 0;
    this.dirtyCount = 0;
    return this.dirtyList.subarray(0, n);
  }

  /** Removes the first `n` dirty entries (already packed), keeping the rest in order. */
  consume(n: number): void {
    for (let i = 0; i < n; i++) this.dirtyFlag[this.dirtyList[i]!] = 0;
    this.dirtyList.copyWithin(0, n, this.dirtyCount);
    this.dirtyCount -= n;
  }

  private unlistDirty(slot: number): void {
    const i = this.dirtyList.subarray(0, this.dirtyCount).indexOf(slot);
    if (i >= 0) {
      this.dirtyList.copyWithin(i, i + 1, this.dirtyCount);
      this.dirtyCount--;
    }
    this.dirtyFlag[slot] = 0;
  }
}

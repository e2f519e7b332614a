/**
 * A small pool of ArrayBuffers for the worker's batches. The main thread transfers each batch's
 * buffers back once its listeners have run, so in steady state no buffer is allocated per frame
 * (allocating ~400 bytes per changed instrument per frame otherwise feeds the garbage collector of
 * both threads). Buffers are handed out by size: the smallest pooled buffer that fits, else a new
 * one rounded up to a power of two (so sizes repeat and buffers get reused).
 */

/** See the file comment. */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];
  private readonly maxPooled: number;
  /** Buffers allocated because none fitted (a test and status figure). */
  allocated = 0;

  /** Keeps at most `maxPooled` idle buffers (extra ones are dropped for the GC). */
  constructor(maxPooled = 8) {
    this.maxPooled = maxPooled;
  }

  /** A buffer of at least `minBytes` bytes (contents undefined). */
  take(minBytes: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const n = this.free[i]!.byteLength;
      if (n >= minBytes && (best < 0 || n < this.free[best]!.byteLength)) best = i;
    }
    if (best >= 0) {
      const b = this.free[best]!;
      this.free[best] = this.free[this.free.length - 1]!;
      this.free.pop();
      return b;
    }
    this.allocated++;
    let size = 1024;
    while (size < minBytes) size *= 2;
    return new ArrayBuffer(size);
  }

  /** Returns a buffer to the pool. Detached (zero-length) buffers are ignored. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0) return;
    if (this.free.length >= this.maxPooled) {
      // Keep the larger buffers: they fit every request the small ones fit.
      let smallest = 0;
      for (let i = 1; i < this.free.length; i++) if (this.free[i]!.byteLength < this.free[smallest]!.byteLength) smallest = i;
      if (this.free[smallest]!.byteLength >= buffer.byteLength) return;
      this.free[smallest] = buffer;
      return;
    }
    this.free.push(buffer);
  }

  /** Idle buffers held. */
  get size(): number {
    return this.free.length;
  }
}

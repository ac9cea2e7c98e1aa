/**
 * A least-recently-used map bounded by bytes, for caches of derived data (rendered report
 * parts): each entry says what it weighs, and the oldest entries go when the total passes the
 * cap. An entry heavier than the cap is not kept at all. Purely an optimisation: whatever is
 * evicted is computed again.
 */
export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(readonly capBytes: number) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Map keeps insertion order: moving the entry to the end makes it the most recent.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.capBytes) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    while (this.total > this.capBytes) {
      const oldest = this.entries.keys().next().value!;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.total -= old.bytes;
  }

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }
}

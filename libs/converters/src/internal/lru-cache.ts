/**
 * A map that holds at most `capacity` entries and forgets the least recently used one to make room, like
 * Kafka's LRUCache behind JsonConverter's `schemas.cache.size`. A capacity of zero or less holds nothing.
 *
 * A Map keeps insertion order, so moving an entry to the end on every read makes the first key the least
 * recently used one.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  /** How many entries are held now. */
  get size(): number {
    return this.entries.size;
  }

  /** The value for `key`, which becomes the most recently used; undefined when it is not held. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Holds `value` for `key` as the most recently used entry, forgetting the least recently used if full. */
  set(key: K, value: V): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const eldest = this.entries.keys().next();
      if (!eldest.done) this.entries.delete(eldest.value);
    }
  }
}

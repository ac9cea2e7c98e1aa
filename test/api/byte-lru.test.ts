/** The report cache's bound: least recently used entries go first, by bytes. */
import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../src/api/services/byte-lru.ts';

describe('ByteLru', () => {
  it('evicts the least recently used entries once the bytes pass the cap', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'A', 40);
    lru.set('b', 'B', 40);
    expect(lru.get('a')).toBe('A'); // a is now the most recent
    lru.set('c', 'C', 40);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.get('c')).toBe('C');
    expect(lru.bytes).toBe(80);
    expect(lru.size).toBe(2);
  });

  it('re-weighs an entry set again, and keeps none heavier than the cap', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'A', 10);
    lru.set('a', 'A2', 60);
    expect(lru.bytes).toBe(60);
    lru.set('huge', 'H', 101);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('a')).toBe('A2');
    lru.delete('a');
    expect(lru.bytes).toBe(0);
  });
});

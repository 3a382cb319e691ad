package io.heapwarden.bootstrap.collections;

import java.util.Arrays;

/**
 * The CLOCK of a bounded map that is not thread-safe: its keys in a circular array, each with the
 * spread hash its access mark is found by, computed once when the key is inserted. So turning the
 * CLOCK never calls a key's {@code hashCode} (which may be costly) nor touches the key object: a
 * second chance copies two array slots. Grows like an {@code ArrayDeque}; no allocation at steady
 * state.
 */
final class KeyRing {
  private Object[] keys = new Object[16];
  private int[] hashes = new int[16];
  private int head;
  private int size;

  int size() {
    return size;
  }

  void addLast(Object key, int hash) {
    if (size == keys.length) {
      grow();
    }
    int tail = (head + size) & (keys.length - 1);
    keys[tail] = key;
    hashes[tail] = hash;
    size++;
  }

  /** The key at the head; the ring must not be empty. */
  Object firstKey() {
    return keys[head];
  }

  int firstHash() {
    return hashes[head];
  }

  void removeFirst() {
    keys[head] = null;
    head = (head + 1) & (keys.length - 1);
    size--;
  }

  /** A second chance: the head key goes to the tail. */
  void moveFirstToLast() {
    int tail = (head + size) & (keys.length - 1);
    keys[tail] = keys[head];
    hashes[tail] = hashes[head];
    removeFirst();
    size++;
  }

  void clear() {
    Arrays.fill(keys, null);
    head = 0;
    size = 0;
  }

  KeyRing copy() {
    KeyRing copy = new KeyRing();
    copy.keys = keys.clone();
    copy.hashes = hashes.clone();
    copy.head = head;
    copy.size = size;
    return copy;
  }

  private void grow() {
    int length = keys.length;
    Object[] newKeys = new Object[length * 2];
    int[] newHashes = new int[length * 2];
    for (int i = 0; i < size; i++) {
      int from = (head + i) & (length - 1);
      newKeys[i] = keys[from];
      newHashes[i] = hashes[from];
    }
    keys = newKeys;
    hashes = newHashes;
    head = 0;
  }
}

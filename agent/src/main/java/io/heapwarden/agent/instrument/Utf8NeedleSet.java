package io.heapwarden.agent.instrument;

import java.util.Arrays;
import java.util.Collection;

/**
 * A set of strings in the class file's modified UTF-8, looked up by a byte range without
 * allocating: first by length (most constant-pool strings have a length no needle has), then by
 * hash, then byte by byte.
 */
final class Utf8NeedleSet {
  private final boolean[] lengthPresent;
  private final byte[][] table; // open addressing by hash, null = empty
  private final int mask;

  private Utf8NeedleSet(boolean[] lengthPresent, byte[][] table) {
    this.lengthPresent = lengthPresent;
    this.table = table;
    this.mask = table.length - 1;
  }

  static Utf8NeedleSet of(Collection<String> strings) {
    // Plain loops: this runs in premain, where a first lambda or stream costs milliseconds.
    byte[][] encoded = new byte[strings.size()][];
    int maxLength = 0;
    int n = 0;
    for (String string : strings) {
      encoded[n] = modifiedUtf8(string);
      maxLength = Math.max(maxLength, encoded[n].length);
      n++;
    }
    boolean[] lengths = new boolean[maxLength + 1];
    int capacity = Integer.highestOneBit(Math.max(4, encoded.length * 4) - 1) << 1;
    byte[][] table = new byte[capacity][];
    for (byte[] needle : encoded) {
      lengths[needle.length] = true;
      int slot = hash(needle, 0, needle.length) & (capacity - 1);
      while (table[slot] != null && !Arrays.equals(table[slot], needle)) {
        slot = (slot + 1) & (capacity - 1);
      }
      table[slot] = needle;
    }
    return new Utf8NeedleSet(lengths, table);
  }

  boolean contains(byte[] bytes, int offset, int length) {
    if (length >= lengthPresent.length || !lengthPresent[length]) {
      return false;
    }
    int slot = hash(bytes, offset, length) & mask;
    for (byte[] candidate = table[slot]; candidate != null; candidate = table[slot]) {
      if (candidate.length == length
          && Arrays.equals(candidate, 0, length, bytes, offset, offset + length)) {
        return true;
      }
      slot = (slot + 1) & mask;
    }
    return false;
  }

  private static int hash(byte[] bytes, int offset, int length) {
    int h = 0x811c9dc5;
    for (int i = offset; i < offset + length; i++) {
      h = (h ^ bytes[i]) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  /** The class-file encoding: NUL as two bytes, supplementary characters as surrogate pairs. */
  static byte[] modifiedUtf8(String s) {
    byte[] out = new byte[s.length() * 3];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007F) {
        out[n++] = (byte) c;
      } else if (c <= 0x07FF) {
        out[n++] = (byte) (0xC0 | (c >> 6));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      } else {
        out[n++] = (byte) (0xE0 | (c >> 12));
        out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return Arrays.copyOf(out, n);
  }
}

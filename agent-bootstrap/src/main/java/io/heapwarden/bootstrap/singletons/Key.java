package io.heapwarden.bootstrap.singletons;

import java.util.Arrays;

/**
 * A registry key: the rule, the constructor or method descriptor (two constructors of one class
 * never share an instance) and the arguments, compared by {@code equals}, arrays by content.
 */
final class Key {
  final int rule;
  final String shape;
  final Object[] args; // null for key: class
  private final int hash;

  Key(int rule, String shape, Object[] args) {
    this.rule = rule;
    this.shape = shape;
    this.args = args;
    this.hash =
        31 * (31 * rule + (shape == null ? 0 : shape.hashCode())) + Arrays.deepHashCode(args);
  }

  /**
   * The key to store: arrays among the arguments are copied, so that a caller that later changes
   * its array cannot change the key under the map.
   */
  Key frozen() {
    return args == null ? this : new Key(rule, shape, copy(args));
  }

  private static Object[] copy(Object[] values) {
    Object[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      copy[i] = copyArray(copy[i]);
    }
    return copy;
  }

  private static Object copyArray(Object value) {
    if (value instanceof Object[]) {
      return copy((Object[]) value);
    } else if (value instanceof int[]) {
      return ((int[]) value).clone();
    } else if (value instanceof long[]) {
      return ((long[]) value).clone();
    } else if (value instanceof byte[]) {
      return ((byte[]) value).clone();
    } else if (value instanceof char[]) {
      return ((char[]) value).clone();
    } else if (value instanceof double[]) {
      return ((double[]) value).clone();
    } else if (value instanceof float[]) {
      return ((float[]) value).clone();
    } else if (value instanceof short[]) {
      return ((short[]) value).clone();
    } else if (value instanceof boolean[]) {
      return ((boolean[]) value).clone();
    }
    return value;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Key)) {
      return false;
    }
    Key that = (Key) other;
    return hash == that.hash
        && rule == that.rule
        && (shape == that.shape || (shape != null && shape.equals(that.shape)))
        && Arrays.deepEquals(args, that.args);
  }
}

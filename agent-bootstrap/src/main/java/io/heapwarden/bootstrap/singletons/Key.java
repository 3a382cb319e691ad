package io.heapwarden.bootstrap.singletons;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A registry key for arguments that are not one plain object: several arguments, none, or arrays,
 * compared by {@code equals}, arrays by content. (A single non-array argument is its own key, and
 * {@code key: class} uses {@link #CLASS}: no allocation on those paths.) Registries are per
 * descriptor, so two constructors of one class never share an instance.
 */
final class Key {
  /** The one key of {@code key: class}. */
  static final Object CLASS = new Object();

  final Object[] args;
  private final int hash;

  Key(Object[] args) {
    this.args = args;
    this.hash = hash(args);
  }

  /** The key for these arguments: the argument itself when there is one plain one. */
  static Object of(Object @Nullable [] args) {
    if (args == null) {
      return CLASS;
    }
    if (args.length == 1 && args[0] != null && !args[0].getClass().isArray()) {
      return args[0];
    }
    return new Key(args);
  }

  /**
   * The key to store: arrays among the arguments are copied, so that a caller that later changes
   * its array cannot change the key under the map.
   */
  Key frozen() {
    return new Key(copy(args));
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

  /** Arrays.deepHashCode, with plain elements (the usual case) hashed without its type tests. */
  private static int hash(Object[] values) {
    int h = 1;
    for (Object value : values) {
      int element;
      if (value == null) {
        element = 0;
      } else if (value.getClass().isArray()) {
        element = Arrays.deepHashCode(new Object[] {value}) - 31;
      } else {
        element = value.hashCode();
      }
      h = 31 * h + element;
    }
    return h;
  }

  /** Arrays.deepEquals, with plain elements compared directly. */
  private static boolean equal(Object[] a, Object[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      Object x = a[i];
      Object y = b[i];
      if (x == y) {
        continue;
      }
      if (x == null || y == null) {
        return false;
      }
      if (x.getClass().isArray() || y.getClass().isArray()) {
        if (!Arrays.deepEquals(new Object[] {x}, new Object[] {y})) {
          return false;
        }
      } else if (!x.equals(y)) {
        return false;
      }
    }
    return true;
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
    return hash == that.hash && equal(args, that.args);
  }
}

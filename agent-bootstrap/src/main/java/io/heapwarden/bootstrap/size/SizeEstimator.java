package io.heapwarden.bootstrap.size;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Estimates the retained size of an object: itself and what it reaches, as a heap dump would count
 * it (shared objects included). JDK only, no instrumentation: sizes come from the JVM's layout
 * ({@link JvmLayout}) and each class's declared fields ({@link ClassLayout}).
 *
 * <ul>
 *   <li>Strings: the {@code String} and its array, one byte per character when every character is
 *       Latin-1 (and compact strings are on), else two.
 *   <li>Arrays: exact from the length and element size; the elements of an object array are walked.
 *   <li>JDK maps and collections, whose fields reflection may not read: the container, an estimate
 *       of its nodes or backing array from its size and kind, and the elements, read through the
 *       public iteration API.
 *   <li>Other objects: the shallow size from the declared fields, and a walk of the reference
 *       fields reflection may read (classes of the service itself, not the JDK's internals).
 * </ul>
 *
 * The walk stops at {@link #MAX_DEPTH} levels and after {@link #MAX_NODES} objects; a collection or
 * array cut short counts its remaining elements at the average of those it walked. Classes, class
 * loaders and threads are not walked (they are shared by everything). Never throws: what cannot be
 * read is not counted.
 */
public final class SizeEstimator {
  static final int MAX_DEPTH = 12;
  static final int MAX_NODES = 256;
  private static final int MAX_SCANNED_CHARS = 1 << 16;

  private final JvmLayout jvm;
  private final long stringShallow;

  SizeEstimator(JvmLayout jvm) {
    this.jvm = jvm;
    this.stringShallow = ClassLayout.of(String.class, jvm).shallowBytes;
  }

  private static final class Holder {
    static final SizeEstimator CURRENT = new SizeEstimator(JvmLayout.current());
  }

  /** The estimated retained size of {@code value} in this JVM, in bytes; 0 for null. */
  public static long estimate(@Nullable Object value) {
    return Holder.CURRENT.retainedSize(value);
  }

  long retainedSize(@Nullable Object value) {
    if (value == null) {
      return 0;
    }
    long leaf = leafSize(value); // the common contents, without allocating a walk
    return leaf >= 0 ? leaf : new Walk().size(value, 0);
  }

  /** The size of an object that references nothing to walk, or -1. */
  private long leafSize(Object value) {
    Class<?> type = value.getClass();
    if (type == String.class) {
      return stringSize((String) value);
    }
    if (type.isArray() && type.getComponentType().isPrimitive()) {
      return jvm.arrayBytes(
          java.lang.reflect.Array.getLength(value),
          ClassLayout.primitiveBytes(type.getComponentType()));
    }
    if (value instanceof Number || value instanceof Character || value instanceof Boolean) {
      if (type.getClassLoader() == null) { // the JDK's boxes, BigDecimal aside: no references
        return type.getName().startsWith("java.math.")
            ? -1
            : ClassLayout.forClass(type).shallowBytes;
      }
    }
    return -1;
  }

  private long stringSize(String s) {
    int length = s.length();
    boolean latin1 = jvm.compactStrings;
    for (int i = 0, n = Math.min(length, MAX_SCANNED_CHARS); latin1 && i < n; i++) {
      latin1 = s.charAt(i) <= 0xFF;
    }
    return stringShallow + jvm.arrayBytes(latin1 ? length : 2 * length, 1);
  }

  /** One estimate's walk: the objects seen (counted once) and the node budget left. */
  private final class Walk {
    private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    private int nodesLeft = MAX_NODES;

    long size(Object value, int depth) {
      if (value == null
          || depth > MAX_DEPTH
          || nodesLeft <= 0
          || seen.put(value, Boolean.TRUE) != null) {
        return 0;
      }
      nodesLeft--;
      try {
        long leaf = leafSize(value);
        if (leaf >= 0) {
          return leaf;
        }
        if (value instanceof Class
            || value instanceof ClassLoader
            || value instanceof Thread
            || value instanceof Module) {
          return 0;
        }
        if (value instanceof Object[]) {
          Object[] array = (Object[]) value;
          return jvm.arrayBytes(array.length, jvm.referenceBytes)
              + elements(java.util.Arrays.asList(array).iterator(), array.length, depth);
        }
        Class<?> type = value.getClass();
        if (type.getClassLoader() == null && value instanceof Map) {
          Map<?, ?> map = (Map<?, ?>) value;
          int size = map.size();
          return ClassLayout.forClass(type).shallowBytes
              + ContainerOverhead.ofMap(type, size, jvm)
              + entries(map.entrySet().iterator(), size, depth);
        }
        if (type.getClassLoader() == null && value instanceof Collection) {
          Collection<?> collection = (Collection<?>) value;
          int size = collection.size();
          return ClassLayout.forClass(type).shallowBytes
              + ContainerOverhead.ofCollection(type, size, jvm)
              + elements(collection.iterator(), size, depth);
        }
        ClassLayout layout = ClassLayout.forClass(type);
        long bytes = layout.shallowBytes;
        for (Field field : layout.references) {
          bytes += size(field.get(value), depth + 1);
        }
        return bytes;
      } catch (Throwable unreadable) { // raced, or not readable: what was counted stands
        return 0;
      }
    }

    /** Walks elements while the budget lasts, then counts the rest at the walked average. */
    private long elements(Iterator<?> it, int size, int depth) {
      long bytes = 0;
      int walked = 0;
      while (nodesLeft > 0 && it.hasNext()) {
        bytes += size(it.next(), depth + 1);
        walked++;
      }
      return extrapolated(bytes, walked, size);
    }

    private long entries(Iterator<? extends Map.Entry<?, ?>> it, int size, int depth) {
      long bytes = 0;
      int walked = 0;
      while (nodesLeft > 0 && it.hasNext()) {
        Map.Entry<?, ?> entry = it.next();
        bytes += size(entry.getKey(), depth + 1) + size(entry.getValue(), depth + 1);
        walked++;
      }
      return extrapolated(bytes, walked, size);
    }

    private long extrapolated(long bytes, int walked, int size) {
      return walked == 0 || walked >= size ? bytes : bytes / walked * size;
    }
  }
}

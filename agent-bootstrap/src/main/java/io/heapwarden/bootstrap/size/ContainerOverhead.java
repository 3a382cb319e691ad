package io.heapwarden.bootstrap.size;

/**
 * The bytes a JDK map or collection spends on its own structure (nodes, tables, backing arrays) for
 * a given number of entries, estimated from its kind, since reflection may not read the JDK's
 * fields. Node sizes follow the JDK's node classes (hash, key, value, next; plus before/after for
 * the linked maps; left, right, parent and color for the trees).
 */
final class ContainerOverhead {
  private ContainerOverhead() {}

  static long ofMap(Class<?> type, int size, JvmLayout jvm) {
    String name = type.getName();
    if (name.startsWith("java.util.ImmutableCollections$")) {
      return jvm.arrayBytes(
          2 * Math.max(size, 1) * 2, jvm.referenceBytes); // keys and values, probed
    }
    if (name.contains("Tree") || name.contains("Skip")) {
      return (long) size * treeNode(jvm);
    }
    return (long) size * hashNode(name.contains("Linked"), jvm) + hashTable(size, jvm);
  }

  static long ofCollection(Class<?> type, int size, JvmLayout jvm) {
    String name = type.getName();
    if (name.startsWith("java.util.ImmutableCollections$")) {
      return name.contains("Set")
          ? jvm.arrayBytes(2 * size, jvm.referenceBytes)
          : size <= 2 ? 0 : jvm.arrayBytes(size, jvm.referenceBytes);
    }
    if (name.endsWith("HashSet") || name.contains("KeySetView")) { // a HashMap inside
      return jvm.align(jvm.objectHeaderBytes + 4 * 4 + 3 * jvm.referenceBytes + 4)
          + (long) size * hashNode(name.contains("Linked"), jvm)
          + hashTable(size, jvm);
    }
    if (name.contains("Tree") || name.contains("Skip")) {
      return jvm.align(jvm.objectHeaderBytes + 3 * 4 + 6 * jvm.referenceBytes)
          + (long) size * treeNode(jvm);
    }
    if (name.contains("Linked")) {
      return (long) size * jvm.align(jvm.objectHeaderBytes + 3L * jvm.referenceBytes);
    }
    // Array-backed: ArrayList grows by half, so a backing array is on average about an eighth
    // larger than its contents; it starts at 10.
    long capacity = size == 0 ? 0 : Math.max(10, size + size / 8);
    return jvm.arrayBytes((int) Math.min(capacity, Integer.MAX_VALUE - 64), jvm.referenceBytes);
  }

  private static long hashNode(boolean linked, JvmLayout jvm) {
    return jvm.align(jvm.objectHeaderBytes + 4 + (linked ? 5 : 3) * jvm.referenceBytes);
  }

  private static long treeNode(JvmLayout jvm) {
    return jvm.align(jvm.objectHeaderBytes + 1 + 5 * jvm.referenceBytes);
  }

  /** A power-of-two table kept at most three quarters full. */
  private static long hashTable(int size, JvmLayout jvm) {
    if (size == 0) {
      return 0;
    }
    int needed = (int) Math.min((long) size * 4 / 3 + 1, 1 << 30);
    int table = Math.max(16, Integer.highestOneBit(needed - 1) << 1);
    return jvm.arrayBytes(table, jvm.referenceBytes);
  }
}

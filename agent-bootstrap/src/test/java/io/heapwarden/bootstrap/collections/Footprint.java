package io.heapwarden.bootstrap.collections;

import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.openjdk.jol.util.ObjectUtils;
import org.openjdk.jol.vm.VM;

/**
 * The bytes a collection occupies, measured with JOL's object sizes: every object reachable from
 * it, except the objects it shares with others (its rule, its entries' keys and values, class
 * objects, enum constants) and except what a weak reference refers to (a weak reference holds
 * nothing alive). So the difference between a bounded collection and its JDK original is what
 * bounding it costs.
 */
final class Footprint {
  private Footprint() {}

  /** The bytes of {@code root}'s graph, without the objects in {@code shared} and theirs. */
  static long of(Object root, Iterable<?> shared) {
    Set<Object> skip = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Object o : shared) {
      skip.add(o);
    }
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Object> pending = new ArrayDeque<>();
    pending.push(root);
    long bytes = 0;
    while (!pending.isEmpty()) {
      Object o = pending.pop();
      if (skip.contains(o) || o instanceof Class || o instanceof Enum || !seen.add(o)) {
        continue;
      }
      bytes += VM.current().sizeOf(o);
      for (Object next : references(o)) {
        if (next != null) {
          pending.push(next);
        }
      }
    }
    return bytes;
  }

  private static List<Object> references(Object o) {
    List<Object> out = new ArrayList<>();
    Class<?> type = o.getClass();
    if (type.isArray()) {
      if (!type.getComponentType().isPrimitive()) {
        for (int i = 0; i < Array.getLength(o); i++) {
          out.add(Array.get(o, i));
        }
      }
      return out;
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c == Reference.class) {
        continue; // referent, queue and the GC's links: nothing the collection holds alive
      }
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
          out.add(ObjectUtils.value(o, field));
        }
      }
    }
    return out;
  }
}

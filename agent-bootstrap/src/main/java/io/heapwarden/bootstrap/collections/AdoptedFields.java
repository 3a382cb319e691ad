package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.Signals;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * After a dynamic attach: what the reads of a {@code collections:} or {@code sessions:} rule's
 * field call in the classes the service loaded before the agent. A collection stored there before
 * the attach was never seen by the field-write hook; on its first read it is replaced by what that
 * hook would have stored (a bounded copy trimmed to the bound, or a session map: see {@link
 * Binder}), written back into the field through reflection, since the field may be final. Only in
 * retransformed classes: code loaded after the agent stores bounded values already.
 *
 * <p>Written back only while the field still holds what was read (checked under a lock per field,
 * against other readers; a store by the service in that instant wins). Entries another thread adds
 * to the old collection between the copy and the write-back, and a thread that keeps the old
 * collection in a local variable, are outside its reach; see docs/attach.md.
 */
public final class AdoptedFields {
  /**
   * By rule id: the classes (weakly: a registered class can still be unloaded) declaring the ruled
   * field, one per class loader that loaded it; the accessible field itself is in {@link #FIELDS}.
   */
  private static volatile List<Owner>[] owners = newTable(0);

  /** Per declaring class, its registered fields by name (the class holds them, not this). */
  private static final ClassValue<Map<String, Field>> FIELDS =
      new ClassValue<Map<String, Field>>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  /** The rule ids that refused to bound a value of a class: not copied again at every read. */
  private static final ClassValue<Set<Integer>> REFUSED =
      new ClassValue<Set<Integer>>() {
        @Override
        protected Set<Integer> computeValue(Class<?> type) {
          return ConcurrentHashMap.newKeySet();
        }
      };

  private AdoptedFields() {}

  @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
  private static List<Owner>[] newTable(int length) {
    return new List[length];
  }

  /** Registers a ruled field (accessible, and writable if final) of an already-loaded class. */
  public static synchronized void register(int ruleId, Field field) {
    Class<?> owner = field.getDeclaringClass();
    if (FIELDS.get(owner).putIfAbsent(field.getName(), field) != null) {
      return; // registered by an earlier attach
    }
    List<Owner>[] table = owners;
    if (table.length <= ruleId) {
      List<Owner>[] grown = newTable(ruleId + 1);
      System.arraycopy(table, 0, grown, 0, table.length);
      table = grown;
    } else {
      table = table.clone();
    }
    List<Owner> forRule = new ArrayList<>();
    if (table[ruleId] != null) {
      for (Owner known : table[ruleId]) {
        if (known.type.get() != null) {
          forRule.add(known);
        }
      }
    }
    forRule.add(new Owner(owner, field.getName()));
    table[ruleId] = List.copyOf(forRule);
    owners = table;
  }

  /** How many classes have registered a rule's field: for tests and the attach log. */
  public static int registered(int ruleId) {
    List<Owner>[] table = owners;
    return ruleId < table.length && table[ruleId] != null ? table[ruleId].size() : 0;
  }

  /**
   * Returns what the read yields: {@code value}, or once, a bounded copy of it that the field now
   * holds.
   *
   * @param holder the object whose field was read; null for a static field
   */
  public static Object onFieldRead(@Nullable Object holder, Object value, int ruleId, boolean lru) {
    return onFieldRead(holder, value, ruleId, lru ? LRU : FIFO);
  }

  /** What replaces a value stored before the attach: what the rule's field-write hook stores. */
  public interface Binder {
    /** Whether {@code value} is already what the hook stores. */
    boolean isBound(Object value);

    /** The replacement, or {@code value} itself when it cannot be replaced (reported by it). */
    Object bind(Object value, Rule rule);
  }

  private static final Binder LRU = collections(true);
  private static final Binder FIFO = collections(false);

  private static Binder collections(boolean lru) {
    return new Binder() {
      @Override
      public boolean isBound(Object value) {
        return CollectionHooks.isBounded(value);
      }

      @Override
      public Object bind(Object value, Rule rule) {
        return BoundedCollections.boundOrKeep(value, rule, lru);
      }
    };
  }

  /**
   * {@link #onFieldRead(Object, Object, int, boolean)} with the replacement {@code binder} makes.
   */
  public static Object onFieldRead(
      @Nullable Object holder, Object value, int ruleId, Binder binder) {
    if (value == null || binder.isBound(value)) {
      return value;
    }
    Rule rule = RuleTable.get(ruleId);
    if (rule == null || !rule.enabled() || REFUSED.get(value.getClass()).contains(ruleId)) {
      return value;
    }
    List<Owner>[] table = owners;
    List<Owner> candidates = ruleId < table.length ? table[ruleId] : null;
    if (candidates == null) {
      return value;
    }
    for (Owner candidate : candidates) {
      Class<?> owner = candidate.type.get();
      Field field = owner == null ? null : FIELDS.get(owner).get(candidate.field);
      if (field != null && holds(field, holder)) {
        Object adopted = adopt(field, holder, value, rule, binder);
        if (adopted != null) {
          return adopted;
        }
      }
    }
    return value;
  }

  private static boolean holds(Field field, @Nullable Object holder) {
    boolean isStatic = Modifier.isStatic(field.getModifiers());
    return holder == null ? isStatic : !isStatic && field.getDeclaringClass().isInstance(holder);
  }

  /** Null when {@code field} is static and holds something else: the field of another loader. */
  private static @Nullable Object adopt(
      Field field, @Nullable Object holder, Object value, Rule rule, Binder binder) {
    try {
      synchronized (field) { // one Field object per registered field: a lock of the agent's own
        Object current = field.get(holder);
        if (current != value) {
          if (holder == null) {
            return null;
          }
          return current == null ? value : current; // another reader adopted it, or a new store
        }
        Object bounded = binder.bind(value, rule);
        if (bounded == value) {
          REFUSED.get(value.getClass()).add(rule.id()); // reported once by the binder
          return value;
        }
        field.set(holder, bounded);
        return bounded;
      }
    } catch (Throwable failure) {
      // Not the rule's failure: it still bounds new stores; only this field's old value stays.
      REFUSED.get(value.getClass()).add(rule.id());
      Signals.notBounded(
          rule,
          value.getClass(),
          "it was stored before the attach and " + field + " cannot be written: " + failure);
      return value;
    }
  }

  /** A class declaring a ruled field, held weakly, and the field's name. */
  private static final class Owner {
    final WeakReference<Class<?>> type;
    final String field;

    Owner(Class<?> type, String field) {
      this.type = new WeakReference<>(type);
      this.field = field;
    }
  }
}
